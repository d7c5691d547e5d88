package org.homefirst.journey;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.shared.Registration;
import org.homefirst.inbox.TaskBoard;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEvent;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.HasUrlParameter;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouterLink;
import jakarta.annotation.security.PermitAll;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.homefirst.base.Formats;
import org.homefirst.base.MainLayout;
import org.homefirst.delay.Delays;
import org.homefirst.incident.IncidentRefused;
import org.homefirst.incident.Incidents;
import org.homefirst.inbox.ClockBadge;
import org.homefirst.inbox.FormCatalog;
import org.homefirst.inbox.SlaRules;
import org.homefirst.inbox.Teams;
import org.homefirst.inbox.InboxTask;
import org.homefirst.inbox.InboxView;
import org.homefirst.inbox.TaskInbox;
import org.homefirst.inbox.TaskView;
import org.homefirst.inbox.TeamMember;
import org.homefirst.referral.Referral;
import org.homefirst.referral.ReferralIntake;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * One patient's journey across organisations ("tell the story once"): where the patient is in words
 * ({@link JourneyState}) and the discharge ready date's history, the journey's incidents (retried
 * here by operators), where it is now on the diagram, current tasks and clocks, delays, and the
 * timeline told for people (every engine step on demand). Open to those {@link org.homefirst.inbox.ReferralAccess} lets see the patient; every
 * view and every refusal is audited.
 */
@Route(value = "referrals", layout = MainLayout.class)
@PermitAll
public class JourneyView extends VerticalLayout implements HasUrlParameter<String>, HasDynamicTitle {

  private final ReferralIntake referrals;
  private final JourneyLog journey;
  private final TaskInbox inbox;
  private final Delays delays;
  private final Clock clock;
  private final SlaRules rules;
  private final AssessmentRecord assessment;
  final Grid<JourneyStory.Line> timeline = new Grid<>();
  /** Kept across redraws of the page, like the timeline, so the choice stays while on it. */
  final Checkbox engineDetail = new Checkbox("Show engine detail");
  private final Paragraph noSteps = new Paragraph("Nothing has happened on this journey yet.");
  private final JourneyStory story;
  private List<JourneyStory.Line> lines = List.of();
  private String title = "Journey | Home First";
  private final TaskBoard board;
  private Referral shown;
  private long shownEvent;
  private Registration boardRegistration;

  private final org.homefirst.referral.JourneyEvents events;
  private final Incidents incidents;
  JourneyUpdates updates;

  public JourneyView(ReferralIntake referrals, JourneyLog journey, TaskInbox inbox, Delays delays, Clock clock,
      TaskBoard board, org.homefirst.referral.JourneyEvents events, SlaRules rules, FormCatalog forms,
      Incidents incidents) {
    this.incidents = incidents;
    this.story = new JourneyStory(forms::of, timer -> rules.ofClock(timer).isPresent());
    this.assessment = new AssessmentRecord(forms);
    this.events = events;
    this.rules = rules;
    this.board = board;
    this.referrals = referrals;
    this.journey = journey;
    this.inbox = inbox;
    this.delays = delays;
    this.clock = clock;
    timeline.addColumn(l -> Formats.dateTime(l.at())).setHeader("When").setWidth("9.5rem").setFlexGrow(0);
    timeline.addColumn(JourneyStory.Line::what).setHeader("What").setFlexGrow(1);
    timeline.addColumn(l -> l.who(engineDetail.getValue())).setHeader("Who").setWidth("10rem").setFlexGrow(0);
    timeline.addColumn(JourneyStory.Line::detail).setHeader("Detail").setFlexGrow(1)
        .setTooltipGenerator(JourneyStory.Line::fullDetail);
    timeline.addThemeVariants(GridVariant.LUMO_WRAP_CELL_CONTENT, GridVariant.LUMO_COMPACT);
    timeline.getElement().setAttribute("aria-label", "Timeline of the journey");
    engineDetail.setHelperText("Every step the workflow engine took, as it records them");
    engineDetail.addValueChangeListener(e -> showLines());
    timeline.setAllRowsVisible(true);
  }

  @Override
  public void setParameter(BeforeEvent event, String id) {
    removeAll();
    TeamMember me = TeamMember.of(SecurityContextHolder.getContext().getAuthentication());
    Optional<Referral> found = Optional.empty();
    try {
      found = referrals.open(me, UUID.fromString(id), "journey page");
    } catch (IllegalArgumentException e) {
      referrals.refusedUnknown(me, id, "journey page");
    }
    if (found.isEmpty()) {
      // One answer whether there is no such referral or it is not theirs: the page tells nobody which.
      title = "Not available | Home First";
      add(new H2("You cannot see this patient's journey"),
          new Paragraph("There is no referral " + id + " that your teams can see. A patient is visible to the ward"
              + " staff of their hospital, whoever referred them, and the teams with work in their journey."),
          new RouterLink("Back to work queues", InboxView.class));
      getElement().setAttribute("data-refused", "true");
      return;
    }
    Referral r = found.get();
    title = r.patientName() + " | Home First";
    shown = null;
    show(r);
  }

