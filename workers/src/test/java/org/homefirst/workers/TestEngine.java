package org.homefirst.workers;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.homefirst.workers.jobs.EmbeddedJobRunner;
import org.homefirst.workers.jobs.JobWorker;
import org.operaton.bpm.engine.ProcessEngine;
import org.operaton.bpm.engine.history.HistoricVariableInstance;
import org.operaton.bpm.engine.history.HistoricVariableUpdate;
import org.operaton.bpm.engine.impl.cfg.StandaloneProcessEngineConfiguration;
import org.operaton.bpm.engine.impl.util.ClockUtil;
import org.operaton.bpm.engine.runtime.Incident;
import org.operaton.bpm.engine.test.junit5.ProcessEngineExtension;
import org.operaton.bpm.model.bpmn.BpmnModelInstance;

/**
 * A real Operaton engine for the workers' tests, on the test PostgreSQL beside the partner tables
 * (as in the application), built once per test run; its ids come from its database, so tests
 * share it safely. No job executor: tests drive jobs with {@link #runner} and time with
 * {@link #later}. With the helpers the Zeebe test assertions had.
 */
public final class TestEngine {

  private static ProcessEngine engine;

  private TestEngine() {}

  public static synchronized ProcessEngine engine() {
    if (engine == null) {
      HikariConfig pool = new HikariConfig();
      pool.setDataSource(TestDatabase.dataSource());
      pool.setMaximumPoolSize(6);
      StandaloneProcessEngineConfiguration configuration = new StandaloneProcessEngineConfiguration();
      configuration.setProcessEngineName("workers-test");
      configuration.setDataSource(new HikariDataSource(pool));
      configuration.setDatabaseSchemaUpdate("true");
      configuration.setJobExecutorActivate(false);
      configuration.setHistory("full");
      configuration.setEnforceHistoryTimeToLive(false);
      // the default id generator is the engine's DbIdGenerator: decimal ids, as in the application
      engine = configuration.buildProcessEngine();
    }
    return engine;
  }

  /** Operaton's JUnit 5 extension over this engine (it resets the engine's clock after each test). */
  public static ProcessEngineExtension extension() {
    return ProcessEngineExtension.builder().useProcessEngine(engine()).build();
  }

  public static void deploy(BpmnModelInstance model, String name) {
    engine().getRepositoryService().createDeployment().addModelInstance(name, model).deploy();
  }

  /** The embedded runner over these workers, driven by the test ({@link EmbeddedJobRunner#runOnce}). */
  public static EmbeddedJobRunner runner(List<JobWorker> workers) {
    return new EmbeddedJobRunner(engine().getExternalTaskService(), workers, "test-worker", 1, Duration.ofMillis(50));
  }

  /** The engine's clock moves on (backoffs, lock expiry). */
  public static void later(Duration duration) {
    ClockUtil.setCurrentTime(new Date(ClockUtil.getCurrentTime().getTime() + duration.toMillis()));
  }

  public static boolean ended(String instance) {
    return engine().getHistoryService().createHistoricProcessInstanceQuery().processInstanceId(instance).finished()
        .count() == 1;
  }

  public static boolean waitsAt(String instance, String activityId) {
    return engine().getRuntimeService().createExecutionQuery().processInstanceId(instance).activityId(activityId)
        .count() > 0;
  }

  public static boolean passed(String instance, String activityId) {
    return engine().getHistoryService().createHistoricActivityInstanceQuery().processInstanceId(instance)
        .activityId(activityId).finished().count() > 0;
  }

  /** A process variable's value (the last one written), or null. */
  public static Object variable(String instance, String name) {
    HistoricVariableInstance variable = engine().getHistoryService().createHistoricVariableInstanceQuery()
        .processInstanceId(instance).variableName(name).singleResult();
    return variable == null ? null : variable.getValue();
  }

  /** How many times the variable was written on the instance (the history keeps every update). */
  public static long updates(String instance, String name) {
    return engine().getHistoryService().createHistoricDetailQuery().processInstanceId(instance).variableUpdates()
        .list().stream().filter(d -> d instanceof HistoricVariableUpdate u
            && u.getVariableName().equals(name)).count();
  }

  /** Starts the latest version of the process with the referral id (if any) as business key. */
  public static String start(String processId, Map<String, Object> variables) {
    Object referralId = variables.get("referralId");
    return engine().getRuntimeService().startProcessInstanceByKey(processId,
        referralId == null ? null : referralId.toString(), variables).getId();
  }

  /** Assertions on a process instance, named as Zeebe Process Test's were. */
  public static InstanceAssert journey(String instance) {
    return new InstanceAssert(instance);
  }

  public record InstanceAssert(String instance) {

    public InstanceAssert isCompleted() {
      assertThat(ended(instance)).as("instance %s ended", instance).isTrue();
      return this;
    }

    public InstanceAssert isActive() {
      assertThat(ended(instance)).as("instance %s still active", instance).isFalse();
      return this;
    }

    public InstanceAssert isWaitingAtElements(String... activityIds) {
      for (String activityId : activityIds) {
        assertThat(waitsAt(instance, activityId)).as("instance %s waits at %s", instance, activityId).isTrue();
      }
      return this;
    }

    public InstanceAssert hasPassedElement(String activityId) {
      assertThat(passed(instance, activityId)).as("instance %s passed %s", instance, activityId).isTrue();
      return this;
    }

    public InstanceAssert hasNotPassedElement(String activityId) {
      assertThat(passed(instance, activityId)).as("instance %s passed %s", instance, activityId).isFalse();
      return this;
    }

    public InstanceAssert hasVariableWithValue(String name, Object value) {
      assertThat(variable(instance, name)).as("variable %s of %s", name, instance).isEqualTo(value);
      return this;
    }
  }

  public static List<Incident> incidents(String instance) {
    return engine().getRuntimeService().createIncidentQuery().processInstanceId(instance).list();
  }
}
