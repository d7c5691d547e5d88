package org.homefirst.platform.engine;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Comparator;
import org.operaton.bpm.engine.RepositoryService;
import org.operaton.bpm.engine.repository.DeploymentBuilder;
import org.operaton.bpm.engine.repository.DeploymentWithDefinitions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * Deploys the BPMN and DMN models shipped in the processes module when the application starts,
 * as one deployment named {@value #NAME}. Unchanged models create no new versions (duplicate
 * filtering), so restarts and the second node of a cluster deploy nothing.
 */
@Component
class ModelDeployment implements SmartInitializingSingleton {

  private static final Logger log = LoggerFactory.getLogger(ModelDeployment.class);
  static final String MODELS = "classpath*:homefirst/*.{bpmn,dmn}";
  static final String NAME = "homefirst";

  private final RepositoryService repository;

  ModelDeployment(RepositoryService repository) {
    this.repository = repository;
  }

  @Override
  public void afterSingletonsInstantiated() {
    deploy();
  }

  DeploymentWithDefinitions deploy() {
    try {
      Resource[] models = new PathMatchingResourcePatternResolver().getResources(MODELS);
      Arrays.sort(models, Comparator.comparing(Resource::getFilename));
      if (models.length == 0) {
        throw new IllegalStateException("No process models found at " + MODELS);
      }
      DeploymentBuilder deployment = repository.createDeployment().name(NAME).enableDuplicateFiltering(false);
      for (Resource model : models) {
        try (InputStream in = model.getInputStream()) {
          deployment.addInputStream(model.getFilename(), in);
        }
      }
      DeploymentWithDefinitions deployed = deployment.deployWithResult();
      log.info("Models deployed: {} new process version(s), {} new decision version(s) {}",
          deployed.getDeployedProcessDefinitions() == null ? 0 : deployed.getDeployedProcessDefinitions().size(),
          deployed.getDeployedDecisionDefinitions() == null ? 0 : deployed.getDeployedDecisionDefinitions().size(),
          deployed.getDeployedProcessDefinitions() == null ? "" : deployed.getDeployedProcessDefinitions().stream()
              .map(p -> p.getKey() + " v" + p.getVersion()).toList());
      return deployed;
    } catch (IOException e) {
      throw new IllegalStateException("Could not read the process models", e);
    }
  }
}
