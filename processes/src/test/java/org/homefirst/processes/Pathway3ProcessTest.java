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

@ExtendWith(ElementCoverage.class)
class Pathway3ProcessTest {

  @RegisterExtension static ProcessEngineExtension engine = TestEngine.extension();
  Journey journey;

  @BeforeEach
  void deploy() {
    journey = new Journey();
    journey.deployAll();
  }

  private ProcessInstance pathway3(boolean fastTrack) {
    Map<String, Object> v = Journey.referral("lbbd", "bhrut-kgh");
    v.put("dischargeTeam", "jad");
    v.put("fastTrack", fastTrack);
    return journey.start("homefirst-pathway-3", v);
  }

  /** Standard route up to the CHC checklist in the interim bed. */
  private void inInterimBed() {
    journey.complete("Task_TrustedAssessment");
    assertThat(journey.task("Task_ReviewAssessment"))
        .containsEntry("candidateGroups", List.of("council-lbbd"));
    journey.complete("Task_ReviewAssessment", vars("assessmentAccepted", true));
    journey.complete("Task_RequestInterimBed", vars("interimBedReferralId", "ASC-LBBD-7", "interimBedRequestKey", "homefirst-job-7"));
    assertThat(journey.hasJob("Task_PlanDischarge")).as("no discharge before the council accepts").isFalse();
    journey.partnerAccepted("homefirst-job-7");
    journey.discharge();
  }

  @Test
  void acceptedFastTrackIsCommissionedAndDischargedWithoutInterimBed() {
    ProcessInstance instance = pathway3(true);
    journey.complete("Task_FastTrackDecision", vars("chcOutcome", "chc-eligible"));
    assertThat(journey.topic("Task_CommissionFastTrackCare"))
        .isEqualTo("homefirst.chc.commission-fast-track-care");
    journey.complete("Task_CommissionFastTrackCare");
    journey.discharge();

    assertThat(instance).hasPassedElement("EndEvent_FastTrackDischarged").hasNotPassedElement("Call_TrustedAssessment")
        .isCompleted().hasVariableWithValue("chcOutcome", "chc-eligible");
  }

  @Test
  void fastTrackNotAcceptedFallsBackToInterimBedNegativeChecklistAndCouncilPlacement() {
    ProcessInstance instance = pathway3(true);
    journey.complete("Task_FastTrackDecision", vars("chcOutcome", "not-eligible"));
    journey.trustedAssessmentAccepted();
    journey.reject("Task_RequestInterimBed", "homefirst.rejected", vars("rejectionReason", "home closed to admissions"));
    journey.complete("Task_ResolveInterimBedRejection");
    journey.requested("Task_RequestInterimBed", "interimBedRequestKey", "homefirst-job-8");
    journey.partnerAccepted("homefirst-job-8");
    journey.discharge();
    assertThat(journey.task("Task_ChcChecklist")).containsEntry("candidateGroups", List.of("council-lbbd"));
    journey.complete("Task_ChcChecklist", vars("checklistPositive", false));
    assertThat(journey.task("Task_RecordCareHomeChoice"))
        .containsEntry("formKey", "homefirst:care-home-choice");
    journey.complete("Task_RecordCareHomeChoice", vars("careHomeChoice", Map.of("first", "Oak Lodge")));
    journey.requested("Task_RequestCouncilPlacement", "placementRequestKey", "homefirst-job-9");
    assertThat(instance).isWaitingAtElements("Task_AwaitPlacementDecision");
    journey.partnerAccepted("homefirst-job-9");

    assertThat(instance).hasPassedElement("Gateway_FastTrackAccepted").hasPassedElement("Task_ResolveInterimBedRejection").hasPassedElement("Task_RequestCouncilPlacement").hasPassedElement("EndEvent_Placed").hasNotPassedElement("Task_ArrangeFnc").isCompleted()
        .hasVariableWithValue("chcOutcome", "not-eligible");
  }

  @Test
  void interimBedDeclinedLaterByTheCouncilGoesToTheDischargeTeamToFindAnother() {
    ProcessInstance instance = pathway3(false);
    journey.trustedAssessmentAccepted();
    journey.requested("Task_RequestInterimBed", "interimBedRequestKey", "homefirst-job-13");
    assertThat(instance).isWaitingAtElements("Task_AwaitInterimBedDecision");

    journey.partnerRejected("homefirst-job-13", "No interim D2A bed this week", "council-lbbd");

    assertThat(instance).hasPassedElement("Gateway_InterimBedDecision").hasNotPassedElement("Error_InterimBedRejected")
        .isWaitingAtElements("Task_ResolveInterimBedRejection");
    assertThat(journey.activatedVariables("Task_ResolveInterimBedRejection"))
        .containsEntry("rejectionReason", "No interim D2A bed this week").containsEntry("rejectedBy", "council-lbbd");
    journey.complete("Task_ResolveInterimBedRejection");
    journey.requested("Task_RequestInterimBed", "interimBedRequestKey", "homefirst-job-14");
    journey.partnerAccepted("homefirst-job-14");
    assertThat(instance).hasPassedElement("Task_RequestInterimBed", 2).isWaitingAtElements("Call_Discharge");
  }

