package org.homefirst.processes;

import static org.homefirst.processes.ProcessAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.homefirst.processes.Journey.vars;

import org.operaton.bpm.engine.ProcessEngineException;
import org.operaton.bpm.engine.runtime.ProcessInstance;
import org.operaton.bpm.engine.test.junit5.ProcessEngineExtension;
import org.junit.jupiter.api.extension.RegisterExtension;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(ElementCoverage.class)
class DischargeJourneyProcessTest {

  static final String JOURNEY = "homefirst-discharge-journey";

  @RegisterExtension static ProcessEngineExtension engine = TestEngine.extension();
  Journey journey;
  String referralId;

  @BeforeEach
  void deploy() {
    journey = new Journey();
    journey.deployAll();
  }

  private ProcessInstance referral(String borough, String hospital) {
    Map<String, Object> v = Journey.referral(borough, hospital);
    referralId = (String) v.get("referralId");
    return journey.start(JOURNEY, v);
  }

  /**
   * Triage facts that make the suggestion DMN say what the team concluded: 24-hour care (help of two
   * and a cognitive impairment), bed-based rehab (help of two), new support at home (help of one).
   */
  private static Map<String, Object> findings(boolean fastTrack, boolean needs24HourCare, boolean needsBedBasedRehab,
      boolean needsNewSupport, boolean section117) {
    Map<String, Object> facts = DecisionTablesTest.nothingNewNeeded();
    facts.put("fastTrack", fastTrack);
    facts.put("section117", section117);
    if (needs24HourCare) {
      facts.put("mobility", "help-of-two");
      facts.put("cognition", "impairment");
    } else if (needsBedBasedRehab) {
      facts.put("mobility", "help-of-two");
    } else if (needsNewSupport) {
      facts.put("mobility", "help-of-one");
    }
    return facts;
  }

  /** Triage with the given findings, then the team confirms the suggested pathway. */
  private void triagedAndConfirmed(Map<String, Object> findings, int pathway) {
    journey.complete("Task_Triage", findings);
    journey.complete("Task_ConfirmPathway", vars("pathway", pathway));
  }

  private void discharged() {
    journey.discharge();
    journey.publish("homefirst.patient-discharged", referralId, vars("dischargedAt", journey.now().toString()));
  }

  @Test
  void unknownBoroughIsRefusedAtStartRatherThanRoutedToNobody() {
    // no routing result: the triage task's candidate group resolves to null and Operaton refuses to
    // create it; the start runs in one transaction, so no instance is left behind
    assertThatThrownBy(() -> referral("elsewhere", "bhrut-kgh"))
        .isInstanceOf(ProcessEngineException.class)
        .hasMessageContaining("did not resolve to a string or collection of strings");
    assertThat(journey.engine().getRuntimeService().createProcessInstanceQuery().count()).isZero();
  }

  @Test
  void pathwayZeroJourneyFromReferralToCompletion() {
    ProcessInstance instance = referral("lbbd", "bhrut-kgh");
    assertThat(instance).hasVariableWithValue("dischargeTeam", "jad").isWaitingAtElements("Task_Triage");
    Map<String, Object> triage = journey.task("Task_Triage");
    assertThat(triage)
        .containsEntry("candidateGroups", List.of("jad"))
        .containsEntry("formKey", "homefirst:triage");
    assertThat(((Instant) triage.get("dueDate")).atOffset(ZoneOffset.UTC))
        .isBetween(OffsetDateTime.now().plusHours(23), OffsetDateTime.now().plusHours(25));

    journey.complete("Task_Triage", findings(false, false, false, false, false));
    assertThat(instance).hasVariableWithValue("suggestedPathway", 0);
    assertThat(journey.task("Task_ConfirmPathway")).containsEntry("formKey", "homefirst:confirm-pathway");
    journey.complete("Task_ConfirmPathway", vars("pathway", 0, "voluntarySupportWanted", false));
    assertThat(instance).isWaitingAtElements("Call_Pathway0");

    journey.complete("Task_RequestTta").complete("Task_BookTransport");
    discharged();
    journey.advance(Duration.ofHours(73));
    journey.complete("Task_HomeCheck", vars("stillAtHome", true));
    assertThat(journey.topic("Task_NotifyJourneyComplete"))
        .isEqualTo("homefirst.notifications.notify-journey-complete");
    journey.complete("Task_NotifyJourneyComplete");

    assertThat(instance)
        .hasPassedElementsInOrder("StartEvent_ReferralReceived", "Task_RouteToDischargeTeam", "Task_Triage",
            "Task_SuggestPathway", "Task_ConfirmPathway", "Task_RecordPathway", "Gateway_Section117Done",
            "Call_Pathway0", "SubProcess_PathwayCare", "Task_NotifyJourneyComplete", "EndEvent_JourneyComplete")
        .hasNotPassedElement("Call_Section117").hasPassedElement("EndEvent_NoDelay")
        .hasNotPassedElement("Task_RecordDelay").isCompleted();
    assertThat((List<?>) journey.variable(instance, "pathwayHistory")).hasSize(1);
    assertThat(journey.variable(instance, "dischargedAt")).isNotNull();
  }

