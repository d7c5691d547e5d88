package org.homefirst.referral;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.UUID;
import org.homefirst.StackTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Events from outside the inbox reach the running journey as engine messages, on the real
 * broker with the full discharge journey model.
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
        "ward.nurse");

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

    events.publish(referral.id(), "patient-died", Map.of("diedAt", "2026-11-21T03:00:00Z"), "ward.nurse");

    eventually(
        "the triage task to be withdrawn",
        () -> db.sql("select state from user_task where root_instance_key = ? and element_id = 'Task_Triage'")
            .param(referral.processInstanceKey()).query(String.class).single().equals("CANCELED"));
  }

  @Test
  void refusesUnknownEventsAndBadFieldsNamingEachOne() {
    Referral referral = startFullJourney();

    assertThatThrownBy(() -> events.publish(referral.id(), "patient-teleported", Map.of(), "ward.nurse"))
        .isInstanceOfSatisfying(InvalidReferral.class, e -> assertThat(e.fieldErrors()).containsOnlyKeys("type"));
    assertThatThrownBy(
            () -> events.publish(
                referral.id(),
                "delay-reported",
                Map.of("delayReason", "awaiting package of care", "delayAttribution", "council", "delaySetting", "acute", "extra", 1),
                "ward.nurse"))
        .isInstanceOfSatisfying(
            InvalidReferral.class, e -> assertThat(e.fieldErrors()).containsOnlyKeys("delayAttribution", "extra"));
    assertThatThrownBy(() -> events.publish(UUID.randomUUID(), "patient-died", Map.of(), "ward.nurse"))
        .isInstanceOf(ReferralNotFound.class);
  }

  @Test
  void refusesEventsForAJourneyThatHasEnded() {
    Referral referral = startFullJourney();
    db.sql("update referral set status = 'CANCELLED' where id = ?").param(referral.id()).update();

    assertThatThrownBy(() -> events.publish(referral.id(), "patient-died", Map.of(), "ward.nurse"))
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
