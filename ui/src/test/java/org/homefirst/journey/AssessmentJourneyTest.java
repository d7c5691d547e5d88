package org.homefirst.journey;

import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.mvysny.kaributesting.v10.ButtonKt;
import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.github.mvysny.kaributesting.v10.Routes;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.select.Select;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.homefirst.StackTest;
import org.homefirst.inbox.FormCatalog;
import org.homefirst.inbox.InboxTask;
import org.homefirst.inbox.TaskInbox;
import org.homefirst.inbox.TaskRefused;
import org.homefirst.inbox.TaskView;
import org.homefirst.inbox.TeamMember;
import org.homefirst.referral.EventRefused;
import org.homefirst.referral.JourneyEvents;
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
 * How the patient is assessed, end to end on the real stack: triage records the facts behind the
 * suggested pathway; a BHRUT ward physiotherapist does the structured trusted assessment for a
 * BHRUT patient (and is refused a Whipps Cross patient's, audited); the receiving service flags a
 * domain, which reaches the assessor's rework; the journey page shows it all in the forms' words.
 * A patient who declines further assessment in hospital is recorded as such by the coordinator
 * (capacity, who) and goes on to pathway 1 without another assessment in hospital.
 */
class AssessmentJourneyTest extends StackTest {

  private static final Routes ROUTES = new Routes().autoDiscoverViews("org.homefirst");
  private static final TeamMember THERAPIST = new TeamMember("ward.therapist", Set.of("bhrut", "bhrut-therapy"));
  private static final TeamMember REABLEMENT = new TeamMember("nelft.therapist", Set.of("nelft-reablement"));

  @Autowired ApplicationContext context;
  @Autowired ReferralIntake referrals;
  @Autowired TaskInbox inbox;
  @Autowired JourneyEvents events;
  @Autowired FormCatalog catalog;

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
  void wardTherapistAssessesTheirHospitalsPatientAndTheFlawedDomainReachesTheRework() {
    Referral referral = referrals.find(refer(validNhsNumber(), "lbh", "bhrut-kgh")).orElseThrow();
    complete(JAD, referral, "Task_Triage", triageAnswers("livesAlone", true, "carerAvailable", false,
        "mobility", "walking-aid", "wishesInOwnWords", "Home to my garden"));
    InboxTask confirm = taskOf(JAD, referral, "Task_ConfirmPathway");
    assertThat(eventually("the suggestion", () -> inbox.variablesOf(confirm).get("suggestedPathway")))
        .as("alone, nobody to help, walking with an aid: support at home").isEqualTo(1);
    complete(JAD, referral, "Task_ConfirmPathway", Map.of("pathway", 1, "equipmentNeeded", false));

    InboxTask assessment = taskOf(THERAPIST, referral, "Task_TrustedAssessment");
    assertThat(assessment.candidateGroups()).containsExactlyInAnyOrder("jad", "bhrut-therapy");
    complete(THERAPIST, referral, "Task_TrustedAssessment", assessmentAnswers("physiotherapist"));

    InboxTask review = taskOf(REABLEMENT, referral, "Task_ReviewAssessment");
    assertThat(inbox.variablesOf(review)).containsEntry("assessorProfession", "physiotherapist")
        .containsEntry("assessmentMobility", "Walks with a frame indoors; transfers with help of one");
    inbox.claim(REABLEMENT, review.key());
    assertThatThrownBy(() -> inbox.complete(REABLEMENT, review.key(), Map.of("assessmentAccepted", false,
        "flawReason", "Who lets the carers in?")))
        .isInstanceOfSatisfying(TaskRefused.class, r -> assertThat(r.fieldErrors()).containsOnlyKeys("flawDomain"));
    inbox.complete(REABLEMENT, review.key(), Map.of("assessmentAccepted", false, "flawDomain", "home",
        "flawReason", "Who lets the carers in?"));

    InboxTask rework = taskOf(THERAPIST, referral, "Task_TrustedAssessment");
    assertThat(rework.key()).isNotEqualTo(assessment.key());
    assertThat(inbox.variablesOf(rework)).containsEntry("flawDomain", "home")
        .containsEntry("flawReason", "Who lets the carers in?")
        .as("what was assessed starts in the form again").containsEntry("assessmentSkin", "no needs");
    assertThat(catalog.choiceInWords("flawDomain", "home")).contains("Home environment and access");
    inbox.claim(THERAPIST, rework.key());
    SecurityContextHolder.getContext().setAuthentication(new TestingAuthenticationToken("ward.therapist", "demo",
        TeamMember.TEAM_PREFIX + "bhrut", TeamMember.TEAM_PREFIX + "bhrut-therapy"));
    TaskView task = context.getAutowireCapableBeanFactory().createBean(TaskView.class);
    task.setParameter(null, String.valueOf(rework.key()));
    UI.getCurrent().add(task);
    assertThat(_get(task, Paragraph.class, spec -> spec.withAttribute("data-context", "flawDomain")).getElement()
        .getTextRecursively()).as("the domain in words on the rework")
        .isEqualTo("Flagged as flawed last time in: Home environment and access");

    JourneyView page = open(referral.id(), "jad.coordinator", "jad");
    assertThat(items(page, "triage-facts")).contains("Mobility: Walks with an aid (stick, frame), no help from others",
        "Lives alone: Yes", "A carer or family member can help at home: No", "What the patient wants: To go home",
        "In the patient's own words (optional): Home to my garden");
    assertThat(_get(page, Paragraph.class, spec -> spec.withAttribute("data-assessor", "ward.therapist")).getText())
        .startsWith("Assessed by ward.therapist (Physiotherapist) on behalf of the receiving service");
    assertThat(items(page, "assessment-domains")).hasSize(10)
        .contains("Mobility and transfers: Walks with a frame indoors; transfers with help of one",
            "Home environment and access: Two steps at the front door; key safe needed", "Skin: no needs");
    assertThat(items(page, "assessment-flaws")).singleElement().asString()
        .contains("by Havering reablement (NELFT) (pathway 1), in Home environment and access: Who lets the carers in?");
  }

  @Test
  void wardTherapistIsRefusedAnotherHospitalsAssessmentAndTheRefusalIsAudited() {
    Referral referral = referrals.find(refer(validNhsNumber(), "lbr", "barts-whipps")).orElseThrow();
    complete(REDBRIDGE, referral, "Task_Triage", triageAnswers("mobility", "help-of-one"));
    complete(REDBRIDGE, referral, "Task_ConfirmPathway", Map.of("pathway", 1, "equipmentNeeded", false));
    InboxTask assessment = taskOf(REDBRIDGE, referral, "Task_TrustedAssessment");
    assertThat(assessment.candidateGroups()).containsExactlyInAnyOrder("lbr-hospital-sw", "barts-whipps-therapy");

    assertThat(inbox.find(THERAPIST, assessment.key())).isEmpty();
    assertThatThrownBy(() -> inbox.claim(THERAPIST, assessment.key())).isInstanceOf(TaskRefused.class);
    assertThat(inbox.open(THERAPIST, assessment.key())).isEmpty();
    assertThat(inbox.canSee(THERAPIST, referral.id())).as("not their hospital's patient").isFalse();
    assertThat(db.sql("select count(*) from audit_event where actor = 'ward.therapist' and action = 'REFUSED'"
        + " and task_key = ?").param(assessment.key()).query(Integer.class).single()).isEqualTo(1);
  }

  @Test
  void coordinatorRecordsADeclinedAssessmentInHospitalAndTheJourneyGoesOnToAssessmentAtHome() {
    Referral referral = referrals.find(refer(validNhsNumber(), "lbh", "bhrut-queens")).orElseThrow();
    complete(JAD, referral, "Task_Triage", triageAnswers("mobility", "help-of-two"));
    complete(JAD, referral, "Task_ConfirmPathway", Map.of("pathway", 2));
    InboxTask inHospital = taskOf(JAD, referral, "Task_TrustedAssessment");

    JourneyView page = open(referral.id(), "jad.coordinator", "jad");
    JourneyUpdates updates = page.updates;
    updates.what.setValue(JourneyUpdates.Happening.ASSESSMENT_DECLINED);
    Button record = _get(updates, Button.class, spec -> spec.withText("Record on the journey"));
    ButtonKt._click(record);
    @SuppressWarnings("unchecked")
    Select<Boolean> capacity = (Select<Boolean>) (Select<?>) _get(updates, Select.class,
        spec -> spec.withAttribute("data-field", "hasCapacityForDecision"));
    assertThat(capacity.isInvalid()).as("capacity must be noted").isTrue();
    capacity.setValue(true);
    ButtonKt._click(record);

    eventually("the assessment in hospital to be withdrawn", () -> db.sql(
            "select state from user_task where task_key = ?").param(inHospital.key()).query(String.class).single()
        .equals("CANCELED"));
    eventually("pathway 1 to skip the assessment in hospital", () -> db.sql(
            "select count(*) from journey_event where root_instance_key = ? and element_id = 'EndEvent_AssessAtHomeInstead'")
        .param(referral.processInstanceKey()).query(Integer.class).single() > 0);
    assertThat(db.sql("select count(*) from user_task where root_instance_key = ? and element_id = 'Task_TrustedAssessment'"
        + " and state = 'CREATED'").param(referral.processInstanceKey()).query(Integer.class).single()).isZero();
    assertThat(db.sql("select detail from audit_event where referral_id = ? and action = 'RECORD_EVENT'")
        .param(referral.id()).query(String.class).single())
        .contains("hospital-assessment-declined", "hasCapacityForDecision=true", "declineRecordedBy=jad.coordinator");

    JourneyView again = open(referral.id(), "jad.coordinator", "jad");
    assertThat(_get(again, Paragraph.class, spec -> spec.withAttribute("data-assessment-declined", "true")).getText())
        .contains("declined further assessment in hospital", "has capacity for this decision: yes",
            "recorded by jad.coordinator", "assessed at home after discharge, on pathway 1");
  }

  @Test
  void onlyTheWardStaffOrDischargeTeamMayRecordADeclinedAssessment() {
    var response = postReferral(referralJson(validNhsNumber(), "lbh", "bhrut-kgh"), "lbr.socialworker");
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    UUID id = UUID.fromString(response.headers().firstValue("Location").orElseThrow().replaceAll(".*/", ""));

    assertThatThrownBy(() -> events.publish(id, "hospital-assessment-declined", Map.of("hasCapacityForDecision", true),
        REDBRIDGE)).isInstanceOf(EventRefused.class).hasMessageContaining("declines assessment in hospital");
    assertThat(db.sql("select count(*) from audit_event where actor = 'lbr.socialworker' and action = 'REFUSED_ACCESS'"
        + " and referral_id = ?").param(id).query(Integer.class).single()).isEqualTo(1);
  }

  private InboxTask taskOf(TeamMember member, Referral referral, String elementId) {
    return eventually(elementId + " for " + member.username(), () -> inbox.openTasksOf(referral).stream()
        .filter(t -> t.elementId().equals(elementId)).filter(t -> inbox.find(member, t.key()).isPresent())
        .findFirst().orElse(null));
  }

  private void complete(TeamMember member, Referral referral, String elementId, Map<String, Object> answers) {
    InboxTask task = taskOf(member, referral, elementId);
    inbox.claim(member, task.key());
    inbox.complete(member, task.key(), answers);
  }

  private JourneyView open(UUID id, String user, String team) {
    SecurityContextHolder.getContext().setAuthentication(
        new TestingAuthenticationToken(user, "demo", TeamMember.TEAM_PREFIX + team));
    JourneyView view = context.getAutowireCapableBeanFactory().createBean(JourneyView.class);
    view.setParameter(null, id.toString());
    UI.getCurrent().add(view);
    return view;
  }

  private static java.util.List<String> items(JourneyView page, String listId) {
    UnorderedList list = _get(page, UnorderedList.class, spec -> spec.withId(listId));
    return list.getChildren().map(c -> ((ListItem) c).getElement().getTextRecursively()).toList();
  }
}