  @Test
  void overrideNeedsAReasonAndSection117IsAgreedBeforeThePathway() {
    ProcessInstance instance = referral("lbr", "barts-whipps");
    assertThat(journey.task("Task_Triage")).containsEntry("candidateGroups", List.of("lbr-hospital-sw"));
    journey.complete("Task_Triage", findings(false, false, false, true, true));
    assertThat(instance).hasVariableWithValue("suggestedPathway", 1);

    journey.complete("Task_ConfirmPathway", vars("pathway", 2));
    assertThat(instance).isWaitingAtElements("Task_ConfirmPathway");
    journey.complete("Task_ConfirmPathway", vars("pathway", 2, "pathwayOverrideReason", "needs bed-based rehab first"));

    assertThat(instance).isWaitingAtElements("Call_Section117");
    journey.completeAs("chc.nurse", "Task_IcbAgreeFunding", vars("s117Agreed", true, "s117IcbSharePercent", 50));
    journey.completeAs("lbr.officer", "Task_CouncilAgreeFunding",
        vars("s117Agreed", false, "s117DisputeNote", "split not agreed"));
    journey.complete("Task_ResolveFundingDispute");
    journey.completeAs("chc.nurse", "Task_IcbAgreeFunding", vars("s117Agreed", true, "s117IcbSharePercent", 50));
    journey.completeAs("lbr.officer", "Task_CouncilAgreeFunding", vars("s117Agreed", true));
    assertThat(instance).isWaitingAtElements("Call_Pathway2").hasVariableWithValue("s117IcbSharePercent", 50);
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> delays = (List<Map<String, Object>>) journey.variable(instance, "delays");
    assertThat(delays).singleElement().satisfies(d -> assertThat(d)
        .containsEntry("reason", "s117-funding").containsEntry("attribution", "both"));
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> history = (List<Map<String, Object>>) journey.variable(instance, "pathwayHistory");
    assertThat(history).singleElement().satisfies(h -> assertThat(h)
        .containsEntry("pathway", 2).containsEntry("suggested", 1)
        .containsEntry("reason", "needs bed-based rehab first"));
  }

  @Test
  void lateTriageIsEscalatedToTheTeamLead() {
    ProcessInstance instance = referral("lbh", "bhrut-queens");
    journey.advance(Duration.ofHours(25));

    assertThat(instance).hasPassedElement("Timer_TriageSla").isWaitingAtElements("Task_Triage", "Call_EscalateTriageSla");
    assertThat(journey.task("Task_TeamLeadReview")).containsEntry("candidateGroups", List.of("jad"));
    journey.complete("Task_TeamLeadReview", vars("escalationResolved", true));
    assertThat(instance).hasPassedElement("EndEvent_TriageSlaEscalated").isWaitingAtElements("Task_Triage");
  }

