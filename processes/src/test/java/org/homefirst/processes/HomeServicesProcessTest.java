package org.homefirst.processes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.LIST;
import static org.homefirst.processes.Journey.vars;
import static org.homefirst.processes.ProcessAssert.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.operaton.bpm.engine.runtime.ProcessInstance;
import org.operaton.bpm.engine.test.junit5.ProcessEngineExtension;

/**
 * The services at home the coordinator chooses on the pathway (handyperson, telecare, voluntary
 * support): requested in parallel with the main service request, holding up discharge only when
 * marked as needed before it; and the step up from home after the 72-hour check, which goes to the
 * community route and never back to hospital discharge planning.
 */
@ExtendWith(ElementCoverage.class)
class HomeServicesProcessTest {

  @RegisterExtension static ProcessEngineExtension engine = TestEngine.extension();
  Journey journey;

  @BeforeEach
  void deploy() {
    journey = new Journey();
    journey.deployAll();
  }

  private static Map<String, Object> keySafeBeforeDischargeTelecareAlongside() {
    return vars("handypersonNeeded", true, "handypersonWork", "Key safe; loose stair carpet",
        "handypersonBeforeDischarge", true, "telecareNeeded", true, "telecareEquipment", "Pendant alarm",
        "telecareBeforeDischarge", false);
  }

  private ProcessInstance homeServices(String servicesFor, Map<String, Object> chosen) {
    Map<String, Object> v = Journey.referral("lbh", "bhrut-queens");
    v.put("servicesFor", servicesFor);
    v.put("dischargeTeam", "jad");
    v.putAll(chosen);
    return journey.start(Processes.HOME_SERVICES, v);
  }

  private ProcessInstance pathway(String processId, String borough, Map<String, Object> chosen) {
    Map<String, Object> v = Journey.referral(borough, "bhrut-queens");
    v.put("dischargeTeam", borough.equals("lbr") ? "lbr-hospital-sw" : "jad");
    v.put("equipmentNeeded", false);
    v.put("voluntarySupportWanted", false);
    v.putAll(chosen);
    return journey.start(processId, v);
  }

  @Test
  void beforeDischargeOnlyTheServicesMarkedSoAreRequested() {
    ProcessInstance instance = homeServices("before-discharge", keySafeBeforeDischargeTelecareAlongside());

    assertThat(journey.topic("Task_RequestHandyperson")).isEqualTo(Topics.HANDYPERSON_REQUEST_VISIT);
    assertThat(journey.activatedVariables("Task_RequestHandyperson"))
        .containsEntry("handypersonWork", "Key safe; loose stair carpet");
    assertThat(journey.hasJob("Task_RequestTelecare")).isFalse();
    journey.complete("Task_RequestHandyperson", vars("handypersonStatus", "accepted"));

    assertThat(instance).isCompleted().hasNotPassedElement("Task_RequestTelecare")
        .hasNotPassedElement("Task_RequestVoluntarySupport").hasVariableWithValue("handypersonStatus", "accepted");
  }

  @Test
  void alongsideTheTelecareRequestWaitsForTheCouncilsDecisionOnItsOwnKey() {
    ProcessInstance instance = homeServices("alongside", keySafeBeforeDischargeTelecareAlongside());

    assertThat(journey.hasJob("Task_RequestHandyperson")).isFalse();
    assertThat(journey.topic("Task_RequestTelecare")).isEqualTo(Topics.COUNCIL_REQUEST_TELECARE);
    journey.requested("Task_RequestTelecare", "telecareRequestKey", "homefirst-job-31");
    assertThat(instance).isWaitingAtElements("Task_AwaitTelecareDecision");
    journey.partnerAccepted("homefirst-job-30");
    assertThat(instance).isWaitingAtElements("Task_AwaitTelecareDecision");
    journey.partnerAccepted("homefirst-job-31");

    assertThat(instance).isCompleted().hasPassedElement("Task_NoteTelecareArranged")
        .hasVariableWithValue("telecareStatus", "accepted");
  }

