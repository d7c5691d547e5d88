package org.homefirst.engine;

import io.camunda.zeebe.client.ZeebeClient;
import io.camunda.zeebe.client.api.command.DeployResourceCommandStep1;
import io.camunda.zeebe.client.api.command.DeployResourceCommandStep1.DeployResourceCommandStep2;
import io.camunda.zeebe.client.api.response.DeploymentEvent;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * Deploys the BPMN and DMN models shipped in the processes module when the application starts.
 * The engine ignores models that have not changed, so restarts create no new versions.
 */
@Component
class ModelDeployment implements SmartInitializingSingleton {

  private static final Logger log = LoggerFactory.getLogger(ModelDeployment.class);
  static final String MODELS = "classpath*:homefirst/*.{bpmn,dmn}";

  private final ZeebeClient client;
  private final ObjectProvider<EmbeddedEngine> engine;

  ModelDeployment(ZeebeClient client, ObjectProvider<EmbeddedEngine> engine) {
    this.client = client;
    this.engine = engine;
  }

  @Override
  public void afterSingletonsInstantiated() {
    engine.ifAvailable(e -> {}); // the embedded engine, if any, is started before we deploy
    deploy();
  }

  DeploymentEvent deploy() {
    try {
      Resource[] models = new PathMatchingResourcePatternResolver().getResources(MODELS);
      Arrays.sort(models, Comparator.comparing(Resource::getFilename));
      if (models.length == 0) {
        throw new IllegalStateException("No process models found at " + MODELS);
      }
      DeployResourceCommandStep1 command = client.newDeployResourceCommand();
      DeployResourceCommandStep2 step = null;
      for (Resource model : models) {
        try (InputStream in = model.getInputStream()) {
          step = (step == null ? command : step).addResourceBytes(in.readAllBytes(), model.getFilename());
        }
      }
      DeploymentEvent event = step.requestTimeout(Duration.ofSeconds(30)).send().join();
      log.info(
          "Deployed {} process(es) and {} decision(s): {}",
          event.getProcesses().size(),
          event.getDecisions().size(),
          event.getProcesses().stream().map(p -> p.getBpmnProcessId() + " v" + p.getVersion()).toList());
      return event;
    } catch (IOException e) {
      throw new IllegalStateException("Could not read the process models", e);
    }
  }
}
