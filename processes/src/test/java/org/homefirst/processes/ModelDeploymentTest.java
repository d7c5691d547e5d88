package org.homefirst.processes;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.zeebe.client.ZeebeClient;
import io.camunda.zeebe.client.api.response.DeploymentEvent;
import io.camunda.zeebe.process.test.api.ZeebeTestEngine;
import io.camunda.zeebe.process.test.extension.ZeebeProcessTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ZeebeProcessTest
@ExtendWith(ElementCoverage.class)
class ModelDeploymentTest {

  ZeebeTestEngine engine;
  ZeebeClient client;

  @Test
  void everyModelDeploysTogetherOnTheEngine() {
    var command = client.newDeployResourceCommand().addResourceFromClasspath("homefirst/" + Journey.MODELS.get(0));
    for (String model : Journey.MODELS.subList(1, Journey.MODELS.size())) {
      command = command.addResourceFromClasspath("homefirst/" + model);
    }
    DeploymentEvent deployment = command.send().join();

    assertThat(deployment.getProcesses())
        .extracting(p -> p.getBpmnProcessId())
        .containsExactlyInAnyOrder(
            "homefirst-discharge-journey",
            "homefirst-trusted-assessment",
            "homefirst-discharge",
            "homefirst-pathway-0",
            "homefirst-pathway-1",
            "homefirst-pathway-2",
            "homefirst-pathway-3",
            "homefirst-chc",
            "homefirst-section-117",
            "homefirst-sla-escalation");
    assertThat(deployment.getDecisions())
        .extracting(d -> d.getDmnDecisionId())
        .containsExactlyInAnyOrder(
            "homefirst-discharge-team-routing",
            "homefirst-triage-pathway-suggestion",
            "homefirst-reablement-service",
            "homefirst-voluntary-service",
            "homefirst-s117-apportionment");
  }
}
