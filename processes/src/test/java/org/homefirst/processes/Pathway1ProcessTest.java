package org.homefirst.processes;

import static org.homefirst.processes.ProcessAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.homefirst.processes.Journey.vars;

import org.operaton.bpm.engine.runtime.ProcessInstance;
import org.operaton.bpm.engine.test.junit5.ProcessEngineExtension;
import org.junit.jupiter.api.extension.RegisterExtension;
import java.time.Duration;
import org.operaton.bpm.engine.history.HistoricVariableUpdate;
import java.util.List;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(ElementCoverage.class)
class Pathway1ProcessTest {

  @RegisterExtension static ProcessEngineExtension engine = TestEngine.extension();
  Journey journey;

  @BeforeEach
  void deploy() {
    journey = new Journey();
    journey.deployAll();
  }

  private ProcessInstance pathway1(String borough, boolean equipmentNeeded) {
    Map<String, Object> v = Journey.referral(borough, "bhrut-queens");
    v.put("dischargeTeam", borough.equals("lbr") ? "lbr-hospital-sw" : "jad");
    v.put("equipmentNeeded", equipmentNeeded);
    return journey.start("homefirst-pathway-1", v);
  }

  @Test
  void homeFirstWithReablementEquipmentAnd91DayCheck() {
    ProcessInstance instance = pathway1("lbh", true);
    assertThat(instance).hasVariableWithValue("reablementTeam", "nelft-reablement");
    journey.trustedAssessmentAccepted();
    assertThat(instance).hasVariableWithValue("assessmentsDone", List.of("pathway-1"));
    journey.requested("Task_RequestReablement", "reablementRequestKey", "homefirst-job-11").complete("Task_OrderEquipment");
    assertThat(instance).isWaitingAtElements("Task_AwaitReablementDecision");
    journey.partnerAccepted("homefirst-job-11");
    journey.discharge();

    assertThat(journey.task("Task_ConfirmServiceStarted"))
        .containsEntry("candidateGroups", List.of("nelft-reablement"))
        .containsEntry("formKey", "homefirst:support-started");
    journey.complete("Task_ConfirmServiceStarted");
    journey.complete("Task_AssessAtHome");
    journey.complete("Task_ReablementReview", vars("longTermCareNeeded", false));
    assertThat(instance).isWaitingAtElements("Timer_FollowUpDue");

    journey.advance(Duration.ofDays(90));
    assertThat(journey.hasJob("Task_FollowUpCheck")).isFalse();
    journey.advance(Duration.ofDays(1).plusHours(1));
    journey.complete("Task_FollowUpCheck", vars("stillAtHomeAt91Days", true));

    assertThat(instance).hasNotPassedElement("Task_RequestLongTermCare").hasNotPassedElement("Timer_ReablementStartSla")
        .hasPassedElement("EndEvent_Pathway1Complete").isCompleted();
  }

  @Test
  void rejectedReablementRequestIsRetriedAndLongTermCareRequestedAfterReview() {
    ProcessInstance instance = pathway1("lbbd", false);
    assertThat(instance).hasVariableWithValue("reablementTeam", "lbbd-crisis");
    journey.trustedAssessmentAccepted();
    journey.requested("Task_RequestReablement", "reablementRequestKey", "homefirst-job-21");
    journey.partnerRejected("homefirst-job-21", "outside criteria", "council-lbbd");
    assertThat(journey.task("Task_ResolveReablementRejection"))
        .containsEntry("formKey", "homefirst:resolve-rejection");
    assertThat(journey.activatedVariables("Task_ResolveReablementRejection"))
        .containsEntry("rejectionReason", "outside criteria").containsEntry("rejectedBy", "council-lbbd");
    journey.complete("Task_ResolveReablementRejection", vars("rejectionDecision", "retry"));
    journey.requested("Task_RequestReablement", "reablementRequestKey", "homefirst-job-22");
    journey.partnerAccepted("homefirst-job-22");
    journey.discharge();
    journey.complete("Task_ConfirmServiceStarted").complete("Task_AssessAtHome");
    journey.complete("Task_ReablementReview", vars("longTermCareNeeded", true));

    assertThat(journey.topic("Task_RequestLongTermCare"))
        .isEqualTo("homefirst.council.request-long-term-care");
    journey.requested("Task_RequestLongTermCare", "longTermCareRequestKey", "homefirst-job-23");
    assertThat(instance).isWaitingAtElements("Task_AwaitLongTermCareDecision");
    journey.partnerAccepted("homefirst-job-23");
    assertThat(instance).hasPassedElement("Gateway_EquipmentDone").hasNotPassedElement("Task_OrderEquipment")
        .isWaitingAtElements("Timer_FollowUpDue");
  }

