package org.homefirst.inbox;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.data.provider.DataProvider;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouterLink;
import com.vaadin.flow.shared.Registration;
import jakarta.annotation.security.PermitAll;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.homefirst.base.Formats;
import org.homefirst.base.MainLayout;
import org.homefirst.journey.JourneyView;
import org.springframework.security.core.context.SecurityContextHolder;

/** The coordinator's work queues: pick a queue, claim a task, complete it with its form. */
@Route(value = "", layout = MainLayout.class)
@PageTitle("Work queues | Home First")
@PermitAll
public class InboxView extends VerticalLayout {

  record QueueChoice(String label, TaskInbox.Queue queue) {}

  static final Map<Integer, String> PATHWAYS =
      Map.of(
          0, "0 – home, no new support",
          1, "1 – home with support (Home First)",
          2, "2 – community rehab bed",
          3, "3 – 24-hour bed-based care");

  private final TaskInbox inbox;
  private final TaskBoard board;
  private final Clock clock;
  private final TeamMember me;
  final Select<QueueChoice> queues = new Select<>();
  final Grid<InboxTask> grid = new Grid<>();
  final Paragraph empty = new Paragraph();
  final VerticalLayout detail = new VerticalLayout();
  private Registration boardRegistration;

  public InboxView(TaskInbox inbox, TaskBoard board, Clock clock) {
    this.inbox = inbox;
    this.board = board;
    this.clock = clock;
    this.me = TeamMember.of(SecurityContextHolder.getContext().getAuthentication());
    setSizeFull();

    queues.setLabel("Queue");
    queues.setItemLabelGenerator(QueueChoice::label);
    queues.addValueChangeListener(e -> refresh());

    grid.addColumn(InboxTask::name).setHeader("Task").setAutoWidth(true);
    grid.addColumn(t -> t.patientName() == null ? "" : t.patientName()).setHeader("Patient").setAutoWidth(true);
    grid.addColumn(t -> Formats.nhsNumber(t.nhsNumber())).setHeader("NHS number").setAutoWidth(true);
    grid.addColumn(t -> t.hospital() + " · " + t.ward()).setHeader("Hospital / ward").setAutoWidth(true);
    grid.addColumn(t -> String.join(", ", t.candidateGroups())).setHeader("Team");
    grid.addComponentColumn(this::clockBadge).setHeader("Due").setAutoWidth(true);
    grid.addColumn(t -> t.assignee() == null ? "unclaimed" : t.assignee()).setHeader("Claimed by");
    grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
    grid.setPageSize(50);
    grid.asSingleSelect().addValueChangeListener(e -> showDetail(e.getValue()));

    empty.setVisible(false);
    detail.setWidth("28rem");
    detail.setVisible(false);
    HorizontalLayout body = new HorizontalLayout(grid, detail);
    body.setSizeFull();
    body.setFlexGrow(1, grid);
    add(new H2("Work queues"), queues, empty, body);
    loadQueues();
  }

  private void loadQueues() {
    List<QueueChoice> choices = new ArrayList<>();
    choices.add(new QueueChoice(label("My tasks", new TaskInbox.Queue.Mine()), new TaskInbox.Queue.Mine()));
    for (String team : me.teams()) {
      TaskInbox.Queue q = new TaskInbox.Queue.Team(team);
      choices.add(new QueueChoice(label("Team " + team, q), q));
    }
    choices.add(new QueueChoice(label("All I can see", new TaskInbox.Queue.AllVisible()), new TaskInbox.Queue.AllVisible()));
    QueueChoice current = queues.getValue();
    queues.setItems(choices);
    int index = current == null ? (choices.get(0).label().endsWith("(0)") && choices.size() > 1 ? 1 : 0)
        : choices.stream().map(QueueChoice::queue).toList().indexOf(current.queue());
    queues.setValue(choices.get(Math.max(0, index)));
  }

  private String label(String name, TaskInbox.Queue q) {
    return name + " (" + inbox.count(me, q) + ")";
  }

  void refresh() {
    QueueChoice choice = queues.getValue();
    if (choice == null) {
      return;
    }
    TaskInbox.Queue queue = choice.queue();
    int total = inbox.count(me, queue);
    grid.setItems(
        DataProvider.fromCallbacks(
            q -> inbox.tasks(me, queue, q.getOffset(), q.getLimit()).stream(), q -> inbox.count(me, queue)));
    empty.setVisible(total == 0);
    empty.setText(
        queue instanceof TaskInbox.Queue.Mine
            ? "You have no claimed tasks. Claim one from a team queue."
            : "Nothing waiting in this queue. New referrals appear here as they arrive.");
  }

