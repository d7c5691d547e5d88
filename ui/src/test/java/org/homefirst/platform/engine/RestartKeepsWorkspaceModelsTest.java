package org.homefirst.platform.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.homefirst.processes.engine.HomeFirstEnginePlugin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.operaton.bpm.engine.ProcessEngine;
import org.operaton.bpm.engine.ProcessEngineConfiguration;
import org.operaton.bpm.engine.impl.cfg.StandaloneProcessEngineConfiguration;
import org.operaton.bpm.engine.repository.ProcessDefinition;

/**
 * A model deployed from the designer workspace stays the one new journeys use after the
 * application restarts, even when a release changed another model's file meanwhile. Runs the
 * startup deployment on an engine of its own (the shared test stack's engine is left alone), and
 * restarts it for real: a new engine on the same database.
 */
class RestartKeepsWorkspaceModelsTest {

  private static final String PATHWAY = "homefirst-pathway-1";
  private static EmbeddedPostgres postgres;

  @BeforeAll
  static void database() throws IOException {
    postgres = EmbeddedPostgres.builder().setServerConfig("fsync", "off")
        .setServerConfig("synchronous_commit", "off").start();
  }

  @AfterAll
  static void stop() throws IOException {
    postgres.close();
  }

  @Test
  void aWorkspaceVersionStaysLatestAcrossRestartsAndOtherFilesChanging() throws IOException {
    String workspaceId;
    ProcessEngine engine = start();
    try {
      new ModelDeployment(engine.getRepositoryService(), null).deploy();
      ProcessDefinition fromFiles = latest(engine, PATHWAY);

      // as the workspace deploys: its own deployment name, the model changed (here: a version tag)
      String changed = xml(engine, fromFiles).replaceFirst("<bpmn:process id=\"" + PATHWAY + "\"",
          "<bpmn:process camunda:versionTag=\"workspace-1\" id=\"" + PATHWAY + "\"");
      assertThat(changed).contains("workspace-1");
      workspaceId = engine.getRepositoryService().createDeployment().name("homefirst-workspace")
          .addInputStream("pathway-1.bpmn", new ByteArrayInputStream(changed.getBytes(StandardCharsets.UTF_8)))
          .deploy().getId();
      assertThat(latest(engine, PATHWAY).getDeploymentId()).isEqualTo(workspaceId);

      // a release changed another model's file: the last file deployment differs from it for chc.bpmn
      ProcessDefinition chc = latest(engine, "homefirst-chc");
      engine.getRepositoryService().createDeployment().name(ModelDeployment.NAME)
          .addInputStream("chc.bpmn", new ByteArrayInputStream(
              xml(engine, chc).replace("</bpmn:definitions>", "<!-- older -->\n</bpmn:definitions>")
                  .getBytes(StandardCharsets.UTF_8)))
          .deploy();
    } finally {
      engine.close();
    }

    engine = start();
    try {
      var deployed = new ModelDeployment(engine.getRepositoryService(), null).deploy();
      assertThat(deployed.getDeployedProcessDefinitions()).as("only the changed file is deployed again")
          .extracting(ProcessDefinition::getKey).containsExactly("homefirst-chc");
      assertThat(latest(engine, PATHWAY).getDeploymentId()).as("the workspace's version is still the latest")
          .isEqualTo(workspaceId);
      assertThat(latest(engine, PATHWAY).getVersionTag()).isEqualTo("workspace-1");
    } finally {
      engine.close();
    }

    engine = start();
    try {
      var deployed = new ModelDeployment(engine.getRepositoryService(), null).deploy();
      assertThat(deployed.getDeployedProcessDefinitions()).as("a plain restart deploys nothing").isNullOrEmpty();
      assertThat(latest(engine, PATHWAY).getDeploymentId()).isEqualTo(workspaceId);
    } finally {
      engine.close();
    }
  }

  private static ProcessEngine start() {
    StandaloneProcessEngineConfiguration config = new StandaloneProcessEngineConfiguration();
    config.setDataSource(postgres.getPostgresDatabase());
    config.setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE);
    config.setHistory(ProcessEngineConfiguration.HISTORY_FULL);
    config.setJobExecutorActivate(false);
    config.setProcessEngineName("restart-test");
    config.setProcessEnginePlugins(new ArrayList<>(List.of(new HomeFirstEnginePlugin())));
    return config.buildProcessEngine();
  }

  private static ProcessDefinition latest(ProcessEngine engine, String key) {
    return engine.getRepositoryService().createProcessDefinitionQuery().processDefinitionKey(key).latestVersion()
        .singleResult();
  }

  private static String xml(ProcessEngine engine, ProcessDefinition definition) throws IOException {
    try (InputStream in = engine.getRepositoryService().getProcessModel(definition.getId())) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
