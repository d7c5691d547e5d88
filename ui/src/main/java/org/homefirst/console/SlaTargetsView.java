package org.homefirst.console;

import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.PermitAll;
import java.util.Locale;
import org.homefirst.base.Formats;
import org.homefirst.base.MainLayout;
import org.homefirst.inbox.SlaRules;
import org.homefirst.inbox.TeamMember;
import org.homefirst.referral.InvalidSlaTarget;
import org.homefirst.referral.SlaTargets;
import org.homefirst.referral.SlaTargets.Target;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The SLA targets managers may change: each rule in words with its target, the default and who
 * last changed it. A change is checked, confirmed with its effect named (new journeys only), and
 * audited by {@link SlaTargets}.
 */
@Route(value = "console/targets", layout = MainLayout.class)
@PageTitle("SLA targets | Home First")
@PermitAll
public class SlaTargetsView extends VerticalLayout implements BeforeEnterObserver {

  final Grid<Target> grid = new Grid<>();
  final TextField value = new TextField("New target");
  final Button check = new Button("Check change");
  final Paragraph effect = new Paragraph();
  final Button confirm = new Button("Confirm change");
  final Button cancel = new Button("Cancel");
  final H3 editing = new H3();
  private final Div editor = new Div();
  private final SlaTargets targets;
  private final SlaRules rules;
  private final ConsoleAccess console;
  private final TeamMember me;
  private Target chosen;

  public SlaTargetsView(SlaTargets targets, SlaRules rules, ConsoleAccess console) {
    this.targets = targets;
    this.rules = rules;
    this.console = console;
    this.me = TeamMember.of(SecurityContextHolder.getContext().getAuthentication());
    add(new ConsoleTabs("console/targets"), new H2("SLA targets"));
  }

  @Override
  public void beforeEnter(BeforeEnterEvent event) {
    open();
  }

  /** Builds the page for a console user, or says why not (the refusal is audited). */
  void open() {
    if (grid.getParent().isPresent() || getElement().hasAttribute("data-refused")) {
      return;
    }
    try {
      console.checkMayOpen(me, "SLA targets");
    } catch (ConsoleRefused refused) {
      add(new Paragraph(refused.getMessage() + "."));
      getElement().setAttribute("data-refused", "true");
      return;
    }
    build();
  }

  private void build() {
    add(new Paragraph("The time each service standard allows. A change applies to journeys that start after it: "
        + "clocks already running keep the target they started with. Every change is audited."));
    grid.addColumn(t -> rules.ofTarget(t.clock(), t.value()).orElse(t.clock())).setHeader("Rule").setFlexGrow(3);
    grid.addColumn(t -> SlaRules.words(t.value()) + " (" + t.value() + ")").setHeader("Target").setFlexGrow(1);
    grid.addColumn(t -> t.defaultValue() == null ? "none" : SlaRules.words(t.defaultValue())).setHeader("Default")
        .setFlexGrow(1);
    grid.addColumn(t -> t.changedBy() == null ? "Default in force"
        : "By " + t.changedBy() + ", " + Formats.dateTime(t.changedAt())).setHeader("Last changed").setFlexGrow(2);
    grid.addComponentColumn(t -> {
      Button change = new Button("Change", e -> choose(t));
      change.addThemeVariants(ButtonVariant.LUMO_SMALL);
      change.getElement().setAttribute("aria-label", "Change the target of: " + rules.ofTarget(t.clock(), t.value())
          .orElse(t.clock()));
      return change;
    }).setHeader("").setFlexGrow(0).setWidth("7rem");
    grid.addThemeVariants(GridVariant.LUMO_WRAP_CELL_CONTENT, GridVariant.LUMO_ROW_STRIPES);
    grid.setAllRowsVisible(true);

    value.setHelperText("ISO 8601: PT24H is 24 hours, PT90M 90 minutes, P2D 2 days");
    value.setClearButtonVisible(true);
    check.addClickListener(e -> check());
    check.addClickShortcut(Key.ENTER).listenOn(value);
    confirm.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
    confirm.addClickListener(e -> confirm());
    cancel.addClickListener(e -> close());
    effect.getElement().setAttribute("role", "status");
    HorizontalLayout entry = new HorizontalLayout(value, check);
    entry.setAlignItems(Alignment.BASELINE);
    editor.add(editing, entry, effect, new HorizontalLayout(confirm, cancel));
    add(grid, editor);
    close();
    refresh();
  }

  void choose(Target target) {
    chosen = target;
    editing.setText("Change: " + rules.ofTarget(target.clock(), target.value()).orElse(target.clock()));
    value.setValue(target.value());
    value.setInvalid(false);
    effect.setText("");
    confirm.setVisible(false);
    editor.setVisible(true);
    value.focus();
  }

  /** Checks the entry and names its effect before anything changes. */
  void check() {
    String problem = SlaTargets.problem(value.getValue());
    value.setInvalid(problem != null);
    value.setErrorMessage(problem);
    confirm.setVisible(problem == null);
    if (problem != null) {
      effect.setText("");
      return;
    }
    String entered = value.getValue().strip().toUpperCase(Locale.ROOT);
    effect.setText("New journeys will run to \u201c" + rules.ofTarget(chosen.clock(), entered).orElse(entered)
        + "\u201d instead of " + SlaRules.words(chosen.value()) + ". Journeys already running keep their clocks.");
    confirm.focus();
  }

  void confirm() {
    try {
      Target changed = targets.change(me, chosen.clock(), value.getValue());
      Notification.show("Changed for new journeys: " + rules.ofTarget(changed.clock(), changed.value())
          .orElse(changed.clock())).addThemeVariants(NotificationVariant.LUMO_SUCCESS);
      close();
      refresh();
    } catch (InvalidSlaTarget invalid) {
      value.setInvalid(true);
      value.setErrorMessage(invalid.getMessage());
      confirm.setVisible(false);
    } catch (ConsoleRefused refused) {
      Notification.show(refused.getMessage()).addThemeVariants(NotificationVariant.LUMO_ERROR);
    }
  }

  private void close() {
    chosen = null;
    editor.setVisible(false);
  }

  void refresh() {
    grid.setItems(targets.targets());
  }
}