  private Span clockBadge(InboxTask t) {
    Duration left = t.timeLeft(clock.instant());
    Span badge = new Span(Formats.clock(left));
    badge.getElement().getThemeList().add("badge");
    if (left != null && left.isNegative()) {
      badge.getElement().getThemeList().add("error primary");
    } else if (left != null && left.compareTo(Duration.ofHours(4)) < 0) {
      badge.getElement().getThemeList().add("contrast");
      badge.setText("DUE SOON: " + Formats.clock(left));
    }
    badge.setTitle(t.dueAt() == null ? "No due time" : "Due " + Formats.dateTime(t.dueAt()));
    return badge;
  }

  private void showDetail(InboxTask task) {
    detail.removeAll();
    detail.setVisible(task != null);
    if (task == null) {
      return;
    }
    detail.add(new H2(task.name()));
    detail.add(new Paragraph(task.patientName() + " · NHS " + Formats.nhsNumber(task.nhsNumber())));
    if (task.dischargeReadyAt() != null) {
      long days = Duration.between(task.dischargeReadyAt(), clock.instant()).toDays();
      detail.add(new Paragraph("Discharge ready since " + Formats.dateTime(task.dischargeReadyAt()) + " (" + days + " days)"));
    }
    if (task.referralId() != null) {
      detail.add(new RouterLink("Patient journey", JourneyView.class, task.referralId().toString()));
    }
    if (task.assignee() == null) {
      Button claim = new Button("Claim", e -> act(() -> inbox.claim(me, task.key()), "Claimed"));
      claim.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
      detail.add(claim);
    } else if (task.assignee().equals(me.username())) {
      detail.add(new Button("Release", e -> act(() -> inbox.unclaim(me, task.key()), "Released")));
      detail.add(form(task));
    } else {
      detail.add(new Paragraph("Claimed by " + task.assignee()));
    }
  }

  private VerticalLayout form(InboxTask task) {
    VerticalLayout form = new VerticalLayout();
    form.setPadding(false);
    if (!"homefirst:triage".equals(task.formKey())) {
      Button done = new Button("Complete", e -> act(() -> inbox.complete(me, task.key(), Map.of()), "Completed"));
      form.add(done);
      return form;
    }
    Select<Integer> pathway = new Select<>();
    pathway.setLabel("Pathway");
    pathway.setItems(0, 1, 2, 3);
    pathway.setItemLabelGenerator(PATHWAYS::get);
    pathway.setRequiredIndicatorVisible(true);
    TextArea notes = new TextArea("Notes for the ward and receiving team");
    notes.setMaxLength(2000);
    notes.setWidthFull();
    Button complete = new Button("Complete triage");
    complete.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
    complete.addClickShortcut(Key.ENTER, com.vaadin.flow.component.KeyModifier.CONTROL);
    complete.addClickListener(
        e -> {
          Map<String, Object> values = new HashMap<>();
          values.put("triagePathway", pathway.getValue());
          if (!notes.getValue().isBlank()) {
            values.put("triageNotes", notes.getValue());
          }
          try {
            inbox.complete(me, task.key(), values);
            notify("Triage completed", false);
            grid.asSingleSelect().clear();
            loadQueues();
          } catch (TaskRefused r) {
            pathway.setInvalid(r.fieldErrors().containsKey("triagePathway"));
            pathway.setErrorMessage(r.fieldErrors().get("triagePathway"));
            notes.setInvalid(r.fieldErrors().containsKey("triageNotes"));
            notes.setErrorMessage(r.fieldErrors().get("triageNotes"));
            notify(r.getMessage(), true);
          }
        });
    form.add(pathway, notes, complete);
    return form;
  }

  private void act(Runnable action, String done) {
    try {
      action.run();
      notify(done, false);
      InboxTask selected = grid.asSingleSelect().getValue();
      loadQueues();
      if (selected != null) {
        inbox.find(me, selected.key()).ifPresentOrElse(this::showDetail, () -> showDetail(null));
      }
    } catch (TaskRefused r) {
      notify(r.getMessage(), true);
    }
  }

  private static void notify(String text, boolean error) {
    Notification n = Notification.show(text, 4000, Notification.Position.BOTTOM_START);
    n.addThemeVariants(error ? NotificationVariant.LUMO_ERROR : NotificationVariant.LUMO_SUCCESS);
  }

  @Override
  protected void onAttach(AttachEvent event) {
    UI ui = event.getUI();
    boardRegistration = board.onChange(() -> ui.access(this::loadQueues));
  }

  @Override
  protected void onDetach(DetachEvent event) {
    if (boardRegistration != null) {
      boardRegistration.remove();
    }
  }
}