  @Test
  void refusalsAreNotedAndTheDischargeTeamDecidesWhatNext() {
    ProcessInstance instance = homeServices("before-discharge", vars("handypersonNeeded", true,
        "handypersonBeforeDischarge", true, "telecareNeeded", true, "telecareBeforeDischarge", true));

    journey.reject("Task_RequestHandyperson", Errors.REJECTED, vars("rejectionReason", "Outside the scheme's area"));
    journey.requested("Task_RequestTelecare", "telecareRequestKey", "homefirst-job-41");
    journey.partnerRejected("homefirst-job-41", "Already has a pendant alarm", "council-lbh");

    // noted on the journey, and somebody is asked what to do: a key safe needed before discharge
    // does not silently go missing
    assertThat(instance).hasPassedElement("Task_NoteHandypersonDeclined").hasPassedElement("Task_NoteTelecareDeclined")
        .hasVariableWithValue("handypersonStatus", "declined").hasVariableWithValue("telecareStatus", "declined")
        .isWaitingAtElements("Task_ResolveHandypersonDeclined", "Task_ResolveTelecareDeclined");
    for (String task : List.of("Task_ResolveHandypersonDeclined", "Task_ResolveTelecareDeclined")) {
      assertThat(journey.task(task)).containsEntry("candidateGroups", List.of("jad"))
          .containsEntry("formKey", Forms.RESOLVE_REJECTION);
    }
    journey.complete("Task_ResolveHandypersonDeclined", vars("rejectionDecision", "go-without",
        "rejectionNotes", "Son fits the key safe on Saturday"));
    journey.complete("Task_ResolveTelecareDeclined", vars("rejectionDecision", "go-without"));

    assertThat(instance).isCompleted().hasVariableWithValue("handypersonStatus", "declined")
        .hasVariableWithValue("telecareStatus", "declined");
    assertThat(journey.entered(Processes.HOME_SERVICES).stream().filter("Task_RequestHandyperson"::equals)).hasSize(1);
  }

  @Test
  void aDeclinedKeySafeIsAskedForAgainWhenTheTeamSaysSo() {
    ProcessInstance instance = homeServices("before-discharge", vars("handypersonNeeded", true,
        "handypersonBeforeDischarge", true));
    journey.reject("Task_RequestHandyperson", Errors.REJECTED, vars("rejectionReason", "No capacity this week"));

    journey.complete("Task_ResolveHandypersonDeclined", vars("rejectionDecision", "retry"));
    assertThat(journey.topic("Task_RequestHandyperson")).isEqualTo(Topics.HANDYPERSON_REQUEST_VISIT);
    journey.complete("Task_RequestHandyperson", vars("handypersonStatus", "accepted"));

    assertThat(instance).isCompleted().hasVariableWithValue("handypersonStatus", "accepted");
  }

  @Test
  void telecareRefusedInTheCouncilsAnswerGoesToTheTeamToo() {
    ProcessInstance instance = homeServices("alongside", vars("telecareNeeded", true));

    journey.reject("Task_RequestTelecare", Errors.REJECTED, vars("rejectionReason", "Not eligible"));
    assertThat(instance).isWaitingAtElements("Task_ResolveTelecareDeclined");
    journey.complete("Task_ResolveTelecareDeclined", vars("rejectionDecision", "go-without"));

    assertThat(instance).isCompleted().hasVariableWithValue("telecareStatus", "declined");
  }

  @Test
  void voluntarySupportGoesToTheBoroughsService() {
    ProcessInstance instance = homeServices("alongside", vars("voluntarySupportWanted", true));

    assertThat(instance).hasVariableWithValue("voluntaryService", "redcross-hnh");
    journey.reject("Task_RequestVoluntarySupport", Errors.REJECTED, vars("rejectionReason", "No volunteers"));

    assertThat(instance).isCompleted().hasVariableWithValue("voluntarySupportStatus", "declined");
  }