  @Test
  void rejectedReablementCanBecomeACarePackageAndLateStepsAreEscalated() {
    ProcessInstance instance = pathway1("lbr", false);
    journey.trustedAssessmentAccepted();
    journey.reject("Task_RequestReablement", "homefirst.rejected", Map.of());
    journey.complete("Task_ResolveReablementRejection", vars("rejectionDecision", "care-package"));
    journey.requested("Task_RequestCarePackage", "carePackageRequestKey", "homefirst-job-31");
    journey.partnerAccepted("homefirst-job-31");
    journey.discharge();

    journey.advance(Duration.ofDays(2).plusHours(1));
    assertThat(instance).hasPassedElement("Timer_ReablementStartSla");
    journey.complete("Task_TeamLeadReview", vars("escalationResolved", true));
    journey.complete("Task_ConfirmServiceStarted");
    journey.advance(Duration.ofHours(49));
    assertThat(instance).hasPassedElement("Timer_HomeAssessmentSla");
    journey.complete("Task_TeamLeadReview", vars("escalationResolved", true));
    journey.complete("Task_AssessAtHome");
    journey.advance(Duration.ofDays(42).plusHours(1));
    assertThat(instance).hasPassedElement("Timer_ReablementReviewSla");
    journey.complete("Task_TeamLeadReview", vars("escalationResolved", true));

    assertThat(instance).hasPassedElement("EndEvent_ReablementStartSlaEscalated").hasPassedElement("EndEvent_HomeAssessmentSlaEscalated").hasPassedElement("EndEvent_ReablementReviewSlaEscalated").hasPassedElement("Task_RequestCarePackage").isWaitingAtElements("Task_ReablementReview");
  }

  /** A decision the model does not act on asks the reablement service again, as "retry" does. */
  @Test
  void aReablementRejectionDecidedWithoutAChoiceAsksAgain() {
    ProcessInstance instance = pathway1("lbr", false);
    journey.trustedAssessmentAccepted();
    journey.reject("Task_RequestReablement", "homefirst.rejected", vars("rejectionReason", "no capacity"));

    journey.complete("Task_ResolveReablementRejection", Map.of());

    assertThat(instance).isWaitingAtElements("Task_RequestReablement").hasNotPassedElement("Task_RequestCarePackage");
  }

  /** Reablement declined, the coordinator asks the council for a care package instead. */
  private void carePackageRequested() {
    journey.trustedAssessmentAccepted();
    journey.reject("Task_RequestReablement", "homefirst.rejected", vars("rejectionReason", "no capacity"));
    journey.complete("Task_ResolveReablementRejection", vars("rejectionDecision", "care-package"));
  }