  @Test
  void dischargeReadyDateRestartsAndDelaysAreRecordedUntilDischarge() {
    ProcessInstance instance = referral("lbh", "bhrut-kgh");
    journey.publish("homefirst.criteria-to-reside-reviewed", referralId,
        vars("meetsCriteriaToReside", false, "reviewedAt", "2026-11-21T09:00:00Z"));
    assertThat(journey.variable(instance, "dischargeReadyAt")).isEqualTo("2026-11-21T09:00:00Z");
    journey.publish("homefirst.criteria-to-reside-reviewed", referralId,
        vars("meetsCriteriaToReside", true, "reviewedAt", "2026-11-21T17:00:00Z"));
    assertThat(journey.variable(instance, "dischargeReadyAt")).isNull();
    journey.publish("homefirst.criteria-to-reside-reviewed", referralId,
        vars("meetsCriteriaToReside", false, "reviewedAt", "2026-11-22T09:00:00Z"));
    assertThat(journey.variable(instance, "dischargeReadyAt")).isEqualTo("2026-11-22T09:00:00Z");
    assertThat((List<?>) journey.variable(instance, "criteriaToResideHistory")).hasSize(3);

    journey.publish("homefirst.delay-reported", referralId,
        vars("delayReason", "awaiting-care-home-placement", "delayAttribution", "social-care", "delaySetting", "acute"));
    assertThat((List<?>) journey.variable(instance, "delays")).hasSize(1);

    triagedAndConfirmed(findings(false, false, false, true, false), 1);
    journey.advance(Duration.ofDays(1).plusMinutes(1));
    assertThat(journey.task("Task_RecordDelay")).containsEntry("formKey", "homefirst:record-delay");
    journey.complete("Task_RecordDelay", vars("delayReason", "equipment", "delayAttribution", "nhs"));
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> delays = (List<Map<String, Object>>) journey.variable(instance, "delays");
    assertThat(delays).hasSize(2);
    assertThat(delays.get(1)).containsEntry("reason", "equipment").containsEntry("attribution", "nhs");

    journey.publish("homefirst.patient-discharged", referralId, vars("dischargedAt", "2026-11-24T11:00:00Z"));
    journey.advance(Duration.ofDays(1).plusMinutes(1));
    assertThat(instance).hasPassedElement("EndEvent_DelayRecorded").hasPassedElement("EndEvent_NoDelay")
        .hasPassedElement("EndEvent_ReportedDelayRecorded").hasPassedElement("EndEvent_DischargeRecorded")
        .hasVariableWithValue("dischargedAt", "2026-11-24T11:00:00Z");
  }

  @Test
  void pathwayChangeMessageReroutesToTheNewPathway() {
    ProcessInstance instance = referral("lbh", "bhrut-kgh");
    triagedAndConfirmed(findings(false, false, false, true, false), 1);
    assertThat(instance).isWaitingAtElements("Call_Pathway1");

    journey.publish("homefirst.pathway-changed", referralId, vars("newPathway", 2, "pathwayChangeReason", "fell at home"));

    assertThat(instance).hasPassedElement("Task_RecordPathwayChange").isWaitingAtElements("Call_Pathway2")
        .hasVariableWithValue("pathway", 2);
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> history = (List<Map<String, Object>>) journey.variable(instance, "pathwayHistory");
    assertThat(history).hasSize(2);
    assertThat(history.get(1)).containsEntry("from", 1).containsEntry("pathway", 2).containsEntry("reason", "fell at home");
  }

