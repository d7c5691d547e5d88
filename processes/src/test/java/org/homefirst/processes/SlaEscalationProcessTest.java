package org.homefirst.processes;

import static org.homefirst.processes.ProcessAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.homefirst.processes.Journey.vars;

import org.operaton.bpm.engine.runtime.ProcessInstance;
import org.operaton.bpm.engine.test.junit5.ProcessEngineExtension;
import org.junit.jupiter.api.extension.RegisterExtension;
import java.util.List;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(ElementCoverage.class)
class SlaEscalationProcessTest {

  @RegisterExtension static ProcessEngineExtension engine = TestEngine.extension();
  Journey journey;

  @BeforeEach
  void deploy() {
    journey = new Journey();
    journey.deployAll();
  }

  private ProcessInstance breach() {
    return journey.start("homefirst-sla-escalation",
        vars("slaName", "triage", "escalateTo", "jad", "escalateToMadeAfter", "PT24H", "referralId", "r1"));
  }

  @Test
  void teamLeadResolvesTheBreach() {
    ProcessInstance instance = breach();
    assertThat(journey.task("Task_TeamLeadReview"))
        .containsEntry("candidateGroups", List.of("jad"))
        .containsEntry("formKey", "homefirst:sla-escalation")
        .as("due when it goes to MADE").containsEntry("dueDate", journey.now().plus(Duration.ofHours(24)));

    journey.complete("Task_TeamLeadReview", vars("escalationResolved", true));

    assertThat(instance).hasPassedElement("EndEvent_Resolved").hasNotPassedElement("Task_MadeReview").isCompleted();
  }

  @Test
  void unresolvedBreachGoesToTheMultiAgencyDischargeEvent() {
    ProcessInstance instance = breach();
    journey.complete("Task_TeamLeadReview", vars("escalationResolved", false));

    assertThat(journey.task("Task_MadeReview"))
        .containsEntry("candidateGroups", List.of("managers"))
        .containsEntry("formKey", "homefirst:made-review");
    journey.complete("Task_MadeReview", vars("madeOutcome", "agreed actions"));

    assertThat(instance).hasPassedElementsInOrder("Gateway_Resolved", "Task_MadeReview", "EndEvent_ReviewedAtMade")
        .isCompleted();
  }

  @Test
  void teamLeadWhoDoesNotRespondInTimeIsBypassedToMade() {
    ProcessInstance instance = breach();
    journey.advance(Duration.ofHours(23));
    assertThat(instance).isWaitingAtElements("Task_TeamLeadReview");

    journey.advance(Duration.ofHours(2));

    assertThat(instance).hasPassedElement("Timer_MadeReviewDue").isWaitingAtElements("Task_MadeReview");
    assertThat(journey.hasJob("Task_TeamLeadReview")).isFalse();
  }
}
