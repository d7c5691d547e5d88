package org.homefirst.processes;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.homefirst.processes.engine.HomeFirstEnginePlugin;
import org.operaton.bpm.engine.ProcessEngine;
import org.operaton.bpm.engine.ProcessEngineConfiguration;
import org.operaton.bpm.engine.delegate.ExecutionListener;
import org.operaton.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.operaton.bpm.engine.impl.cfg.StandaloneProcessEngineConfiguration;
import org.operaton.bpm.engine.impl.pvm.process.ScopeImpl;
import org.operaton.bpm.engine.impl.pvm.process.TransitionImpl;
import org.operaton.bpm.engine.impl.util.xml.Element;
import org.operaton.bpm.engine.repository.DeploymentBuilder;
import org.operaton.bpm.engine.test.junit5.ProcessEngineExtension;

/**
 * One Operaton engine for the whole test JVM, on one embedded PostgreSQL, with every Home First
 * model deployed once (from {@link ModelSource}: the files, or a draft in place of one). Tests share it through {@link #extension()} and start from empty runtime and
 * history tables ({@link #clean()}), which is much cheaper than a new engine or deployment per test.
 */
final class TestEngine {

  /** Sequence flows taken, per process definition key: history does not record them. */
  static final Map<String, Set<String>> TAKEN_FLOWS = new ConcurrentHashMap<>();

  private static ProcessEngine engine;
  private static DataSource dataSource;

  private TestEngine() {}

  static synchronized ProcessEngine engine() {
    if (engine == null) {
      try {
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
            .setServerConfig("fsync", "off")
            .setServerConfig("synchronous_commit", "off")
            .setServerConfig("full_page_writes", "off")
            // closed by our hook below, after the engine: a hook of its own would race the engine closing
            .setRegisterShutdownHook(false)
            .start();
        dataSource = postgres.getPostgresDatabase();
        StandaloneProcessEngineConfiguration config = new StandaloneProcessEngineConfiguration();
        config.setDataSource(dataSource);
        config.setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE);
        config.setHistory(ProcessEngineConfiguration.HISTORY_FULL);
        config.setJobExecutorActivate(false);
        config.setProcessEngineName("homefirst-test");
        config.setJavaSerializationFormatEnabled(true);
        config.setProcessEnginePlugins(new ArrayList<>(List.of(new HomeFirstEnginePlugin())));
        config.setCustomPostBPMNParseListeners(new ArrayList<>(List.of(new FlowRecorder())));
        engine = config.buildProcessEngine();
        DeploymentBuilder deployment = engine.getRepositoryService().createDeployment().name("homefirst");
        for (String model : Journey.MODELS) {
          deployment.addInputStream("homefirst/" + model, ModelSource.open(model));
        }
        deployment.deploy();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
          engine.close();
          try {
            postgres.close();
          } catch (Exception ignored) {
            // the JVM is ending
          }
        }));
      } catch (Exception e) {
        throw new IllegalStateException("test engine did not start", e);
      }
    }
    return engine;
  }

  /** Operaton's JUnit 5 extension on the shared engine (services injected, clock reset after each test). */
  static ProcessEngineExtension extension() {
    return ProcessEngineExtension.builder().useProcessEngine(engine()).build();
  }

  /** Empties the runtime and history tables; deployments, definitions and their resources stay. */
  static void clean() {
    engine();
    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
      List<String> tables = new ArrayList<>();
      try (ResultSet rs = s.executeQuery("select table_name from information_schema.tables where table_schema = 'public'"
          + " and (table_name like 'act_hi_%' or table_name like 'act_ru_%')"
          + " and table_name not in ('act_ru_jobdef', 'act_ru_authorization', 'act_ru_filter')")) {
        while (rs.next()) {
          tables.add(rs.getString(1));
        }
      }
      s.execute("truncate " + String.join(", ", tables));
      s.execute("delete from act_ge_bytearray where deployment_id_ is null");
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Records every sequence flow taken, for {@link ElementCoverage}. */
  private static final class FlowRecorder extends AbstractBpmnParseListener {
    private static final ExecutionListener RECORD = execution -> {
      String key = execution.getProcessDefinitionId().split(":")[0];
      TAKEN_FLOWS.computeIfAbsent(key, k -> ConcurrentHashMap.newKeySet()).add(execution.getCurrentTransitionId());
    };

    @Override
    public void parseSequenceFlow(Element sequenceFlowElement, ScopeImpl scopeElement, TransitionImpl transition) {
      transition.addListener(ExecutionListener.EVENTNAME_TAKE, RECORD);
    }
  }
}
