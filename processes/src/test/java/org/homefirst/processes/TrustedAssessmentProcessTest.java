package org.homefirst.processes;

import static org.homefirst.processes.ProcessAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.homefirst.processes.Journey.vars;

import org.operaton.bpm.engine.runtime.ProcessInstance;
import org.operaton.bpm.engine.test.junit5.ProcessEngineExtension;
import org.junit.jupiter.api.extension.RegisterExtension;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(ElementCoverage.class)
class TrustedAssessmentProcessTest {

  @RegisterExtension static ProcessEngineExtension engine = TestEngine.extension();
  Journey journey;

  @BeforeEach
  void deploy() {
    journey = new Journey();
    journey.deployAll();
  }

  private ProcessInstance assess(List<String> alreadyDone) {
    Map<String, Object> v = Journey.referral("lbh", "bhrut-queens");
    v.put("assessmentKind", "pathway-1");
    v.put("assessorTeam", "jad");
    v.put("receivingTeam", "nelft-reablement");
    v.put("assessmentsDone", alreadyDone);
    return journey.start("homefirst-trusted-assessment", v);
  }

  @Test
  void receivingServiceAcceptsTheAssessmentDoneOnItsBehalf() {
    ProcessInstance instance = assess(null);
    assertThat(journey.task("Task_TrustedAssessment"))
        .containsEntry("candidateGroups", List.of("bhrut-therapy", "jad"))
        .containsEntry("formKey", "homefirst:trusted-assessment");
    journey.complete("Task_TrustedAssessment");
    assertThat(journey.task("Task_ReviewAssessment"))
        .containsEntry("candidateGroups", List.of("nelft-reablement"))
        .containsEntry("formKey", "homefirst:review-trusted-assessment");

    journey.complete("Task_ReviewAssessment", vars("assessmentAccepted", true));

    assertThat(instance).hasPassedElement("EndEvent_AssessmentAccepted").isCompleted()
        .hasVariableWithValue("assessmentsDone", List.of("pathway-1"));
  }

  @Test
  void flawedAssessmentGoesBackToTheAssessorAndIsCounted() {
    ProcessInstance instance = assess(List.of("pathway-2"));
    journey.complete("Task_TrustedAssessment");
    journey.complete("Task_ReviewAssessment", vars("assessmentAccepted", false, "flawDomain", "home",
        "flawReason", "no access details: key safe?"));

    assertThat(instance).isWaitingAtElements("Task_TrustedAssessment");
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> flaws = (List<Map<String, Object>>) journey.variable(instance, "assessmentFlaws");
    assertThat(flaws).singleElement().satisfies(f -> assertThat(f).containsEntry("kind", "pathway-1")
        .containsEntry("domain", "home").containsEntry("reason", "no access details: key safe?")
        .containsEntry("flaggedBy", "nelft-reablement"));
    // the rework goes to the same assessors, who see which domain was at fault
    assertThat(journey.task("Task_TrustedAssessment")).containsEntry("candidateGroups", List.of("bhrut-therapy", "jad"));
    assertThat(journey.variable(instance, "flawDomain")).isEqualTo("home");

    journey.trustedAssessmentAccepted();
    assertThat(instance).isCompleted().hasVariableWithValue("assessmentsDone", List.of("pathway-2", "pathway-1"));
    assertThat(journey.passed("homefirst-trusted-assessment")).containsSubsequence(
        "Task_ReviewAssessment", "Task_RecordFlaw", "Task_TrustedAssessment", "Task_ReviewAssessment",
        "Task_RecordAssessment", "EndEvent_AssessmentAccepted");
  }

  @Test
  void wardTherapistsOfTheOtherTrustAreNotOffered() {
    Map<String, Object> v = Journey.referral("lbr", "barts-whipps");
    v.put("assessmentKind", "pathway-2");
    v.put("assessorTeam", "lbr-hospital-sw");
    v.put("receivingTeam", "nelft-irs");
    journey.start("homefirst-trusted-assessment", v);

    assertThat(journey.task("Task_TrustedAssessment"))
        .containsEntry("candidateGroups", List.of("barts-whipps-therapy", "lbr-hospital-sw"));
  }

  @Test
  @SuppressWarnings("unchecked")
  void journeyStartedWithoutAWardTherapyTeamOffersTheAssessmentToTheAssessorsOnly() {
    Map<String, Object> v = Journey.referral("lbh", "bhrut-queens");
    v.remove("wardTherapyTeam");
    v.put("assessmentKind", "pathway-1");
    v.put("assessorTeam", "jad");
    v.put("receivingTeam", "nelft-reablement");
    journey.start("homefirst-trusted-assessment", v);

    assertThat((List<Object>) journey.task("Task_TrustedAssessment").get("candidateGroups")).containsOnly("jad");
  }

  @Test
  void noAssessmentInHospitalOnceThePatientDeclinedIt() {
    Map<String, Object> v = Journey.referral("lbh", "bhrut-queens");
    v.put("assessmentKind", "pathway-1");
    v.put("assessorTeam", "jad");
    v.put("receivingTeam", "nelft-reablement");
    v.put("hospitalAssessmentDeclined", Map.of("hasCapacityForDecision", true, "recordedBy", "jad.coordinator"));
    ProcessInstance instance = journey.start("homefirst-trusted-assessment", v);

    assertThat(instance).hasPassedElement("EndEvent_AssessAtHomeInstead").hasNotPassedElement("Task_TrustedAssessment")
        .isCompleted();
  }

  @Test
  void noSecondAssessmentOfTheSameKindInAnEpisode() {
    ProcessInstance instance = assess(List.of("pathway-1"));

    assertThat(instance).hasPassedElement("EndEvent_AssessmentReused").hasNotPassedElement("Task_TrustedAssessment")
        .isCompleted();
  }

  @Test
  void lateAssessmentIsEscalatedWhileItContinues() {
    ProcessInstance instance = assess(null);

    journey.advance(Duration.ofHours(49));

    assertThat(instance).hasPassedElement("Timer_AssessmentSla")
        .isWaitingAtElements("Task_TrustedAssessment", "Call_EscalateAssessmentSla");
    assertThat(journey.task("Task_TeamLeadReview")).containsEntry("candidateGroups", List.of("jad"));
    journey.complete("Task_TeamLeadReview", vars("escalationResolved", true));
    journey.trustedAssessmentAccepted();
    assertThat(instance).hasPassedElement("EndEvent_AssessmentSlaEscalated").isCompleted();
  }
}