  @Test
  void councilDecliningTheCarePackageMovesTheJourneyToTheNewPathway() {
    ProcessInstance instance = referral("lbr", "barts-whipps");
    journey.complete("Task_Triage", findings(false, false, false, true, false));
    journey.complete("Task_ConfirmPathway", vars("pathway", 1, "equipmentNeeded", true));
    journey.trustedAssessmentAccepted();
    journey.reject("Task_RequestReablement", "homefirst.rejected", vars("rejectionReason", "no capacity"));
    journey.complete("Task_ResolveReablementRejection", vars("rejectionDecision", "care-package"));
    journey.requested("Task_RequestCarePackage", "carePackageRequestKey", "homefirst-job-3");
    journey.partnerRejected("homefirst-job-3", "no provider", "council-lbr");

    journey.complete("Task_ResolveCarePackageRejection", vars("rejectionDecision", "change-pathway", "nextPathway", 2));

    assertThat(instance).hasPassedElement("Call_Pathway1").hasPassedElement("Task_RecordStepChange")
        .isWaitingAtElements("Call_Pathway2").hasVariableWithValue("pathway", 2);
    assertThat(journey.hasJob("Task_OrderEquipment")).isFalse();
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> history = (List<Map<String, Object>>) journey.variable(instance, "pathwayHistory");
    assertThat(history).hasSize(2);
    assertThat(history.get(1)).containsEntry("from", 1).containsEntry("pathway", 2)
        .containsEntry("reason", "step up/down after review");
  }

  @Test
  void readmissionSendsThePatientBackToTriage() {
    ProcessInstance instance = referral("lbbd", "bhrut-queens");
    journey.publish("homefirst.criteria-to-reside-reviewed", referralId,
        vars("meetsCriteriaToReside", false, "reviewedAt", "2026-11-21T09:00:00Z"));
    triagedAndConfirmed(findings(false, false, false, false, false), 0);
    journey.publish("homefirst.patient-discharged", referralId, vars("dischargedAt", "2026-11-22T10:00:00Z"));

    journey.publish("homefirst.patient-readmitted", referralId, vars("readmittedAt", "2026-11-30T03:00:00Z"));

    assertThat(instance).hasPassedElement("Task_RecordReadmission").isWaitingAtElements("Task_Triage")
        .hasVariableWithValue("readmissions", 1);
    assertThat(journey.variable(instance, "dischargedAt")).isNull();
    assertThat(journey.variable(instance, "dischargeReadyAt")).isNull();
    assertThat(journey.hasJob("Task_RequestTta")).isFalse();
  }

  @Test
  void deathEndsTheJourneyAndCancelsOpenWork() {
    ProcessInstance instance = referral("lbbd", "bhrut-kgh");
    journey.complete("Task_Triage", findings(false, true, false, false, false));
    assertThat(instance).hasVariableWithValue("suggestedPathway", 3);
    journey.complete("Task_ConfirmPathway", vars("pathway", 3));
    assertThat(instance).isWaitingAtElements("Call_Pathway3");

    journey.publish("homefirst.patient-died", referralId, vars("diedAt", "2026-11-25T04:00:00Z"));
    journey.complete("Task_NotifyDeath");
    assertThat(journey.topic("Task_WithdrawRequestsAfterDeath"))
        .isEqualTo("homefirst.journey.cancel-service-requests");
    assertThat(journey.activatedVariables("Task_WithdrawRequestsAfterDeath")).containsEntry("withdrawalReason", "Patient died");
    journey.complete("Task_WithdrawRequestsAfterDeath");

    assertThat(instance).hasPassedElement("EndEvent_PatientDied").isCompleted();
    assertThat(journey.hasJob("Task_TrustedAssessment")).isFalse();
  }

  @Test
  void patientWhoDeclinesIsRecordedAndServiceRequestsCancelled() {
    ProcessInstance instance = referral("lbr", "bhrut-kgh");
    triagedAndConfirmed(findings(false, false, false, true, false), 1);

    journey.publish("homefirst.patient-declined", referralId, vars("declinedSupport", "reablement"));
    assertThat(journey.task("Task_RecordDecline")).containsEntry("formKey", "homefirst:patient-declined");
    journey.complete("Task_RecordDecline", vars("selfFunderAdviceGiven", true));
    assertThat(journey.topic("Task_CancelServiceRequests"))
        .isEqualTo("homefirst.journey.cancel-service-requests");
    assertThat(journey.activatedVariables("Task_CancelServiceRequests"))
        .containsEntry("withdrawalReason", "Patient declined support");
    journey.complete("Task_CancelServiceRequests");

    assertThat(instance).hasPassedElement("EndEvent_PatientDeclined").isCompleted();
  }