  private void show(Referral r) {
    shown = r;
    shownEvent = journey.lastEventId(r);
    JourneyState state = JourneyState.of(journey.stateFacts(r));
    Span status = new Span(state.words());
    status.getElement().getThemeList().add("badge");
    status.getElement().setAttribute("data-state", state.code());
    status.setId("journey-state");
    List<JourneyLog.DischargeReadyChange> readyChanges = journey.dischargeReadyHistory(r);
    add(new H2(r.patientName() + " · NHS " + Formats.nhsNumber(r.nhsNumber())),
        new Paragraph(r.hospital().label() + ", " + (r.ward().toLowerCase().startsWith("ward") ? "" : "ward ") + r.ward() + " · " + r.borough().label() + " resident · admitted "
            + Formats.dateTime(r.admittedAt())),
        new HorizontalLayout(status, new Span(facts(r, readyChanges))));
    referrals.homeAndLocality(r).ifPresent(home -> {
      Paragraph where = new Paragraph(home);
      where.getElement().setAttribute("data-locality", r.locality() == null ? "" : r.locality());
      add(where);
    });
    showIncidents(r);
    if ("OPEN".equals(r.status())) {
      // Kept across live redraws, so what someone is typing there is not lost.
      boolean inPathwayCare = events.inPathwayCare(r);
      if (updates == null || !updates.referral().equals(r.id()) || updates.inPathwayCare() != inPathwayCare) {
        TeamMember me = TeamMember.of(SecurityContextHolder.getContext().getAuthentication());
        updates = new JourneyUpdates(events, r.id(), r.patientName(), me, inPathwayCare,
            events.mayRecordEnding(me, r.id()), () -> {
          removeAll();
          show(referrals.find(r.id()).orElse(r));
        });
        updates.setWidthFull();
      }
      add(updates);
    }

    showDischargeReadyHistory(readyChanges);

    add(new H3("Where the journey is now"));
    List<JourneyLog.Position> positions = journey.positionOf(r);
    if (positions.isEmpty()) {
      add(new Paragraph("The journey has not started in the workflow engine."));
    }
    for (JourneyLog.Position p : positions) {
      add(new Paragraph(p.processName() + ": " + (p.activeElementNames().isEmpty() ? "finished" : "now at " + String.join(", ", p.activeElementNames()))));
      if (p.bpmnXml() != null) {
        BpmnViewer diagram = new BpmnViewer(p.bpmnXml(), p.activeElementIds());
        diagram.getElement().setAttribute("aria-label", "Diagram of " + p.processName() + ", current steps marked");
        add(diagram);
      }
    }

    add(new H3("Current tasks"));
    List<InboxTask> tasks = inbox.openTasksOf(r);
    if (tasks.isEmpty()) {
      add(new Paragraph("No open tasks."));
    } else {
      Grid<InboxTask> current = new Grid<>();
      current.addComponentColumn(t -> ClockBadge.cell(t, clock.instant(), rules.forTask(t).orElse(null)))
          .setHeader("SLA clock").setWidth("12.5rem").setFlexGrow(0);
      current.addComponentColumn(t -> new RouterLink(t.name(), TaskView.class, String.valueOf(t.key()))).setHeader("Task");
      current.addColumn(t -> Teams.names(t.candidateGroups())).setHeader("Team");
      current.addColumn(t -> t.assignee() == null ? "unclaimed" : t.assignee()).setHeader("Claimed by");
      current.setItems(tasks);
      current.setAllRowsVisible(true);
      add(current);
    }

    add(new H3("Clocks running"));
    // Only clocks that stand for a service standard: the daily delay check is the journey's own.
    List<JourneyLog.RunningClock> clocks = journey.runningClocks(r).stream()
        .filter(c -> rules.ofClock(c.timerId()).isPresent()).toList();
    if (clocks.isEmpty()) {
      add(new Paragraph("No clocks running."));
    } else {
      Grid<JourneyLog.RunningClock> running = new Grid<>();
      running.addComponentColumn(c -> ClockBadge.forDue(c.dueAt(), clock.instant(), c.name()))
          .setHeader("Time left").setWidth("12.5rem").setFlexGrow(0);
      running.addColumn(c -> rules.ofClock(c.timerId()).orElse("")).setHeader("Rule").setFlexGrow(1);
      running.addColumn(c -> Formats.dateTime(c.dueAt())).setHeader("Due").setWidth("10rem").setFlexGrow(0);
      running.setItems(clocks);
      running.setAllRowsVisible(true);
      running.getElement().setAttribute("aria-label", "Clocks running, soonest first");
      running.setId("running-clocks");
      add(running);
    }

    assessment.sections(r, journey).forEach(this::add);

    add(new H3("Delays"));
    List<Delays.Delay> recorded = delays.of(r.id());
    if (recorded.isEmpty()) {
      add(new Paragraph("No delays recorded."));
    } else {
      Grid<Delays.Delay> grid = new Grid<>();
      grid.addColumn(d -> Formats.dateTime(d.at())).setHeader("When").setWidth("9.5rem").setFlexGrow(0);
      grid.addColumn(Delays.Delay::reason).setHeader("Reason");
      grid.addColumn(Delays.Delay::attribution).setHeader("Attribution");
      grid.addColumn(Delays.Delay::setting).setHeader("Setting");
      grid.addColumn(Delays.Delay::by).setHeader("Recorded by");
      grid.setItems(recorded);
      grid.setAllRowsVisible(true);
      add(grid);
    }

    add(new H3("Messages with partners"));
    List<JourneyLog.PartnerMessage> messages = journey.partnerMessages(r);
    if (messages.isEmpty()) {
      add(new Paragraph("No messages with NELFT, the council, voluntary services or the GP yet."));
    } else {
      Grid<JourneyLog.PartnerMessage> grid = new Grid<>();
      grid.addColumn(m -> Formats.dateTime(m.at())).setHeader("When").setWidth("9.5rem").setFlexGrow(0);
      grid.addColumn(m -> JourneyStory.partnerName(m.system())).setHeader("System").setWidth("9rem").setFlexGrow(0);
      grid.addColumn(JourneyLog.PartnerMessage::what).setHeader("What");
      grid.addColumn(JourneyLog.PartnerMessage::outcome).setHeader("Outcome");
      grid.addColumn(JourneyLog.PartnerMessage::detail).setHeader("Detail").setFlexGrow(2);
      grid.addThemeVariants(GridVariant.LUMO_WRAP_CELL_CONTENT, GridVariant.LUMO_COMPACT);
      grid.setItems(messages);
      grid.setAllRowsVisible(true);
      grid.getElement().setAttribute("aria-label", "Messages with partner systems");
      add(grid);
    }

    add(new H3("Timeline"));
    lines = story.tell(journey.steps(r), r.processInstanceKey());
    showLines();
    add(engineDetail, noSteps, timeline);
  }