  @Test
  void declinedCarePackageShowsTheCouncilsReasonAndIsRetried() {
    ProcessInstance instance = pathway1("lbr", false);
    carePackageRequested();
    journey.requested("Task_RequestCarePackage", "carePackageRequestKey", "homefirst-job-41");
    journey.partnerRejected("homefirst-job-41", "no provider in the area", "council-lbr");

    assertThat(journey.task("Task_ResolveCarePackageRejection"))
        .containsEntry("candidateGroups", List.of("lbr-hospital-sw"))
        .containsEntry("formKey", "homefirst:resolve-rejection");
    assertThat(journey.activatedVariables("Task_ResolveCarePackageRejection"))
        .containsEntry("rejectionReason", "no provider in the area").containsEntry("rejectedBy", "council-lbr");
    assertThat(instance).hasVariableWithValue("rejectionReason", "no provider in the area")
        .hasVariableWithValue("rejectedBy", "council-lbr");

    // a pathway picked by mistake alongside "retry" must not change the pathway later
    journey.complete("Task_ResolveCarePackageRejection", vars("rejectionDecision", "retry", "nextPathway", 3));
    assertThat(instance).hasVariableWithValue("nextPathway", null);
    journey.requested("Task_RequestCarePackage", "carePackageRequestKey", "homefirst-job-42");
    journey.partnerAccepted("homefirst-job-42");
    journey.discharge();

    assertThat(instance).hasPassedElement("Gateway_CarePackageDecision", 2).hasPassedElement("Task_RequestCarePackage", 2)
        .hasPassedElement("Gateway_RequestCarePackage", 2).hasNotPassedElement("EndEvent_PathwayChangeRequested")
        .isWaitingAtElements("Task_ConfirmServiceStarted");
  }

  @Test
  void declinedCarePackageChangesThePathwayAndStopsTheOtherRequests() {
    ProcessInstance instance = pathway1("lbh", true);
    carePackageRequested();
    journey.reject("Task_RequestCarePackage", "homefirst.rejected", vars("rejectionReason", "not eligible"));
    assertThat(journey.hasJob("Task_OrderEquipment")).isTrue();

    journey.complete("Task_ResolveCarePackageRejection", vars("rejectionDecision", "change-pathway", "nextPathway", 2));

    assertThat(instance).hasPassedElement("EndEvent_PathwayChangeRequested").hasNotPassedElement("Task_OrderEquipment")
        .hasNotPassedElement("Call_Discharge").isCompleted().hasVariableWithValue("nextPathway", 2);
    assertThat(journey.hasJob("Task_OrderEquipment")).isFalse();
  }

  @Test
  void changePathwayWithoutANewPathwayAsksTheCouncilAgain() {
    ProcessInstance instance = pathway1("lbbd", false);
    carePackageRequested();
    journey.requested("Task_RequestCarePackage", "carePackageRequestKey", "homefirst-job-51");
    journey.partnerRejected("homefirst-job-51", "council-lbbd rejected the request", "council-lbbd");

    journey.complete("Task_ResolveCarePackageRejection", vars("rejectionDecision", "change-pathway"));

    assertThat(instance).hasNotPassedElement("EndEvent_PathwayChangeRequested").isActive();
    assertThat(journey.hasJob("Task_RequestCarePackage")).isTrue();
  }

  /** Discharged into reablement; the review asks for long-term care. */
  private ProcessInstance longTermCareRequested(String borough) {
    ProcessInstance instance = pathway1(borough, false);
    journey.trustedAssessmentAccepted();
    journey.requested("Task_RequestReablement", "reablementRequestKey", "homefirst-job-61");
    journey.partnerAccepted("homefirst-job-61");
    journey.discharge();
    journey.complete("Task_ConfirmServiceStarted").complete("Task_AssessAtHome");
    journey.complete("Task_ReablementReview", vars("longTermCareNeeded", true));
    return instance;
  }