  @Test
  void nothingChosenMeansNoRequest() {
    ProcessInstance instance = homeServices("before-discharge", Map.of());

    assertThat(instance).isCompleted().hasNotPassedElement("Task_RequestHandyperson")
        .hasNotPassedElement("Task_RequestTelecare").hasNotPassedElement("Task_RequestVoluntarySupport");
  }

  @Test
  void onPathway1AKeySafeNeededBeforeDischargeHoldsUpDischargeAndBefriendingDoesNot() {
    Map<String, Object> chosen = keySafeBeforeDischargeTelecareAlongside();
    chosen.put("voluntarySupportWanted", true);
    chosen.put("voluntarySupportBeforeDischarge", false);
    ProcessInstance instance = pathway(Processes.PATHWAY_1, "lbr", chosen);
    journey.trustedAssessmentAccepted();

    // the main service request, the key safe and the services alongside all go out together
    assertThat(journey.hasJob("Task_RequestReablement")).isTrue();
    assertThat(journey.hasJob("Task_RequestHandyperson")).isTrue();
    assertThat(journey.hasJob("Task_RequestTelecare")).isTrue();
    assertThat(journey.hasJob("Task_RequestVoluntarySupport")).isTrue();
    journey.requested("Task_RequestReablement", "reablementRequestKey", "homefirst-job-51");
    journey.partnerAccepted("homefirst-job-51");
    assertThat(journey.hasJob("Task_PlanDischarge")).as("key safe not fitted yet").isFalse();

    journey.complete("Task_RequestHandyperson", vars("handypersonStatus", "accepted"));
    assertThat(journey.hasJob("Task_PlanDischarge")).as("telecare and befriending do not hold it up").isTrue();
    journey.discharge();
    journey.complete("Task_RequestVoluntarySupport", vars("voluntarySupportStatus", "accepted"));
    journey.requested("Task_RequestTelecare", "telecareRequestKey", "homefirst-job-52");
    journey.partnerAccepted("homefirst-job-52");

    assertThat(instance).isWaitingAtElements("Task_ConfirmServiceStarted")
        .hasVariableWithValue("handypersonStatus", "accepted").hasVariableWithValue("telecareStatus", "accepted")
        .hasVariableWithValue("voluntarySupportStatus", "accepted")
        .hasPassedElement("EndEvent_HomeServicesRequested");
    assertThat(journey.variable("voluntaryService")).as("Redbridge's voluntary service").isEqualTo("ageuk-escort");
  }

  @Test
  void onPathway0TheHandypersonGoesAlongsideAndVoluntarySupportIsNotAskedTwice() {
    ProcessInstance instance = pathway(Processes.PATHWAY_0, "lbbd",
        vars("voluntarySupportWanted", true, "handypersonNeeded", true, "handypersonBeforeDischarge", false));

    journey.complete("Task_RequestTta").complete("Task_BookTransport");
    journey.complete("Task_RequestVoluntarySupport", vars("voluntarySupportStatus", "accepted"));
    assertThat(journey.hasJob("Task_PlanDischarge")).isTrue();
    journey.complete("Task_RequestHandyperson", vars("handypersonStatus", "accepted"));

    assertThat(journey.passed(Processes.HOME_SERVICES)).doesNotContain("Task_RequestVoluntarySupport");
    assertThat(journey.passed(Processes.PATHWAY_0)).contains("Task_RequestVoluntarySupport");
    assertThat(instance).hasVariableWithValue("handypersonStatus", "accepted");
  }

