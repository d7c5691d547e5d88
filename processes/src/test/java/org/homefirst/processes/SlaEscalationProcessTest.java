package org.homefirst.processes;

import static io.camunda.zeebe.process.test.assertions.BpmnAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.homefirst.processes.Journey.vars;

import io.camunda.zeebe.client.ZeebeClient;
import io.camunda.zeebe.client.api.response.ProcessInstanceEvent;
import io.camunda.zeebe.process.test.api.ZeebeTestEngine;
import io.camunda.zeebe.process.test.extension.ZeebeProcessTest;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ZeebeProcessTest
@ExtendWith(ElementCoverage.class)
class SlaEscalationProcessTest {

  ZeebeTestEngine engine;
  ZeebeClient client;
  Journey journey;

  @BeforeEach
  void deploy() {
    journey = new Journey(engine, client);
    journey.deployAll();
  }

  private ProcessInstanceEvent breach() {
    return journey.start("homefirst-sla-escalation",
        vars("slaName", "triage", "escalateTo", "jad", "escalateToMadeAfter", "PT24H", "referralId", "r1"));
  }

  @Test
  void teamLeadResolvesTheBreach() {
    ProcessInstanceEvent instance = breach();
    assertThat(journey.headers("Task_TeamLeadReview"))
        .containsEntry("io.camunda.zeebe:candidateGroups", "[\"jad\"]")
        .containsEntry("io.camunda.zeebe:formKey", "homefirst:sla-escalation");

    journey.complete("Task_TeamLeadReview", vars("escalationResolved", true));

    assertThat(instance).hasPassedElement("EndEvent_Resolved").hasNotPassedElement("Task_MadeReview").isCompleted();
  }

  @Test
  void unresolvedBreachGoesToTheMultiAgencyDischargeEvent() {
    ProcessInstanceEvent instance = breach();
    journey.complete("Task_TeamLeadReview", vars("escalationResolved", false));

    assertThat(journey.headers("Task_MadeReview"))
        .containsEntry("io.camunda.zeebe:candidateGroups", "[\"managers\"]")
        .containsEntry("io.camunda.zeebe:formKey", "homefirst:made-review");
    journey.complete("Task_MadeReview", vars("madeOutcome", "agreed actions"));

    assertThat(instance).hasPassedElementsInOrder("Gateway_Resolved", "Task_MadeReview", "EndEvent_ReviewedAtMade")
        .isCompleted();
  }

  @Test
  void teamLeadWhoDoesNotRespondInTimeIsBypassedToMade() {
    ProcessInstanceEvent instance = breach();
    journey.advance(Duration.ofHours(23));
    assertThat(instance).isWaitingAtElements("Task_TeamLeadReview");

    journey.advance(Duration.ofHours(2));

    assertThat(instance).hasPassedElement("Timer_MadeReviewDue").isWaitingAtElements("Task_MadeReview");
    assertThat(journey.hasJob("Task_TeamLeadReview")).isFalse();
  }
}
