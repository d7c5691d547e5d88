package org.homefirst.journey;

import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.mvysny.kaributesting.v10.ButtonKt;
import com.github.mvysny.kaributesting.v10.GridKt;
import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.github.mvysny.kaributesting.v10.Routes;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;
import org.homefirst.StackTest;
import org.homefirst.inbox.InboxTask;
import org.homefirst.inbox.TaskInbox;
import org.homefirst.inbox.TaskRefused;
import org.homefirst.inbox.TeamMember;
import org.homefirst.incident.IncidentRefused;
import org.homefirst.incident.Incidents;
import org.homefirst.processes.Topics;
import org.homefirst.referral.JourneyEvents;
import org.homefirst.referral.Referral;
import org.homefirst.referral.ReferralIntake;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.operaton.bpm.engine.RepositoryService;
import org.operaton.bpm.engine.RuntimeService;
import org.operaton.bpm.engine.TaskService;
import org.operaton.bpm.engine.runtime.ProcessInstance;
import org.operaton.bpm.engine.task.Task;
import org.operaton.bpm.model.bpmn.Bpmn;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The journey page's header tells where the patient is in words as the journey goes on (awaiting
 * triage, discharge planned, at home with reablement, died) and the discharge ready date's
 * history, each change with who and what made it; a manager sees the journey's incidents with
 * their cause and retries one there (audited), anyone else is told the journey waits for an
 * operator and is refused the retry.
 */
class JourneyHeaderTest extends StackTest {

  private static final Routes ROUTES = new Routes().autoDiscoverViews("org.homefirst");
  private static final String STUCK_PROCESS = "test-journey-incident";
  private static final TeamMember MANAGER = new TeamMember("manager", Set.of("managers", "jad"));

  @Autowired ApplicationContext context;
  @Autowired ReferralIntake referrals;
  @Autowired TaskInbox inbox;
  @Autowired JourneyEvents events;
  @Autowired Incidents incidents;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;

  @BeforeAll
  static void deploy(@Autowired RepositoryService repository) {
    repository.createDeployment().name("journey-incident-test").addModelInstance(STUCK_PROCESS + ".bpmn",
        Bpmn.createExecutableProcess(STUCK_PROCESS).operatonHistoryTimeToLive(1)
            .startEvent()
            .serviceTask("Task_RequestTta").name("Request to-take-away medicines")
            .operatonExternalTask(Topics.PHARMACY_REQUEST_TTA)
            .endEvent()
            .done())
        .deploy();
  }

  @BeforeEach
  void vaadin() {
    MockVaadin.setup(ROUTES);
  }

  @AfterEach
  void done() {
    MockVaadin.tearDown();
    SecurityContextHolder.clearContext();
  }

  @Test
  void headerTellsTheStateAndEveryChangeOfTheDischargeReadyDateWithWhoMadeIt() {
    var response = postReferral(referralJson(validNhsNumber(), "lbh", "bhrut-queens")
        .replace("\"ward\":", "\"dischargeReadyAt\":\"2026-11-25T10:00:00Z\",\"ward\":"), "ward.nurse");
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    UUID id = UUID.fromString(response.headers().firstValue("Location").orElseThrow().replaceAll(".*/", ""));
    Referral referral = referrals.find(id).orElseThrow();
    eventually("the triage task", () -> inbox.openTasksOf(referral).stream()
        .anyMatch(t -> t.elementId().equals("Task_Triage")) ? true : null);

    JourneyView view = openAs(id, "jad.coordinator", "jad");
    assertThat(state(view).getText()).isEqualTo("In hospital, awaiting triage");
    assertThat(history(view)).containsExactly("25/11/2026 10:00 | Given with the referral | ward.nurse");

    events.publish(id, "criteria-to-reside-reviewed",
        Map.of("meetsCriteriaToReside", true, "reviewedAt", "2026-11-26T09:00:00Z"), JAD);
    events.publish(id, "criteria-to-reside-reviewed",
        Map.of("meetsCriteriaToReside", false, "reviewedAt", "2026-11-28T09:00:00Z"), JAD);
    complete(referral, "Task_Triage", triageAnswers("mobility", "help-of-one"));
    complete(referral, "Task_ConfirmPathway", Map.of("pathway", 1,
        "pathwayOverrideReason", "Lives alone; reablement to regain washing and dressing"));

    view = openAs(id, "jad.coordinator", "jad");
    assertThat(state(view).getElement().getAttribute("data-state")).isEqualTo("discharge-planned");
    assertThat(state(view).getText()).startsWith("In hospital, discharge").endsWith("on pathway 1 (home with support)");
    assertThat(history(view)).containsExactly(
        "25/11/2026 10:00 | Given with the referral | ward.nurse",
        "none (meets the criteria to reside) | Criteria to reside reviewed: meets them again, so the date restarts"
            + " when ready | jad.coordinator",
        "28/11/2026 09:00 | Criteria to reside reviewed: no longer meets them | jad.coordinator");
    assertThat(_find(view, Span.class)).extracting(Span::getText)
        .as("the header counts from the date in force now, not the referral's")
        .anyMatch(text -> text.contains("discharge ready") && text.contains("since 28/11/2026 09:00"));

    events.publish(id, "patient-discharged", Map.of("dischargedAt", Instant.now().toString()), JAD);
    view = openAs(id, "jad.coordinator", "jad");
    assertThat(state(view).getText()).isEqualTo("At home with reablement (pathway 1)");
  }