  @Test
  void aPersonWhoNeedsMoreSupportAtTheHomeCheckStepsUpToTheCommunityRouteNotBackToHospital() {
    Map<String, Object> v = Journey.referral("lbh", "bhrut-kgh");
    ProcessInstance instance = journey.start(Processes.DISCHARGE_JOURNEY, v);
    journey.complete("Task_Triage", triageFacts(false));
    journey.complete("Task_ConfirmPathway", vars("pathway", 0, "voluntarySupportWanted", false));
    journey.complete("Task_RequestTta").complete("Task_BookTransport");
    journey.discharge();
    journey.advance(Duration.ofHours(73));
    List<String> beforeStepUp = journey.entered(Processes.DISCHARGE);

    journey.complete("Task_HomeCheck", vars("stillAtHome", true, "needsMoreSupport", true));

    assertThat(instance).hasPassedElement("Task_RecordStepChange").isWaitingAtElements("Call_Pathway1")
        .hasVariableWithValue("pathway", 1);
    assertThat(journey.passed(Processes.PATHWAY_0)).contains("Task_StepUpFromHome", "EndEvent_SteppedUpFromHome");
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> history = (List<Map<String, Object>>) journey.variable(instance, "pathwayHistory");
    assertThat(history.get(history.size() - 1)).containsEntry("from", 0).containsEntry("pathway", 1)
        .containsEntry("reason", "step up from home: needs more support");
    // community referral to the borough's service, no hospital assessment
    assertThat(journey.topic("Task_RequestReablement")).isEqualTo(Topics.REABLEMENT_REQUEST_SERVICE);
    assertThat(journey.hasJob("Task_TrustedAssessment")).isFalse();
    journey.requested("Task_RequestReablement", "reablementRequestKey", "homefirst-job-61");
    journey.partnerAccepted("homefirst-job-61");

    // straight to support at home: no discharge planning for someone already at home
    assertThat(journey.task("Task_ConfirmServiceStarted")).containsEntry("candidateGroups", List.of("nelft-reablement"));
    assertThat(journey.hasJob("Task_PlanDischarge")).isFalse();
    assertThat(journey.entered(Processes.DISCHARGE)).isEqualTo(beforeStepUp);
    assertThat(journey.entered(Processes.TRUSTED_ASSESSMENT)).isEmpty();
    journey.complete("Task_ConfirmServiceStarted");
    assertThat(journey.task("Task_AssessAtHome")).containsEntry("formKey", "homefirst:assessment-at-home");
    journey.complete("Task_AssessAtHome");
    journey.complete("Task_ReablementReview", vars("longTermCareNeeded", false));
    journey.advance(Duration.ofDays(92));
    journey.complete("Task_FollowUpCheck", vars("stillAtHomeAt91Days", true));
    journey.complete("Task_NotifyJourneyComplete");

    assertThat(instance).isCompleted().hasVariableWithValue("stillAtHomeAt91Days", true);
    assertThat(journey.passed(Processes.PATHWAY_1)).contains("Task_StartSupportAtHome")
        .doesNotContain("Call_Discharge", "Call_TrustedAssessment");
  }

  @Test
  void afterAStepUpFromHomeAReadmissionPlansTheNextDischargeFromHospitalAgain() {
    Map<String, Object> v = Journey.referral("lbbd", "bhrut-kgh");
    ProcessInstance instance = journey.start(Processes.DISCHARGE_JOURNEY, v);
    journey.complete("Task_Triage", triageFacts(false));
    journey.complete("Task_ConfirmPathway", vars("pathway", 0, "voluntarySupportWanted", false));
    journey.complete("Task_RequestTta").complete("Task_BookTransport");
    journey.discharge();
    journey.advance(Duration.ofHours(73));
    journey.complete("Task_HomeCheck", vars("stillAtHome", true, "needsMoreSupport", true));
    assertThat(instance).hasVariableWithValue("steppingUpFromHome", true);

    journey.publish(Messages.PATIENT_READMITTED, (String) v.get("referralId"), vars("readmittedAt", "2026-12-01T10:00:00Z"));
    journey.complete("Task_Triage", triageFacts(true));
    journey.complete("Task_ConfirmPathway", vars("pathway", 1));

    assertThat(journey.task("Task_TrustedAssessment")).extracting("candidateGroups").asInstanceOf(LIST)
        .contains("jad");
  }

  /** Triage facts for pathway 0, or for pathway 1 (help of one to move), no section 117. */
  private static Map<String, Object> triageFacts(boolean supportAtHome) {
    Map<String, Object> facts = DecisionTablesTest.nothingNewNeeded();
    facts.put("section117", false);
    if (supportAtHome) {
      facts.put("mobility", "help-of-one");
    }
    return facts;
  }
}
