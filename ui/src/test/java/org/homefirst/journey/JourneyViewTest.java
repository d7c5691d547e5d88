package org.homefirst.journey;

import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.ButtonKt;
import com.github.mvysny.kaributesting.v10.GridKt;
import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.github.mvysny.kaributesting.v10.Routes;
import com.github.mvysny.kaributesting.v10.pro.ConfirmDialogKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.textfield.TextArea;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.homefirst.StackTest;
import org.homefirst.inbox.InboxTask;
import org.homefirst.inbox.TaskInbox;
import org.homefirst.inbox.TeamMember;
import org.homefirst.referral.Referral;
import org.homefirst.referral.ReferralIntake;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The journey page on the server (Karibu-Testing, real services): the timeline tells a triaged
 * journey for people (decisions in the forms' words, no engine bookkeeping) and every engine step
 * on demand; a coordinator records that the patient declined support; a missing answer is refused
 * beside its field and nothing is sent; the coordinator confirms, the journey then ends and the
 * open work is withdrawn. Someone who may see the patient but not end the journey is not offered
 * it; someone who may not see the patient is refused the page, audited.
 */
class JourneyViewTest extends StackTest {

  private static final Routes ROUTES = new Routes().autoDiscoverViews("org.homefirst");

  @Autowired ApplicationContext context;
  @Autowired ReferralIntake referrals;
  @Autowired TaskInbox inbox;

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
  void timelineTellsTheStoryWithDecisionsInWordsAndEngineDetailOnDemand() {
    UUID id = refer(validNhsNumber(), "lbh", "bhrut-queens");
    Referral referral = referrals.find(id).orElseThrow();
    complete(referral, "Task_Triage", triageAnswers("mobility", "help-of-two"));
    complete(referral, "Task_ConfirmPathway", Map.of("pathway", 2));
    eventually("pathway 2 started", () -> db.sql(
            "select count(*) from journey_event where root_instance_key = ? and element_id = 'Call_Pathway2'")
        .param(referral.processInstanceKey()).query(Integer.class).single() > 0);

    eventually("the trusted assessment's clock", () -> db.sql(
            "select count(*) from journey_clock where root_instance_key = ? and element_id = 'Timer_AssessmentSla' and state = 'RUNNING'")
        .param(referral.processInstanceKey()).query(Integer.class).single() == 1);

    JourneyView view = openAsCoordinator(id);

    // The clocks running: the trusted assessment's, by its rule; triage's stopped when triage was done,
    // and the daily delay check is no service standard.
    @SuppressWarnings("unchecked")
    Grid<JourneyLog.RunningClock> clocks = _get(view, Grid.class, spec -> spec.withId("running-clocks"));
    assertThat(IntStream.range(0, GridKt._size(clocks)).mapToObj(i -> GridKt._get(clocks, i).timerId()))
        .containsExactly("Timer_AssessmentSla");
    assertThat(GridKt._getFormattedRow(clocks, 0).get(1))
        .isEqualTo("Trusted assessment within 48 h (joint assessment 24-48 h, Redbridge)");
    assertThat(db.sql("select state from journey_clock where root_instance_key = ? and element_id = 'Timer_TriageSla'")
        .param(referral.processInstanceKey()).query(String.class).single()).isEqualTo("CANCELED");

    assertThat(view.engineDetail.getValue()).isFalse();
    List<String> story = rows(view);
    assertThat(story).contains(
        "Referral received | ward.nurse | Ward 7, Queen's Hospital (BHRUT)",
        "Waiting for JAD (Joint Assessment and Discharge): Triage referral |  | ",
        "Task claimed: Triage referral | jad.coordinator | ",
        "Waiting for JAD (Joint Assessment and Discharge): Confirm or override pathway |  | ",
        "Task completed: Confirm or override pathway | jad.coordinator | Pathway: 2 – community rehab bed",
        "Started: Pathway 2 |  | ");
    assertThat(story).filteredOn(r -> r.startsWith("Task completed: Triage referral | jad.coordinator | ")).singleElement()
        .satisfies(r -> assertThat(r).contains("Mobility: Needs help of two people, or a hoist",
            "Rapidly deteriorating, may be entering end of life (Fast Track): no").doesNotContain("="));
    assertThat(String.join("\n", story)).doesNotContain("UNSPECIFIED", "NONE", "StartEvent_", "Gateway_", "Home First",
        "Started: Triage referral", "Completed: Triage referral", "Record pathway decision");

    view.engineDetail.setValue(true);
    List<String> everything = rows(view);
    assertThat(everything).hasSizeGreaterThan(story.size() + 5);
    assertThat(everything.stream().map(r -> r.replace(" | Home First | ", " |  | ")).toList())
        .as("the engine's steps are said to be by Home First only with engine detail").containsAll(story);
    assertThat(everything).anyMatch(r -> r.startsWith("Started: StartEvent_PathwayCare | Home First | StartEvent_PathwayCare"))
        .anyMatch(r -> r.startsWith("Completed: Triage referral | Home First | Task_Triage · user task"))
        .anyMatch(r -> r.startsWith("Started: Record pathway decision | Home First | "))
        .noneMatch(r -> r.endsWith("| NONE") || r.endsWith("| UNSPECIFIED"));

    // Remembered while on the page: a live redraw keeps engine detail on.
    view.setParameter(null, id.toString());
    assertThat(view.engineDetail.getValue()).isTrue();
    assertThat(rows(view)).hasSameSizeAs(everything);
  }

  /** The journey page of a referral as a JAD coordinator sees it. */
  private JourneyView openAsCoordinator(UUID id) {
    SecurityContextHolder.getContext().setAuthentication(
        new TestingAuthenticationToken("jad.coordinator", "demo", TeamMember.TEAM_PREFIX + "jad"));
    JourneyView view = context.getAutowireCapableBeanFactory().createBean(JourneyView.class);
    view.setParameter(null, id.toString());
    UI.getCurrent().add(view);
    return view;
  }

  /** The timeline's rows as shown: "what | who | detail". */
  private static List<String> rows(JourneyView view) {
    return IntStream.range(0, GridKt._size(view.timeline))
        .mapToObj(i -> GridKt._getFormattedRow(view.timeline, i))
        .map(cells -> String.join(" | ", cells.subList(1, cells.size())))
        .toList();
  }

  private void complete(Referral referral, String elementId, Map<String, Object> answers) {
    InboxTask task = eventually(elementId, () -> inbox.openTasksOf(referral).stream()
        .filter(t -> t.elementId().equals(elementId)).findFirst().orElse(null));
    inbox.claim(JAD, task.key());
    inbox.complete(JAD, task.key(), answers);
  }

  @Test
  void coordinatorRecordsThatThePatientDeclinedSupport() {
    UUID id = refer(validNhsNumber(), "lbh", "bhrut-queens");
    Referral referral = referrals.find(id).orElseThrow();
    eventually("the triage task", () -> db.sql("select count(*) from user_task where root_instance_key = ? and state = 'CREATED'")
        .param(referral.processInstanceKey()).query(Integer.class).single() > 0);

    JourneyView view = openAsCoordinator(id);
    JourneyUpdates updates = view.updates;
    assertThat(updates).isNotNull();
    assertThat(updates.what.getListDataView().getItems().map(h -> h.label))
        .as("no pathway yet: no change of pathway or readmission")
        .containsExactly("Criteria to reside reviewed", "Declined support", "Died");

    updates.what.setValue(JourneyUpdates.Happening.DECLINED);
    Button record = _get(updates, Button.class, spec -> spec.withText("Record on the journey"));
    ButtonKt._click(record);
    TextArea declined = _get(updates, TextArea.class, spec -> spec.withAttribute("data-field", "declinedSupport"));
    assertThat(declined.isInvalid()).isTrue();
    assertThat(declined.getErrorMessage()).isEqualTo("required");
    assertThat(db.sql("select count(*) from audit_event where referral_id = ? and action = 'RECORD_EVENT'")
        .param(id).query(Integer.class).single()).isZero();

    declined.setValue("Declined a care package; self-funder advice and council contact given");
    ButtonKt._click(record);
    ConfirmDialog confirm = updates.confirm;
    assertThat(confirm.isOpened()).as("asked before the journey ends").isTrue();
    assertThat(ConfirmDialogKt._getHeader(confirm)).isEqualTo("Record that Ada Jones declined support?");
    assertThat(ConfirmDialogKt._getText(confirm)).contains("ends the journey");
    assertThat(db.sql("select count(*) from audit_event where referral_id = ? and action = 'RECORD_EVENT'")
        .param(id).query(Integer.class).single()).as("nothing sent before the answer").isZero();
    ConfirmDialogKt._fireConfirm(confirm);

    eventually("the triage task to be withdrawn", () -> db.sql(
            "select count(*) from user_task where root_instance_key = ? and element_id = 'Task_Triage' and state = 'CANCELED'")
        .param(referral.processInstanceKey()).query(Integer.class).single() == 1);
    assertThat(db.sql("select detail from audit_event where referral_id = ? and action = 'RECORD_EVENT'")
        .param(id).query(String.class).single()).contains("patient-declined", "self-funder advice");
  }

  /** A Redbridge social worker who referred a Havering patient sees them, but is neither ward staff nor JAD. */
  @Test
  void aDeathOrDeclineIsNotOfferedToThoseWhoMayNotRecordIt() {
    var response = postReferral(referralJson(validNhsNumber(), "lbh", "bhrut-kgh"), "lbr.socialworker");
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    UUID id = UUID.fromString(response.headers().firstValue("Location").orElseThrow().replaceAll(".*/", ""));

    JourneyView view = openAs(id, "lbr.socialworker", "lbr-hospital-sw");

    assertThat(view.getElement().getAttribute("data-refused")).isNull();
    assertThat(view.updates.what.getListDataView().getItems().map(h -> h.label))
        .containsExactly("Criteria to reside reviewed");
    assertThat(view.updates.what.getHelperText()).contains("ward staff or the patient's discharge team");
  }

  @Test
  void anotherOrganisationsPatientIsRefusedAsIfUnknownAndAudited() {
    UUID id = refer(validNhsNumber(), "lbh", "bhrut-kgh");

    JourneyView refused = openAs(id, "lbr.socialworker", "lbr-hospital-sw");
    JourneyView unknown = openAs(UUID.randomUUID(), "lbr.socialworker", "lbr-hospital-sw");

    assertThat(refused.getElement().getAttribute("data-refused")).isEqualTo("true");
    assertThat(refused.getElement().getTextRecursively().replace(id.toString(), "ID")).doesNotContain("Ada")
        .isEqualTo(unknown.getElement().getTextRecursively().replaceAll("[0-9a-f-]{36}", "ID"));
    assertThat(db.sql("select count(*) from audit_event where actor = 'lbr.socialworker' and action = 'REFUSED_ACCESS'"
        + " and referral_id = ?").param(id).query(Integer.class).single()).isEqualTo(1);
  }

  private JourneyView openAs(UUID id, String user, String team) {
    SecurityContextHolder.getContext().setAuthentication(
        new TestingAuthenticationToken(user, "demo", TeamMember.TEAM_PREFIX + team));
    JourneyView view = context.getAutowireCapableBeanFactory().createBean(JourneyView.class);
    view.setParameter(null, id.toString());
    UI.getCurrent().add(view);
    return view;
  }
}