  @Test
  void aDeathIsTheJourneysState() {
    UUID id = refer(validNhsNumber(), "lbh", "bhrut-kgh");
    events.publish(id, "patient-died", Map.of("diedAt", Instant.now().toString()), WARD);

    JourneyView view = openAs(id, "ward.nurse", "bhrut");
    assertThat(state(view).getElement().getAttribute("data-state")).isEqualTo("died");
    assertThat(state(view).getText()).startsWith("Died");
  }

  @Test
  void leavingTheRehabBedForHomeIsTheJourneysState() {
    UUID id = refer(validNhsNumber(), "lbh", "bhrut-kgh");
    Referral referral = referrals.find(id).orElseThrow();
    complete(referral, "Task_Triage", triageAnswers("mobility", "help-of-two"));
    complete(referral, "Task_ConfirmPathway", Map.of("pathway", 2));
    ProcessInstance pathway2 = eventually("pathway 2", () -> runtime.createProcessInstanceQuery()
        .processDefinitionKey("homefirst-pathway-2").processInstanceBusinessKey(id.toString()).singleResult());
    // the assessment and the transfer are the process tests' part: here the patient is in the bed
    runtime.setVariable(pathway2.getId(), "bedStayReviewDueAt", Instant.now().plus(Duration.ofDays(14)).toString());
    runtime.createProcessInstanceModification(pathway2.getId()).startBeforeActivity("Task_BedStayReview")
        .cancelAllForActivity("Call_TrustedAssessment").execute();
    events.publish(id, "patient-discharged", Map.of("dischargedAt", Instant.now().toString()), JAD);
    assertThat(state(openAs(id, "jad.coordinator", "jad")).getText()).isEqualTo("In a community rehab bed (pathway 2)");

    // the bed stay review sends the patient home: pathway 2 ends without another pathway
    Task review = eventually("the bed stay review", () -> tasks.createTaskQuery()
        .processInstanceBusinessKey(id.toString()).taskDefinitionKey("Task_BedStayReview").singleResult());
    tasks.complete(review.getId());

    JourneyView view = openAs(id, "jad.coordinator", "jad");
    assertThat(state(view).getElement().getAttribute("data-state")).isEqualTo("home-after-rehab-bed");
    assertThat(state(view).getText()).isEqualTo("At home after a community rehab bed (pathway 2)");
  }

