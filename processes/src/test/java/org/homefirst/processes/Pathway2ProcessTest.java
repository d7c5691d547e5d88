package org.homefirst.processes;

import static org.homefirst.processes.ProcessAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.homefirst.processes.Journey.vars;

import org.operaton.bpm.engine.runtime.ProcessInstance;
import org.operaton.bpm.engine.test.junit5.ProcessEngineExtension;
import org.junit.jupiter.api.extension.RegisterExtension;
import java.util.List;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@ExtendWith(ElementCoverage.class)
class Pathway2ProcessTest {

  @RegisterExtension static ProcessEngineExtension engine = TestEngine.extension();
  Journey journey;

  @BeforeEach
  void deploy() {
    journey = new Journey();
    journey.deployAll();
  }


  private ProcessInstance transferred() {
    Map<String, Object> v = Journey.referral("lbh", "bhrut-kgh");
    v.put("dischargeTeam", "jad");
    ProcessInstance instance = journey.start("homefirst-pathway-2", v);
    journey.trustedAssessmentAccepted();
    // only the call activity's outputs come back: the child's own variables stay in the child
    assertThat(instance).hasVariableWithValue("assessmentsDone", List.of("pathway-2"))
        .hasNoVariable("trustedAssessment").hasNoVariable("assessmentAccepted").hasNoVariable("assessmentKind");
    assertThat(journey.topic("Task_RequestRehabBed")).isEqualTo("homefirst.nelft.request-rehab-bed");
    journey.complete("Task_RequestRehabBed", vars("rehabBedReferralId", "sr-4", "rehabBedRequestKey", "homefirst-job-4"));
    assertThat(instance).isWaitingAtElements("Task_AwaitBedDecision");
    assertThat(journey.hasJob("Task_PlanDischarge")).as("no discharge before NELFT accepts").isFalse();

    journey.partnerAccepted("homefirst-job-4");

    assertThat(instance).hasPassedElement("Gateway_BedDecision").hasVariableWithValue("partnerDecision", "accepted");
    journey.discharge();
    return instance;
  }

  @ParameterizedTest(name = "bed stay review decides next pathway {0}")
  @CsvSource({"1, EndEvent_StepDownToPathway1", "3, EndEvent_StepUpToPathway3"})
  void bedStayReviewStepsDownOrUp(int next, String end) {
    ProcessInstance instance = transferred();
    assertThat(journey.task("Task_BedStayReview"))
        .containsEntry("candidateGroups", List.of("nelft-irs"))
        .containsEntry("formKey", "homefirst:bed-stay-review");

    journey.complete("Task_BedStayReview", vars("nextPathway", next));

    assertThat(instance).hasPassedElement(end).isCompleted().hasVariableWithValue("nextPathway", next);
  }

  @Test
  void homeWithoutSupportAfterALateBedStayReview() {
    ProcessInstance instance = transferred();
    journey.advance(Duration.ofDays(14).plusHours(1));
    assertThat(instance).hasPassedElement("Timer_BedStayReviewSla");
    journey.complete("Task_TeamLeadReview", vars("escalationResolved", true));

    journey.complete("Task_BedStayReview", vars("nextPathway", null));

    assertThat(instance).hasPassedElement("EndEvent_HomeWithoutSupport").hasPassedElement("EndEvent_BedStayReviewSlaEscalated")
        .isCompleted();
  }

  @Test
  void bedRejectedLaterByNelftGoesToTheCoordinatorAndTheRetryIsEscalatedAfter72Hours() {
    Map<String, Object> v = Journey.referral("lbh", "bhrut-kgh");
    v.put("dischargeTeam", "jad");
    ProcessInstance instance = journey.start("homefirst-pathway-2", v);
    journey.trustedAssessmentAccepted();
    journey.requested("Task_RequestRehabBed", "rehabBedRequestKey", "homefirst-job-1");

    journey.partnerRejected("homefirst-job-1", "No IRS bed in the next 72 hours", "NELFT");

    // the error end event throws homefirst.rejected out of the transfer, to the same boundary as a refusal
    assertThat(journey.entered("homefirst-pathway-2")).contains("EndEvent_BedRejectedByNelft");
    assertThat(instance).hasPassedElement("Error_BedRejected").isWaitingAtElements("Task_ResolveBedRejection");
    assertThat(journey.activatedVariables("Task_ResolveBedRejection"))
        .containsEntry("rejectionReason", "No IRS bed in the next 72 hours").containsEntry("rejectedBy", "NELFT");
    journey.complete("Task_ResolveBedRejection", vars("rejectionDecision", "retry"));
    journey.requested("Task_RequestRehabBed", "rehabBedRequestKey", "homefirst-job-2");
    assertThat(instance).isWaitingAtElements("Task_AwaitBedDecision");

    // the SLA clock covers the wait for NELFT's decision
    journey.advance(Duration.ofHours(73));
    assertThat(instance).hasPassedElement("Timer_TransferSla").isWaitingAtElements("Task_AwaitBedDecision",
        "Call_EscalateTransferSla");
    journey.complete("Task_TeamLeadReview", vars("escalationResolved", false));
    journey.complete("Task_MadeReview");

    // a decision about the first request (its key) is not one about the request now waiting
    journey.partnerAccepted("homefirst-job-1");
    assertThat(instance).isWaitingAtElements("Task_AwaitBedDecision");
    journey.partnerAccepted("homefirst-job-2");
    journey.discharge();
    assertThat(instance).hasPassedElement("EndEvent_Transferred").hasPassedElement("EndEvent_TransferSlaEscalated")
        .hasPassedElement("Task_RequestRehabBed", 2).isWaitingAtElements("Task_BedStayReview");
  }

