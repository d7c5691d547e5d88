package org.homefirst.processes;

import static io.camunda.zeebe.process.test.assertions.BpmnAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.homefirst.processes.Journey.vars;

import io.camunda.zeebe.client.ZeebeClient;
import io.camunda.zeebe.client.api.response.ProcessInstanceEvent;
import io.camunda.zeebe.process.test.api.ZeebeTestEngine;
import io.camunda.zeebe.process.test.extension.ZeebeProcessTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ZeebeProcessTest
@ExtendWith(ElementCoverage.class)
class TrustedAssessmentProcessTest {

  ZeebeTestEngine engine;
  ZeebeClient client;
  Journey journey;

  @BeforeEach
  void deploy() {
    journey = new Journey(engine, client);
    journey.deployAll();
  }

  private ProcessInstanceEvent assess(List<String> alreadyDone) {
    Map<String, Object> v = Journey.referral("lbh", "bhrut-queens");
    v.put("assessmentKind", "pathway-1");
    v.put("assessorTeam", "jad");
    v.put("receivingTeam", "nelft-reablement");
    v.put("assessmentsDone", alreadyDone);
    return journey.start("homefirst-trusted-assessment", v);
  }

  @Test
  void receivingServiceAcceptsTheAssessmentDoneOnItsBehalf() {
    ProcessInstanceEvent instance = assess(null);
    assertThat(journey.headers("Task_TrustedAssessment"))
        .containsEntry("io.camunda.zeebe:candidateGroups", "[\"jad\"]")
        .containsEntry("io.camunda.zeebe:formKey", "homefirst:trusted-assessment");
    journey.complete("Task_TrustedAssessment");
    assertThat(journey.headers("Task_ReviewAssessment"))
        .containsEntry("io.camunda.zeebe:candidateGroups", "[\"nelft-reablement\"]")
        .containsEntry("io.camunda.zeebe:formKey", "homefirst:review-trusted-assessment");

    journey.complete("Task_ReviewAssessment", vars("assessmentAccepted", true));

    assertThat(instance).hasPassedElement("EndEvent_AssessmentAccepted").isCompleted()
        .hasVariableWithValue("assessmentsDone", List.of("pathway-1"));
  }

  @Test
  void flawedAssessmentGoesBackToTheAssessorAndIsCounted() {
    ProcessInstanceEvent instance = assess(List.of("pathway-2"));
    journey.complete("Task_TrustedAssessment");
    journey.complete("Task_ReviewAssessment", vars("assessmentAccepted", false, "flawReason", "no home environment"));

    assertThat(instance).isWaitingAtElements("Task_TrustedAssessment");
    assertThat((List<?>) journey.variable(instance, "assessmentFlaws")).hasSize(1);

    journey.trustedAssessmentAccepted();
    assertThat(instance).isCompleted().hasVariableWithValue("assessmentsDone", List.of("pathway-2", "pathway-1"));
    assertThat(journey.passed("homefirst-trusted-assessment")).containsSubsequence(
        "Task_ReviewAssessment", "Task_RecordFlaw", "Task_TrustedAssessment", "Task_ReviewAssessment",
        "Task_RecordAssessment", "EndEvent_AssessmentAccepted");
  }

  @Test
  void noSecondAssessmentOfTheSameKindInAnEpisode() {
    ProcessInstanceEvent instance = assess(List.of("pathway-1"));

    assertThat(instance).hasPassedElement("EndEvent_AssessmentReused").hasNotPassedElement("Task_TrustedAssessment")
        .isCompleted();
  }

  @Test
  void lateAssessmentIsEscalatedWhileItContinues() {
    ProcessInstanceEvent instance = assess(null);

    journey.advance(Duration.ofHours(49));

    assertThat(instance).hasPassedElement("Timer_AssessmentSla")
        .isWaitingAtElements("Task_TrustedAssessment", "Call_EscalateAssessmentSla");
    assertThat(journey.headers("Task_TeamLeadReview")).containsEntry("io.camunda.zeebe:candidateGroups", "[\"jad\"]");
    journey.complete("Task_TeamLeadReview", vars("escalationResolved", true));
    journey.trustedAssessmentAccepted();
    assertThat(instance).hasPassedElement("EndEvent_AssessmentSlaEscalated").isCompleted();
  }
}