  @Test
  void aManagerRetriesTheJourneysIncidentFromItsPageAndOthersAreOnlyToldItWaits() {
    ProcessInstance stuck = runtime.startProcessInstanceByKey(STUCK_PROCESS, Map.of("ward", "Ward 7"));
    UUID id = UUID.randomUUID();
    db.sql("""
            insert into referral (id, nhs_number, given_name, family_name, date_of_birth, borough, hospital, ward,
              admitted_at, status, created_at, created_by, process_instance_key)
            values (?, ?, 'Ada', 'Jones', date '1941-03-02', 'lbh', 'bhrut-kgh', 'Ward 7', ?, 'OPEN', ?, 'manager',
              ?)""")
        .params(id, validNhsNumber(), Timestamp.from(Instant.parse("2026-11-20T09:30:00Z")),
            Timestamp.from(Instant.now()), Long.parseLong(stuck.getId()))
        .update();
    eventually("the incident", () -> incidents.openCountOn(id) == 1 ? true : null);

    JourneyView nurse = openAs(id, "ward.nurse", "bhrut");
    assertThat(_get(nurse, Paragraph.class, spec -> spec.withId("journey-incidents")).getText())
        .contains("waiting for an operator (managers)");
    assertThat(_find(nurse, Button.class, spec -> spec.withText("Retry"))).isEmpty();
    assertThatThrownBy(() -> incidents.openOn(WARD, id)).isInstanceOf(IncidentRefused.class);
    assertThat(db.sql("select count(*) from audit_event where actor = 'ward.nurse' and action = 'REFUSED'"
        + " and detail = ?").param("incidents of referral " + id).query(Integer.class).single()).isEqualTo(1);

    JourneyView manager = openAs(id, "manager", "managers");
    @SuppressWarnings("unchecked")
    Grid<Incidents.OpenIncident> grid = _get(manager, Grid.class, spec -> spec.withId("journey-incidents"));
    assertThat(GridKt._size(grid)).isEqualTo(1);
    Incidents.OpenIncident incident = GridKt._get(grid, 0);
    assertThat(incident.step()).isEqualTo("Request to-take-away medicines");
    assertThat(incident.cause()).contains("referralId").contains("Retry once the cause is fixed");

    runtime.setVariable(stuck.getId(), "referralId", UUID.randomUUID().toString());
    ButtonKt._click((Button) GridKt._getCellComponent(grid, 0, "retry"));

    eventually("the journey to go on after the retry",
        () -> runtime.createProcessInstanceQuery().processInstanceId(stuck.getId()).count() == 0 ? true : null);
    assertThat(db.sql("select count(*) from audit_event where actor = 'manager' and action = 'RETRY_INCIDENT'"
        + " and referral_id = ?").param(id).query(Integer.class).single()).isEqualTo(1);
    assertThat(incidents.openOn(MANAGER, id)).isEmpty();
  }

  private JourneyView openAs(UUID id, String user, String team) {
    SecurityContextHolder.getContext().setAuthentication(
        new TestingAuthenticationToken(user, "demo", TeamMember.TEAM_PREFIX + team));
    JourneyView view = context.getAutowireCapableBeanFactory().createBean(JourneyView.class);
    view.setParameter(null, id.toString());
    UI.getCurrent().removeAll();
    UI.getCurrent().add(view);
    return view;
  }

  private static Span state(JourneyView view) {
    return _get(view, Span.class, spec -> spec.withId("journey-state"));
  }

  /** The discharge ready date's history as shown: "date | what | by" (when it changed is left out). */
  private static List<String> history(JourneyView view) {
    @SuppressWarnings("unchecked")
    Grid<JourneyLog.DischargeReadyChange> grid = _get(view, Grid.class, spec -> spec.withId("discharge-ready-history"));
    return IntStream.range(0, GridKt._size(grid))
        .mapToObj(i -> String.join(" | ", GridKt._getFormattedRow(grid, i).subList(1, 4)))
        .toList();
  }

  private void complete(Referral referral, String elementId, Map<String, Object> answers) {
    InboxTask task = eventually(elementId, () -> inbox.openTasksOf(referral).stream()
        .filter(t -> t.elementId().equals(elementId)).findFirst().orElse(null));
    inbox.claim(JAD, task.key());
    try {
      inbox.complete(JAD, task.key(), answers);
    } catch (TaskRefused refused) {
      throw new AssertionError(elementId + " refused: " + refused.fieldErrors(), refused);
    }
  }
}
