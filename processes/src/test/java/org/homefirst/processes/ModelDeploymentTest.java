package org.homefirst.processes;

import static org.assertj.core.api.Assertions.assertThat;

import org.operaton.bpm.engine.test.junit5.ProcessEngineExtension;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(ElementCoverage.class)
class ModelDeploymentTest {

  @RegisterExtension static ProcessEngineExtension engine = TestEngine.extension();

  /** Deploys every model again, together, in a deployment of its own (removed afterwards). */
  @Test
  void everyModelDeploysTogetherOnTheEngine() {
    var repository = engine.getRepositoryService();
    var builder = repository.createDeployment().name("deployment-test");
    for (String model : Journey.MODELS) {
      builder.addClasspathResource("homefirst/" + model);
    }
    var deployment = builder.deployWithResult();
    try {
      assertThat(deployment.getDeployedProcessDefinitions())
          .extracting(p -> p.getKey())
          .containsExactlyInAnyOrder(
            "homefirst-discharge-journey",
            "homefirst-trusted-assessment",
            "homefirst-discharge",
            "homefirst-pathway-0",
            "homefirst-pathway-1",
            "homefirst-pathway-2",
            "homefirst-pathway-3",
            "homefirst-chc",
            "homefirst-home-services",
            "homefirst-section-117",
            "homefirst-sla-escalation");
      assertThat(deployment.getDeployedDecisionDefinitions())
          .extracting(d -> d.getKey())
        .containsExactlyInAnyOrder(
            "homefirst-discharge-team-routing",
            "homefirst-triage-pathway-suggestion",
            "homefirst-reablement-service",
            "homefirst-voluntary-service",
            "homefirst-s117-apportionment");
    } finally {
      repository.deleteDeployment(deployment.getId(), true);
    }
  }
}