  @Test
  void stepDownFromPathway2ContinuesInPathway1UntilThe91DayCheck() {
    ProcessInstance instance = referral("lbh", "bhrut-kgh");
    triagedAndConfirmed(findings(false, false, true, false, false), 2);
    journey.trustedAssessmentAccepted();
    journey.requested("Task_RequestRehabBed", "rehabBedRequestKey", "homefirst-job-1");
    journey.partnerAccepted("homefirst-job-1");
    discharged();
    journey.complete("Task_BedStayReview", vars("nextPathway", 1));

    assertThat(instance).hasPassedElement("Task_RecordStepChange").isWaitingAtElements("Call_Pathway1")
        .hasVariableWithValue("pathway", 1);
    journey.trustedAssessmentAccepted();
    journey.requested("Task_RequestReablement", "reablementRequestKey", "homefirst-job-2");
    journey.partnerAccepted("homefirst-job-2");
    discharged();
    journey.complete("Task_ConfirmServiceStarted").complete("Task_AssessAtHome");
    journey.complete("Task_ReablementReview", vars("longTermCareNeeded", false));
    journey.advance(Duration.ofDays(92));
    journey.complete("Task_FollowUpCheck", vars("stillAtHomeAt91Days", true));
    journey.complete("Task_NotifyJourneyComplete");

    assertThat(instance).isCompleted().hasVariableWithValue("stillAtHomeAt91Days", true)
        .hasVariableWithValue("assessmentsDone", List.of("pathway-2", "pathway-1"));
    assertThat((List<?>) journey.variable(instance, "pathwayHistory")).hasSize(2);
  }

  @Test
  void patientDecliningAssessmentInHospitalIsAssessedAtHomeOnPathway1() {
    ProcessInstance instance = referral("lbh", "bhrut-kgh");
    triagedAndConfirmed(findings(false, false, true, false, false), 2);
    assertThat(journey.task("Task_TrustedAssessment")).isNotNull();

    journey.publish("homefirst.hospital-assessment-declined", referralId,
        vars("hasCapacityForDecision", true, "declineRecordedBy", "jad.coordinator"));

    // no bed-based assessment nor another assessment in hospital: pathway 1, assessed at home
    assertThat(instance).hasPassedElement("Task_RecordAssessmentDeclined").isWaitingAtElements("Call_Pathway1")
        .hasVariableWithValue("pathway", 1);
    assertThat(journey.hasJob("Task_TrustedAssessment")).isFalse();
    assertThat(journey.passed("homefirst-trusted-assessment")).contains("EndEvent_AssessAtHomeInstead");
    @SuppressWarnings("unchecked")
    Map<String, Object> declined = (Map<String, Object>) journey.variable(instance, "hospitalAssessmentDeclined");
    assertThat(declined).containsEntry("hasCapacityForDecision", true).containsEntry("recordedBy", "jad.coordinator")
        .containsEntry("onPathway", 2).containsKey("at");
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> history = (List<Map<String, Object>>) journey.variable(instance, "pathwayHistory");
    assertThat(history.getLast()).containsEntry("from", 2).containsEntry("pathway", 1);

    journey.requested("Task_RequestReablement", "reablementRequestKey", "homefirst-job-1");
    journey.partnerAccepted("homefirst-job-1");
    discharged();
    journey.complete("Task_ConfirmServiceStarted");
    assertThat(journey.task("Task_AssessAtHome")).containsEntry("formKey", "homefirst:assessment-at-home");
    assertThat(instance).hasNotPassedElement("Task_RequestRehabBed");
  }

  @Test
  void patientOnPathway0DecliningAssessmentStaysOnPathway0() {
    ProcessInstance instance = referral("lbbd", "bhrut-kgh");
    triagedAndConfirmed(findings(false, false, false, false, false), 0);

    journey.publish("homefirst.hospital-assessment-declined", referralId,
        vars("hasCapacityForDecision", false, "declineRecordedBy", "jad.coordinator"));

    // recorded only: pathway 0 is not started again, so medicines and transport are not asked for twice
    assertThat(instance).hasPassedElement("Task_RecordAssessmentDeclined").hasNotPassedElement("Task_MoveToPathway1")
        .isWaitingAtElements("Call_Pathway0").hasVariableWithValue("pathway", 0);
    assertThat(instancesOf("homefirst-pathway-0")).isEqualTo(1);
  }

