package org.homefirst.referral;

import static org.assertj.core.api.Assertions.assertThat;

import org.homefirst.inbox.TaskAnswers;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.homefirst.StackTest;
import org.homefirst.simulators.nelft.NelftSimulator;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The full discharge journey model on the embedded engine, with our projection and workers: a pathway 0
 * patient from referral to the end of the journey, and a pathway 2 bed that NELFT accepts. Tasks
 * are completed as the forms would; the hospital requests, the discharge announcement and the
 * partner request and its decision are done by our workers.
 */
class FullJourneyTest extends StackTest {

  @Autowired ReferralIntake intake;
  @Autowired JourneyClocks clocks;
  @Autowired TaskAnswers answers;
  @Autowired NelftSimulator nelft;

  @Test
  void pathwayZeroPatientGoesHomeAndTheJourneyCompletes() {
    String homeCheck = clocks.getClocks().put("homeCheckAfter", "PT2S");
    Referral referral;
    try {
      referral = intake.receive(
          new ReferralRequest(validNhsNumber(), "Ada", "Jones", "1941-03-02", "lbh", "bhrut-kgh", "Ward 7",
              "2026-11-20T09:30:00Z", null),
          "ward.nurse",
          JourneyEventsTest.FULL_JOURNEY);
    } finally {
      clocks.getClocks().put("homeCheckAfter", homeCheck);
    }
    long root = referral.processInstanceKey();

    complete(root, "Task_Triage", Map.of("fastTrack", false, "section117", false));
    complete(root, "Task_ConfirmPathway", Map.of("pathway", 0, "voluntarySupportWanted", false));

    List<String> requests = eventually("the hospital requests by our worker", () -> {
      List<String> kinds = db.sql("select kind from hospital_request where referral_id = ? order by kind")
          .param(referral.id()).query(String.class).list();
      return kinds.size() == 2 ? kinds : null;
    });
    assertThat(requests).containsExactly("transport", "tta");

    complete(root, "Task_PlanDischarge", Map.of("plannedDischargeAt", "2026-11-23T11:00:00"));
    complete(root, "Task_ConfirmDischarge", Map.of("dischargedAt", Instant.now().toString()));
    eventually("the journey to hear of the discharge", () -> db.sql(
            "select count(*) from process_variable where scope_key = ? and name = 'dischargedAt' and value <> 'null'")
        .param(root).query(Integer.class).single() > 0);
    partnerJob(root, "homefirst.notifications.notify-discharge", "Task_NotifyDischarge");

    complete(root, "Task_HomeCheck", Map.of("stillAtHome", true));
    partnerJob(root, "homefirst.notifications.notify-journey-complete", "Task_NotifyJourneyComplete");

    Referral done = eventually("the journey to complete",
        () -> intake.find(referral.id()).filter(r -> r.status().equals("COMPLETED")).orElse(null));
    assertThat(done.closedAt()).isNotNull();
    assertThat(db.sql("select count(*) from incident where root_instance_key = ?").param(root).query(Integer.class).single())
        .isZero();
  }

  /**
   * Pathway 2 on the embedded engine: the rehab bed request goes to NELFT (the local FHIR simulator)
   * and its job completes at once; the journey waits in {@code Task_AwaitBedDecision}; when NELFT
   * accepts, the NELFT decision poller finds it with its FHIR search and publishes
   * {@code homefirst.partner-decided} on the request's key, and the journey goes on to planning the
   * discharge. The patient's messages with partners show the request and the decision only.
   */
  @Test
  void pathwayTwoBedAcceptedByNelftContinuesTheJourneyByMessage() {
    Referral referral = intake.receive(
        new ReferralRequest(validNhsNumber(), "Derek", "Osei", "1947-07-30", "lbh", "bhrut-kgh", "Ward 12",
            "2026-11-20T09:30:00Z", null),
        "ward.nurse",
        JourneyEventsTest.FULL_JOURNEY);
    long root = referral.processInstanceKey();
    complete(root, "Task_Triage", Map.of("fastTrack", false, "mobility", "help-of-two", "section117", false));
    complete(root, "Task_ConfirmPathway", Map.of("pathway", 2));
    complete(root, "Task_TrustedAssessment", Map.of("trustedAssessment", "Post hip fracture; transfers with two"));
    complete(root, "Task_ReviewAssessment", Map.of("assessmentAccepted", true));

    Map<String, Object> request = eventually("the bed request at NELFT", () -> db.sql(
            "select idempotency_key, downstream_id, status from partner_referral where referral_id = ? and system = 'nelft'")
        .param(referral.id()).query().listOfRows().stream().findFirst().orElse(null));
    assertThat(request).containsEntry("status", "requested");
    String key = (String) request.get("idempotency_key");
    eventually("the journey to wait for NELFT's decision", () -> active(root, "Task_AwaitBedDecision"));
    assertThat(db.sql("select count(*) from user_task where root_instance_key = ? and element_id = 'Task_PlanDischarge'")
        .param(root).query(Integer.class).single()).as("no discharge before NELFT accepts").isZero();

    nelft.accept((String) request.get("downstream_id"));

    eventually("the discharge to plan once NELFT accepted", () -> db.sql(
            "select count(*) from user_task where root_instance_key = ? and element_id = 'Task_PlanDischarge' and state = 'CREATED'")
        .param(root).query(Integer.class).single() > 0);
    assertThat(db.sql("select status from partner_referral where idempotency_key = ?").param(key).query(String.class)
        .single()).isEqualTo("accepted");
    assertThat(db.sql("select detail from journey_event where root_instance_key = ? and kind = 'MESSAGE_CORRELATED' "
            + "and element_type = 'homefirst.partner-decided'").param(root).query(String.class).list())
        .as("correlated by the request's key").containsExactly(key);
    assertThat(db.sql("select operation from partner_exchange where referral_id = ? order by id").param(referral.id())
        .query(String.class).list()).containsExactly("create-service-request", "decision");
    assertThat(db.sql("select count(*) from incident where root_instance_key = ?").param(root).query(Integer.class).single())
        .isZero();
  }

  /** Completes the open user task of that element as its form would. */
  private void complete(long root, String elementId, Map<String, Object> values) {
    long key = eventually(elementId + " to be open", () -> db.sql(
            "select task_key from user_task where root_instance_key = ? and element_id = ? and state = 'CREATED'")
        .param(root).param(elementId).query(Long.class).optional().orElse(null));
    answers.give(key, values);
  }

  /** A notification job, done by its worker (every topic has one). */
  private void partnerJob(long root, String type, String elementId) {
    eventually(elementId + " (" + type + ") done by its worker", () -> db.sql(
            "select count(*) from journey_event where root_instance_key = ? and element_id = ? and kind = 'ELEMENT_COMPLETED'")
        .param(root).param(elementId).query(Integer.class).single() > 0);
  }
}
