package org.homefirst.referral;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.UUID;
import org.homefirst.StackTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Events from outside the inbox reach the running journey as engine messages, on the embedded
 * engine with the full discharge journey model.
 */
class JourneyEventsTest extends StackTest {

  static final String FULL_JOURNEY = "homefirst-discharge-journey";

  @Autowired ReferralIntake intake;
  @Autowired JourneyEvents events;

  @Test
  void aWardRoundFindingThePatientNoLongerMeetsCriteriaToResideSetsTheDischargeReadyDate() {
    Referral referral = startFullJourney();
    waitForTriage(referral);

    events.publish(
        referral.id(),
        "criteria-to-reside-reviewed",
        Map.of("meetsCriteriaToReside", false, "reviewedAt", "2026-11-21T10:00:00Z"),
        WARD);

    String readyAt =
        eventually(
            "the journey to record the discharge ready date",
            () ->
                db.sql("select value from process_variable where scope_key = ? and name = 'dischargeReadyAt' and value <> 'null'")
                    .param(referral.processInstanceKey())
                    .query(String.class)
                    .optional()
                    .orElse(null));
    assertThat(readyAt).contains("2026-11-21T10:00");
    assertThat(db.sql("select count(*) from journey_event where root_instance_key = ? and kind = 'MESSAGE_CORRELATED'")
            .param(referral.processInstanceKey()).query(Integer.class).single())
        .isPositive();
  }

  @Test
  void aDeathEndsTheWorkWaitingForPeople() {
    Referral referral = startFullJourney();
    waitForTriage(referral);

    events.publish(referral.id(), "patient-died", Map.of("diedAt", "2026-11-21T03:00:00Z"), WARD);

    eventually(
        "the triage task to be withdrawn",
        () -> db.sql("select state from user_task where root_instance_key = ? and element_id = 'Task_Triage'")
            .param(referral.processInstanceKey()).query(String.class).single().equals("CANCELED"));
  }

  @Test
  void refusesUnknownEventsAndBadFieldsNamingEachOne() {
    Referral referral = startFullJourney();

    assertThatThrownBy(() -> events.publish(referral.id(), "patient-teleported", Map.of(), WARD))
        .isInstanceOfSatisfying(InvalidReferral.class, e -> assertThat(e.fieldErrors()).containsOnlyKeys("type"));
    assertThatThrownBy(
            () -> events.publish(
                referral.id(),
                "delay-reported",
                Map.of("delayReason", "awaiting package of care", "delayAttribution", "council", "delaySetting", "acute", "extra", 1),
                WARD))
        .isInstanceOfSatisfying(
            InvalidReferral.class, e -> assertThat(e.fieldErrors())
                .as("a delay's reason is one of the codes the returns group by")
                .containsOnlyKeys("delayReason", "delayAttribution", "extra"));
    assertThatThrownBy(() -> events.publish(UUID.randomUUID(), "patient-died", Map.of(), WARD))
        .isInstanceOf(ReferralNotFound.class);
  }

  @Autowired org.homefirst.inbox.TaskInbox inbox;

  @Test
  void aChangeOfPathwayIsRefusedBeforeAPathwayIsUnderWayAndReplacesThePathwayOnceItIs() {
    Referral referral = startFullJourney();
    waitForTriage(referral);
    Map<String, Object> change = Map.of("newPathway", 0, "pathwayChangeReason", "Family will care for her at home");

    assertThatThrownBy(() -> events.publish(referral.id(), "pathway-changed", change, JAD))
        .isInstanceOfSatisfying(InvalidReferral.class,
            e -> assertThat(e.fieldErrors().get("type")).contains("not on a pathway yet"));
    assertThat(events.inPathwayCare(referral)).isFalse();

    complete(referral, "Task_Triage", triageAnswers("mobility", "help-of-one"));
    complete(referral, "Task_ConfirmPathway", Map.of("pathway", 1));
    var assessment = taskOf(referral, "Task_TrustedAssessment");
    assertThat(events.inPathwayCare(referral)).isTrue();

    events.publish(referral.id(), "pathway-changed", change, JAD);

    eventually("the pathway 1 assessment to be withdrawn", () -> db.sql("select state from user_task where task_key = ?")
        .param(assessment.key()).query(String.class).single().equals("CANCELED"));
    taskOf(referral, "Task_PlanDischarge");
    assertThat(db.sql("select count(*) from audit_event where referral_id = ? and action = 'RECORD_EVENT' and actor = 'jad.coordinator'")
        .param(referral.id()).query(Integer.class).single()).isEqualTo(1);
  }

  private org.homefirst.inbox.InboxTask taskOf(Referral referral, String elementId) {
    return eventually(elementId, () -> inbox.openTasksOf(referral).stream()
        .filter(t -> t.elementId().equals(elementId)).findFirst().orElse(null));
  }

  private void complete(Referral referral, String elementId, Map<String, Object> answers) {
    var task = taskOf(referral, elementId);
    inbox.claim(JAD, task.key());
    inbox.complete(JAD, task.key(), answers);
  }

  @Test
  void refusesEventsForAJourneyThatHasEnded() {
    Referral referral = startFullJourney();
    db.sql("update referral set status = 'CANCELLED' where id = ?").param(referral.id()).update();

    assertThatThrownBy(() -> events.publish(referral.id(), "patient-died", Map.of(), WARD))
        .isInstanceOf(ReferralClosed.class);
  }

  private Referral startFullJourney() {
    return intake.receive(
        new ReferralRequest(validNhsNumber(), "Ada", "Jones", "1941-03-02", "lbh", "bhrut-kgh", "Ward 7",
            "2026-11-20T09:30:00Z", null),
        "ward.nurse",
        FULL_JOURNEY);
  }

  private void waitForTriage(Referral referral) {
    eventually(
        "the triage task",
        () -> db.sql("select count(*) from user_task where root_instance_key = ? and element_id = 'Task_Triage'")
            .param(referral.processInstanceKey()).query(Integer.class).single() > 0);
  }
}