  @Test
  void declineAfterPathway1ServicesAreRequestedIsRecordedAndAsksNobodyAgain() {
    ProcessInstance instance = referral("lbh", "bhrut-kgh");
    triagedAndConfirmed(findings(false, false, false, true, false), 1);
    journey.trustedAssessmentAccepted();
    journey.requested("Task_RequestReablement", "reablementRequestKey", "homefirst-job-1");
    journey.partnerAccepted("homefirst-job-1");

    journey.publish("homefirst.hospital-assessment-declined", referralId,
        vars("hasCapacityForDecision", true, "declineRecordedBy", "jad.coordinator"));

    // pathway 1 already assesses at home after discharge: the decision is recorded and the pathway
    // goes on where it was, with the service that accepted; nothing is requested a second time
    assertThat(instance).hasPassedElement("Task_RecordAssessmentDeclined").hasNotPassedElement("Task_MoveToPathway1")
        .isWaitingAtElements("Call_Pathway1").hasVariableWithValue("pathway", 1);
    assertThat(journey.passed(JOURNEY)).contains("EndEvent_AssessmentDeclinedRecorded");
    assertThat(instancesOf("homefirst-pathway-1")).isEqualTo(1);
    assertThat(journey.hasJob("Task_RequestReablement")).isFalse();
    assertThat(journey.hasJob("Task_TrustedAssessment")).isFalse();
    @SuppressWarnings("unchecked")
    Map<String, Object> declined = (Map<String, Object>) journey.variable(instance, "hospitalAssessmentDeclined");
    assertThat(declined).containsEntry("onPathway", 1).containsEntry("recordedBy", "jad.coordinator");

    discharged();
    journey.complete("Task_ConfirmServiceStarted");
    assertThat(journey.task("Task_AssessAtHome")).containsEntry("formKey", "homefirst:assessment-at-home");
    assertThat(journey.entered("homefirst-pathway-1").stream().filter("Task_RequestReablement"::equals)).hasSize(1);
  }

  @Test
  void declineWhilePathway1TrustedAssessmentRunsEndsItAndAssessesAtHome() {
    ProcessInstance instance = referral("lbh", "bhrut-kgh");
    triagedAndConfirmed(findings(false, false, false, true, false), 1);
    assertThat(journey.task("Task_TrustedAssessment")).isNotNull();

    journey.publish("homefirst.hospital-assessment-declined", referralId,
        vars("hasCapacityForDecision", false, "declineRecordedBy", "jad.coordinator"));

    // nothing was requested yet: pathway 1 starts again without the hospital's assessment
    assertThat(instance).hasPassedElement("Task_MoveToPathway1").isWaitingAtElements("Call_Pathway1");
    assertThat(journey.hasJob("Task_TrustedAssessment")).isFalse();
    assertThat(journey.passed("homefirst-trusted-assessment")).contains("EndEvent_AssessAtHomeInstead");
    assertThat(journey.hasJob("Task_RequestReablement")).isTrue();
  }

  private long instancesOf(String processId) {
    return journey.engine().getHistoryService().createHistoricProcessInstanceQuery().processDefinitionKey(processId)
        .count();
  }

  @Test
  void fastTrackJourneyCompletesThroughPathway3() {
    ProcessInstance instance = referral("lbbd", "bhrut-kgh");
    triagedAndConfirmed(findings(true, false, false, false, false), 3);
    journey.complete("Task_FastTrackDecision", vars("chcOutcome", "chc-eligible"));
    journey.complete("Task_CommissionFastTrackCare");
    discharged();
    journey.complete("Task_NotifyJourneyComplete");

    assertThat(instance).hasPassedElement("Call_Pathway3").isCompleted().hasVariableWithValue("chcOutcome", "chc-eligible");
  }
}