  @Test
  void aBedRefusedOutrightIsCaughtByTheErrorBoundary() {
    Map<String, Object> v = Journey.referral("lbh", "bhrut-kgh");
    v.put("dischargeTeam", "jad");
    ProcessInstance instance = journey.start("homefirst-pathway-2", v);
    journey.trustedAssessmentAccepted();

    journey.reject("Task_RequestRehabBed", "homefirst.rejected",
        vars("rejectionReason", "Referral incomplete", "rejectedBy", "NELFT"));

    assertThat(instance).hasPassedElement("Error_BedRejected").hasNotPassedElement("Task_AwaitBedDecision")
        .isWaitingAtElements("Task_ResolveBedRejection");
    journey.complete("Task_ResolveBedRejection", vars("rejectionDecision", "retry"));
    assertThat(instance).isWaitingAtElements("Task_RequestRehabBed");
  }

  @Test
  void noBedLeadsToAPathwayChange() {
    Map<String, Object> v = Journey.referral("lbh", "bhrut-kgh");
    v.put("dischargeTeam", "jad");
    ProcessInstance instance = journey.start("homefirst-pathway-2", v);
    journey.trustedAssessmentAccepted();
    journey.requested("Task_RequestRehabBed", "rehabBedRequestKey", "homefirst-job-7");
    journey.partnerRejected("homefirst-job-7", "No IRS bed this week", "NELFT");

    journey.complete("Task_ResolveBedRejection", vars("rejectionDecision", "change-pathway", "nextPathway", 1));

    assertThat(instance).hasPassedElement("EndEvent_PathwayChangeRequested").isCompleted()
        .hasVariableWithValue("nextPathway", 1);
  }

  /** An answer the model does not act on (none, or a change without a pathway) asks for the bed again. */
  @Test
  void aDecisionWithoutAChoiceOrWithoutANewPathwayRetriesTheBed() {
    ProcessInstance instance = bedRefusedOutright();

    journey.complete("Task_ResolveBedRejection", Map.of());
    assertThat(instance).isWaitingAtElements("Task_RequestRehabBed").hasNotPassedElement("EndEvent_PathwayChangeRequested");
    journey.reject("Task_RequestRehabBed", "homefirst.rejected", vars("rejectionReason", "Still no bed", "rejectedBy", "NELFT"));
    journey.complete("Task_ResolveBedRejection", vars("rejectionDecision", "change-pathway"));

    assertThat(instance).isWaitingAtElements("Task_RequestRehabBed").hasNotPassedElement("EndEvent_PathwayChangeRequested")
        .hasPassedElement("Task_ResolveBedRejection", 2);
  }

  /**
   * A pathway picked on the form but then "retry" chosen must not leak into the journey: after the
   * transfer, a review that sends the patient home ends at home, not at a step up.
   */
  @Test
  void aPathwayPickedWithRetryDoesNotOverrideTheBedStayReview() {
    ProcessInstance instance = bedRefusedOutright();
    journey.complete("Task_ResolveBedRejection", vars("rejectionDecision", "retry", "nextPathway", 3));
    journey.requested("Task_RequestRehabBed", "rehabBedRequestKey", "homefirst-job-9");
    journey.partnerAccepted("homefirst-job-9");
    journey.discharge();

    journey.complete("Task_BedStayReview", Map.of());

    assertThat(instance).hasPassedElement("EndEvent_HomeWithoutSupport").hasNotPassedElement("EndEvent_StepUpToPathway3")
        .isCompleted().hasVariableWithValue("rejectionDecision", "retry");
  }

  /** Pathway 2 for a JAD patient whose bed request NELFT refused outright: the coordinator decides. */
  private ProcessInstance bedRefusedOutright() {
    Map<String, Object> v = Journey.referral("lbh", "bhrut-kgh");
    v.put("dischargeTeam", "jad");
    ProcessInstance instance = journey.start("homefirst-pathway-2", v);
    journey.trustedAssessmentAccepted();
    journey.reject("Task_RequestRehabBed", "homefirst.rejected", vars("rejectionReason", "No bed", "rejectedBy", "NELFT"));
    return instance;
  }

  @Test
  void theTransferClockCoversTheDischargeStepsAndTheBedStayRunsFromTheTransfer() {
    Map<String, Object> v = Journey.referral("lbh", "bhrut-kgh");
    v.put("dischargeTeam", "jad");
    ProcessInstance instance = journey.start("homefirst-pathway-2", v);
    journey.trustedAssessmentAccepted();
    Instant transferDue = journey.now().plus(Duration.ofHours(72));
    assertThat(journey.timerDue("Timer_TransferSla")).isEqualTo(transferDue);
    journey.requested("Task_RequestRehabBed", "rehabBedRequestKey", "homefirst-job-41");
    journey.partnerAccepted("homefirst-job-41");
    assertThat(journey.task("Task_PlanDischarge")).containsEntry("dueDate", transferDue);

    Instant left = journey.now().minus(Duration.ofHours(20)).truncatedTo(ChronoUnit.SECONDS);
    journey.discharge(left);

    assertThat(journey.task("Task_BedStayReview")).containsEntry("dueDate", left.plus(Duration.ofDays(14)));
    assertThat(journey.timerDue("Timer_BedStayReviewSla")).isEqualTo(left.plus(Duration.ofDays(14)));
    assertThat(instance).isWaitingAtElements("Task_BedStayReview");
  }
}