  /** The story, or with engine detail every step. */
  private void showLines() {
    List<JourneyStory.Line> shownLines = engineDetail.getValue() ? lines : lines.stream().filter(JourneyStory.Line::story).toList();
    timeline.setItems(shownLines);
    timeline.setVisible(!shownLines.isEmpty());
    noSteps.setVisible(shownLines.isEmpty());
  }

  private String facts(Referral r, List<JourneyLog.DischargeReadyChange> readyChanges) {
    StringBuilder s = new StringBuilder();
    journey.variable(r, "pathway")
        .ifPresent(p -> s.append("Pathway ").append(p.replace("\"", "")).append(" · "));
    // The date in force now: the referral row keeps only the one it came with.
    Instant ready = readyChanges.isEmpty() ? r.dischargeReadyAt() : readyChanges.getLast().dischargeReadyAt();
    if (ready == null) {
      s.append("not yet discharge ready");
    } else {
      long days = Duration.between(ready, clock.instant()).toDays();
      s.append("discharge ready ").append(days).append(days == 1 ? " day" : " days")
          .append(" (since ").append(Formats.dateTime(ready)).append(")");
    }
    return s.toString();
  }

  /**
   * The journey's open incidents: for operators each with its cause in words and a retry; for
   * everyone else who may see the patient, only that the journey waits for an operator.
   */
  private void showIncidents(Referral r) {
    TeamMember me = TeamMember.of(SecurityContextHolder.getContext().getAuthentication());
    if (!incidents.mayOperate(me)) {
      int stuck = incidents.openCountOn(r.id());
      if (stuck > 0) {
        Paragraph waiting = new Paragraph(
            (stuck == 1 ? "A step of this journey is" : stuck + " steps of this journey are")
            + " stuck and waiting for an operator (" + String.join(" or ", incidents.operatorTeams())
            + ") to retry; nothing is lost.");
        waiting.setId("journey-incidents");
        add(waiting);
      }
      return;
    }
    List<Incidents.OpenIncident> open = incidents.openOn(me, r.id());
    if (open.isEmpty()) {
      return;
    }
    add(new H3("Needs an operator"));
    Grid<Incidents.OpenIncident> grid = new Grid<>();
    grid.addColumn(i -> Formats.dateTime(i.since())).setHeader("Since").setWidth("9.5rem").setFlexGrow(0);
    grid.addColumn(Incidents.OpenIncident::step).setHeader("Step").setWidth("14rem").setFlexGrow(0);
    grid.addColumn(Incidents.OpenIncident::cause).setHeader("What went wrong").setFlexGrow(1);
    grid.addComponentColumn(i -> {
      Button retry = new Button("Retry", e -> retry(r, i));
      retry.addThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_SMALL);
      retry.getElement().setAttribute("aria-label", "Retry " + i.step());
      return retry;
    }).setHeader("").setKey("retry").setWidth("7rem").setFlexGrow(0);
    grid.addThemeVariants(GridVariant.LUMO_WRAP_CELL_CONTENT, GridVariant.LUMO_COMPACT);
    grid.setItems(open);
    grid.setAllRowsVisible(true);
    grid.setId("journey-incidents");
    grid.getElement().setAttribute("aria-label", "Steps of this journey waiting for an operator");
    add(new Paragraph("Fix the cause first (a partner's system down, a setting), then retry: the step is taken"
        + " up again at once."), grid);
  }

  void retry(Referral r, Incidents.OpenIncident incident) {
    TeamMember me = TeamMember.of(SecurityContextHolder.getContext().getAuthentication());
    try {
      incidents.retry(me, incident.key());
      Notification.show("Retrying \u201c" + incident.step() + "\u201d")
          .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
    } catch (IncidentRefused refused) {
      Notification.show(refused.getMessage()).addThemeVariants(NotificationVariant.LUMO_ERROR);
    }
    removeAll();
    show(referrals.find(r.id()).orElse(r));
  }

  /** The discharge ready date's history: each change, when, by whom and what changed it. */
  private void showDischargeReadyHistory(List<JourneyLog.DischargeReadyChange> changes) {
    add(new H3("Discharge ready date"));
    if (changes.isEmpty()) {
      add(new Paragraph("No discharge ready date yet: the patient still meets the criteria to reside."));
      return;
    }
    Grid<JourneyLog.DischargeReadyChange> grid = new Grid<>();
    grid.addColumn(c -> Formats.dateTime(c.changedAt())).setHeader("Changed").setWidth("9.5rem").setFlexGrow(0);
    grid.addColumn(c -> c.dischargeReadyAt() == null ? "none (meets the criteria to reside)"
        : Formats.dateTime(c.dischargeReadyAt())).setHeader("Discharge ready date").setWidth("16rem").setFlexGrow(0);
    grid.addColumn(JourneyView::whyChanged).setHeader("What changed it").setFlexGrow(1);
    grid.addColumn(c -> c.by() != null ? c.by() : c.stepId() != null ? "the workflow" : "not recorded")
        .setHeader("By").setWidth("10rem").setFlexGrow(0);
    grid.addThemeVariants(GridVariant.LUMO_WRAP_CELL_CONTENT, GridVariant.LUMO_COMPACT);
    grid.setItems(changes);
    grid.setAllRowsVisible(true);
    grid.setId("discharge-ready-history");
    grid.getElement().setAttribute("aria-label", "Changes of the discharge ready date, oldest first");
    add(grid);
  }

  /** What changed the date, from the model's step that did (processes/README.md, criteria to reside). */
  static String whyChanged(JourneyLog.DischargeReadyChange c) {
    if (c.stepId() == null || c.stepId().startsWith("StartEvent_Referral")) {
      return c.by() == null ? "Recorded" : "Given with the referral";
    }
    return switch (c.stepId()) {
      case "Task_UpdateDischargeReadyDate" -> c.dischargeReadyAt() == null
          ? "Criteria to reside reviewed: meets them again, so the date restarts when ready"
          : "Criteria to reside reviewed: no longer meets them";
      case "Task_RecordReadmission" -> "Readmitted: no date until ready again";
      default -> c.stepName() != null ? c.stepName() : c.stepId();
    };
  }

  /** Live: when this journey gets a new event, the page is drawn again (within a second or two). */
  @Override
  protected void onAttach(AttachEvent event) {
    UI ui = event.getUI();
    boardRegistration = board.onChange(() -> ui.access(() -> {
      if (shown != null && journey.lastEventId(shown) != shownEvent) {
        Referral again = referrals.find(shown.id()).orElse(shown);
        removeAll();
        show(again);
      }
    }));
  }

  @Override
  protected void onDetach(DetachEvent event) {
    if (boardRegistration != null) {
      boardRegistration.remove();
    }
  }

  @Override
  public String getPageTitle() {
    return title;
  }
}