  @Test
  void chcEligibleAfterALongInterimStayIsCommissionedByTheIcb() {
    ProcessInstance instance = pathway3(false);
    inInterimBed();
    journey.complete("Task_ChcChecklist", vars("checklistPositive", true));
    journey.complete("Task_DecisionSupportTool", vars("dstSetting", "community"));
    journey.advance(Duration.ofDays(20).plusHours(1));
    assertThat(instance).hasPassedElement("Timer_InterimPlacementSla");
    journey.complete("Task_TeamLeadReview", vars("escalationResolved", true));
    journey.complete("Task_IcbDecision", vars("chcOutcome", "chc-eligible"));
    journey.complete("Task_RecordCareHomeChoice", vars("careHomeChoice", Map.of("first", "Elm House")));
    journey.complete("Task_CommissionChcPlacement");

    assertThat(instance).hasPassedElement("Task_CommissionChcPlacement").hasPassedElement("EndEvent_InterimPlacementSlaEscalated").hasPassedElement("EndEvent_Placed").isCompleted().hasVariableWithValue("dstSetting", "community");
  }

  @Test
  void fundedNursingCareThenCouncilPlacement() {
    ProcessInstance instance = pathway3(false);
    inInterimBed();
    journey.complete("Task_ChcChecklist", vars("checklistPositive", true));
    journey.complete("Task_DecisionSupportTool", vars("dstSetting", "community"));
    journey.complete("Task_IcbDecision", vars("chcOutcome", "fnc"));
    journey.complete("Task_RecordCareHomeChoice");
    journey.complete("Task_ArrangeFnc").requested("Task_RequestCouncilPlacement", "placementRequestKey", "homefirst-job-10");
    journey.partnerAccepted("homefirst-job-10");

    assertThat(instance).hasPassedElementsInOrder("Gateway_Funding", "Task_ArrangeFnc", "Gateway_CouncilPlacement",
        "Task_RequestCouncilPlacement", "Task_AwaitPlacementDecision", "Gateway_PlacementDecision", "Gateway_Placed",
        "EndEvent_Placed").isCompleted();
  }

  /** Negative checklist in the interim bed, a care home chosen, the council asked for the placement. */
  private ProcessInstance councilPlacementRequested() {
    ProcessInstance instance = pathway3(false);
    inInterimBed();
    journey.complete("Task_ChcChecklist", vars("checklistPositive", false));
    journey.complete("Task_RecordCareHomeChoice", vars("careHomeChoice", Map.of("first", "Oak Lodge")));
    return instance;
  }

  @Test
  void declinedCouncilPlacementGoesToTheCouncilTeamAndIsRetried() {
    ProcessInstance instance = councilPlacementRequested();
    journey.requested("Task_RequestCouncilPlacement", "placementRequestKey", "homefirst-job-11");
    journey.partnerRejected("homefirst-job-11", "Oak Lodge has no vacancy", "council-lbbd");

    assertThat(journey.task("Task_ResolvePlacementRejection"))
        .containsEntry("candidateGroups", List.of("council-lbbd"))
        .containsEntry("formKey", "homefirst:resolve-rejection");
    assertThat(journey.activatedVariables("Task_ResolvePlacementRejection"))
        .containsEntry("rejectionReason", "Oak Lodge has no vacancy").containsEntry("rejectedBy", "council-lbbd");
    journey.complete("Task_ResolvePlacementRejection", vars("rejectionDecision", "retry", "nextPathway", 1));
    journey.requested("Task_RequestCouncilPlacement", "placementRequestKey", "homefirst-job-12");
    journey.partnerAccepted("homefirst-job-12");

    assertThat(instance).hasPassedElement("Gateway_PlacementDecision", 2).hasPassedElement("Gateway_CouncilPlacement", 2)
        .hasPassedElement("Task_RequestCouncilPlacement", 2).hasPassedElement("EndEvent_Placed")
        .hasNotPassedElement("EndEvent_PathwayChangeRequested").isCompleted()
        .hasVariableWithValue("rejectionReason", "Oak Lodge has no vacancy").hasVariableWithValue("nextPathway", null);
  }

  @Test
  void declinedCouncilPlacementCanChangeThePathway() {
    ProcessInstance instance = councilPlacementRequested();
    journey.reject("Task_RequestCouncilPlacement", "homefirst.rejected", vars("rejectionReason", "not eligible"));

    journey.complete("Task_ResolvePlacementRejection", vars("rejectionDecision", "change-pathway", "nextPathway", 1));

    assertThat(instance).hasPassedElement("EndEvent_PathwayChangeRequested").hasNotPassedElement("EndEvent_Placed")
        .isCompleted().hasVariableWithValue("nextPathway", 1).hasVariableWithValue("rejectionDecision", "change-pathway");
  }

  @Test
  void interimPlacementReviewRunsFromTheRecordedDischargeToTheInterimBed() {
    pathway3(false);
    journey.trustedAssessmentAccepted();
    journey.requested("Task_RequestInterimBed", "interimBedRequestKey", "homefirst-job-51");
    journey.partnerAccepted("homefirst-job-51");
    Instant left = journey.now().minus(Duration.ofDays(2)).truncatedTo(ChronoUnit.SECONDS);
    journey.discharge(left);

    assertThat(journey.timerDue("Timer_InterimPlacementSla")).isEqualTo(left.plus(Duration.ofDays(20)));
  }
}
