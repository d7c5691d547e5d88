package org.homefirst.platform.engine;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import org.operaton.bpm.engine.RepositoryService;
import org.operaton.bpm.engine.repository.ProcessDefinition;
import org.operaton.bpm.engine.repository.DeploymentBuilder;
import org.operaton.bpm.engine.repository.DeploymentWithDefinitions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Deploys the BPMN and DMN models shipped in the processes module when the application starts,
 * as deployments named {@value #NAME}. Only a model whose file changed since the last deployment of
 * that name gets a new version (duplicate filtering, changed resources only), so restarts and the
 * second node of a cluster deploy nothing, and a model deployed from the designer workspace (under
 * another deployment name) stays the latest version across restarts and releases that change other
 * files: deploying every file whenever one changed would silently revert it. The latest version of
 * every model is projected at once (process_definition, process_element), not only when a first
 * journey runs it: the console draws diagrams and generated history points at them before then.
 */
@Component
class ModelDeployment implements SmartInitializingSingleton {

  private static final Logger log = LoggerFactory.getLogger(ModelDeployment.class);
  static final String MODELS = "classpath*:homefirst/*.{bpmn,dmn}";
  static final String NAME = "homefirst";

  private final RepositoryService repository;
  private final JdbcTemplate db;

  ModelDeployment(RepositoryService repository, JdbcTemplate db) {
    this.repository = repository;
    this.db = db;
  }

  @Override
  public void afterSingletonsInstantiated() {
    deploy();
    projectLatest();
  }

  /** As the projection does when it first meets a definition (EngineProjection.loadModel); idempotent. */
  void projectLatest() {
    for (ProcessDefinition definition : repository.createProcessDefinitionQuery().latestVersion().list()) {
      long key = EngineIds.keyOf(definition.getId());
      String xml;
      try (InputStream in = repository.getProcessModel(definition.getId())) {
        xml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new IllegalStateException("Could not read the deployed model " + definition.getId(), e);
      }
      var deployedAt = repository.createDeploymentQuery().deploymentId(definition.getDeploymentId()).singleResult()
          .getDeploymentTime();
      db.update("insert into process_definition (definition_key, bpmn_process_id, version, resource_name, bpmn_xml,"
              + " deployed_at) values (?, ?, ?, ?, ?, ?) on conflict (definition_key) do nothing",
          key, definition.getKey(), definition.getVersion(), definition.getResourceName(), xml,
          new Timestamp(deployedAt.getTime()));
      for (BpmnElements.Element element : BpmnElements.of(xml, definition.getKey())) {
        db.update("insert into process_element (definition_key, element_id, name, element_type) values (?, ?, ?, ?)"
            + " on conflict do nothing", key, element.id(), element.name(), element.type());
      }
    }
  }

  /** Process key to the name of the deployment its latest version came from. */
  private Map<String, String> latestDeploymentNames() {
    Map<String, String> names = new HashMap<>();
    for (ProcessDefinition definition : repository.createProcessDefinitionQuery().latestVersion().list()) {
      var deployment = repository.createDeploymentQuery().deploymentId(definition.getDeploymentId()).singleResult();
      names.put(definition.getKey(), deployment.getName() == null ? "" : deployment.getName());
    }
    return names;
  }

  DeploymentWithDefinitions deploy() {
    try {
      Resource[] models = new PathMatchingResourcePatternResolver().getResources(MODELS);
      Arrays.sort(models, Comparator.comparing(Resource::getFilename));
      if (models.length == 0) {
        throw new IllegalStateException("No process models found at " + MODELS);
      }
      Map<String, String> latestFrom = latestDeploymentNames();
      DeploymentBuilder deployment = repository.createDeployment().name(NAME).enableDuplicateFiltering(true);
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
      if (deployed.getDeployedProcessDefinitions() != null) {
        for (ProcessDefinition replaced : deployed.getDeployedProcessDefinitions()) {
          String before = latestFrom.get(replaced.getKey());
          if (before != null && !before.equals(NAME)) {
            log.warn("The changed file of {} replaces its latest version, which came from deployment '{}'",
                replaced.getKey(), before);
          }
        }
      }
      return deployed;
    } catch (IOException e) {
      throw new IllegalStateException("Could not read the process models", e);
    }
  }
}