  @Test
  void declinedLongTermCareGoesToTheReablementTeamAndIsRetried() {
    ProcessInstance instance = longTermCareRequested("lbbd");
    journey.requested("Task_RequestLongTermCare", "longTermCareRequestKey", "homefirst-job-71");
    journey.partnerRejected("homefirst-job-71", "financial assessment outstanding", "council-lbbd");

    assertThat(journey.task("Task_ResolveLongTermCareRejection"))
        .containsEntry("candidateGroups", List.of("lbbd-crisis"))
        .containsEntry("formKey", "homefirst:resolve-rejection");
    assertThat(journey.activatedVariables("Task_ResolveLongTermCareRejection"))
        .containsEntry("rejectionReason", "financial assessment outstanding").containsEntry("rejectedBy", "council-lbbd");
    journey.complete("Task_ResolveLongTermCareRejection", vars("rejectionDecision", "retry", "nextPathway", 3));
    journey.requested("Task_RequestLongTermCare", "longTermCareRequestKey", "homefirst-job-72");
    journey.partnerAccepted("homefirst-job-72");

    assertThat(instance).hasPassedElement("Gateway_LongTermCareDecision", 2).hasPassedElement("Task_RequestLongTermCare", 2)
        .hasPassedElement("Gateway_RequestLongTermCare", 2).hasVariableWithValue("rejectionDecision", "retry")
        .isWaitingAtElements("Timer_FollowUpDue");
    assertThat(journey.engine().getHistoryService().createHistoricDetailQuery().variableUpdates()
        .processInstanceId(instance.getId()).list())
        .as("no pathway change can come out of a long-term care decision")
        .noneMatch(d -> ((HistoricVariableUpdate) d).getVariableName().equals("nextPathway")
            && instance.getId().equals(d.getActivityInstanceId()));
  }

  @Test
  void declinedLongTermCareCanEndTheRequestAndTheFollowUpStillHappens() {
    ProcessInstance instance = longTermCareRequested("lbh");
    journey.reject("Task_RequestLongTermCare", "homefirst.rejected", vars("rejectionReason", "not eligible"));
    assertThat(journey.task("Task_ResolveLongTermCareRejection"))
        .containsEntry("candidateGroups", List.of("nelft-reablement"));

    journey.complete("Task_ResolveLongTermCareRejection", vars("rejectionDecision", "no-long-term-care"));

    assertThat(instance).hasPassedElement("Gateway_LongTermCareRejectionDecision")
        .hasPassedElement("Gateway_LongTermCareDone").hasNotPassedElement("Task_RequestLongTermCare")
        .isWaitingAtElements("Timer_FollowUpDue");
    journey.advance(Duration.ofDays(92));
    journey.complete("Task_FollowUpCheck", vars("stillAtHomeAt91Days", true));
    assertThat(instance).isCompleted();
  }

  @Test
  void clocksAfterDischargeRunFromTheRecordedDischargeTime() {
    ProcessInstance instance = pathway1("lbr", false);
    journey.trustedAssessmentAccepted();
    journey.requested("Task_RequestReablement", "reablementRequestKey", "homefirst-job-31");
    journey.partnerAccepted("homefirst-job-31");
    Instant left = journey.now().minus(Duration.ofHours(30)).truncatedTo(ChronoUnit.SECONDS);
    journey.discharge(left);

    Instant startDue = left.plus(Duration.ofDays(2));
    assertThat(journey.task("Task_ConfirmServiceStarted")).containsEntry("dueDate", startDue);
    assertThat(journey.timerDue("Timer_ReablementStartSla")).isEqualTo(startDue);
    journey.complete("Task_ConfirmServiceStarted");
    Instant homeAssessmentDue = left.plus(Duration.ofHours(48));
    assertThat(journey.task("Task_AssessAtHome")).containsEntry("dueDate", homeAssessmentDue);
    assertThat(journey.timerDue("Timer_HomeAssessmentSla")).isEqualTo(homeAssessmentDue);
    journey.complete("Task_AssessAtHome");
    assertThat(journey.task("Task_ReablementReview")).containsEntry("dueDate", left.plus(Duration.ofDays(42)));
    assertThat(journey.timerDue("Timer_ReablementReviewSla")).isEqualTo(left.plus(Duration.ofDays(42)));
    journey.complete("Task_ReablementReview", vars("longTermCareNeeded", false));

    assertThat(journey.timerDue("Timer_FollowUpDue")).isEqualTo(left.plus(Duration.ofDays(91)));
    journey.advance(Duration.ofHours(19));
    assertThat(instance).hasNotPassedElement("Timer_ReablementStartSla").hasNotPassedElement("Timer_HomeAssessmentSla");
  }
}
