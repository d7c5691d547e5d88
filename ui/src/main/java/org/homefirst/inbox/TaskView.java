package org.homefirst.inbox;

import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEvent;
import com.vaadin.flow.router.HasUrlParameter;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouterLink;
import jakarta.annotation.security.PermitAll;
import java.time.Clock;
import org.homefirst.base.MainLayout;
import org.homefirst.delay.Delays;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * One task by its address ({@code /tasks/<key>}), e.g. from the journey page or a link a colleague
 * sent. A task outside the person's teams is refused (and the attempt audited).
 */
@Route(value = "tasks", layout = MainLayout.class)
@PageTitle("Task | Home First")
@PermitAll
public class TaskView extends VerticalLayout implements HasUrlParameter<String> {

  private final TaskInbox inbox;
  private final TaskPanel panel;
  private final TeamMember me;

  public TaskView(TaskInbox inbox, Delays delays, Clock clock, SlaRules rules) {
    this.inbox = inbox;
    this.me = TeamMember.of(SecurityContextHolder.getContext().getAuthentication());
    this.panel = new TaskPanel(inbox, delays, clock, rules, me, () -> {});
    panel.setMaxWidth("40rem");
  }

  @Override
  public void setParameter(BeforeEvent event, String key) {
    removeAll();
    long taskKey;
    try {
      taskKey = Long.parseLong(key);
    } catch (NumberFormatException e) {
      taskKey = -1;
    }
    var task = inbox.open(me, taskKey);
    if (task.isEmpty()) {
      H2 title = new H2("You cannot open this task");
      add(title,
          new Paragraph("Task " + key + " is not open, or it is not in one of your teams' queues ("
              + Teams.names(me.teams()) + "). Ask the team that owns it, or a team lead, if you need it."),
          new RouterLink("Back to work queues", InboxView.class));
      getElement().setAttribute("data-refused", "true");
      return;
    }
    add(new RouterLink("Back to work queues", InboxView.class), panel);
    panel.show(task.get());
  }
}
