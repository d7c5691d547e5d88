package org.homefirst.benchmark;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.homefirst.processes.engine.HomeFirstEnginePlugin;
import java.util.concurrent.atomic.AtomicLong;
import org.operaton.bpm.engine.ExternalTaskService;
import org.operaton.bpm.engine.OptimisticLockingException;
import org.operaton.bpm.engine.ProcessEngine;
import org.operaton.bpm.engine.ProcessEngineConfiguration;
import org.operaton.bpm.engine.externaltask.ExternalTaskQueryBuilder;
import org.operaton.bpm.engine.externaltask.LockedExternalTask;
import org.operaton.bpm.engine.impl.cfg.StandaloneProcessEngineConfiguration;
import org.operaton.bpm.engine.impl.jobexecutor.DefaultJobExecutor;
import org.operaton.bpm.engine.impl.persistence.StrongUuidGenerator;
import org.operaton.bpm.engine.repository.DeploymentBuilder;
import org.operaton.bpm.engine.task.Task;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.yaml.snakeyaml.Yaml;

/**
 * The same models on a bare Operaton engine: its own embedded PostgreSQL with the same durability,
 * full history, the models' FEEL plugin, the job executor on; no projection, no application tables,
 * no workers. External tasks of every topic are fetched, locked and completed empty by a few threads
 * (the discharge announcement also correlates its message, as the journey waits for it); the
 * patient drivers claim and complete tasks through the task service.
 */
final class BareEngine implements JourneySystem {

  static final String MODELS = "classpath*:homefirst/*.{bpmn,dmn}";
  static final String JOURNEY = "homefirst-discharge-journey";
  private static final String DISCHARGE_TOPIC = "homefirst.journey.publish-patient-discharged";
  private static final String DISCHARGE_MESSAGE = "homefirst.patient-discharged";

  private final EmbeddedPostgres postgres;
  private final HikariDataSource dataSource;
  private final ProcessEngine engine;
  private final Map<String, String> clocks;
  private final List<String> topics;
  private final List<Thread> handlers = new ArrayList<>();
  private final long postmaster;
  private final AtomicLong retriedCompletions = new AtomicLong();
  private volatile boolean running = true;

  BareEngine(Path dataDirectory, Map<String, String> clockOverrides, int handlerThreads, long idleMillis)
      throws IOException {
    postgres = EmbeddedPostgres.builder().setRegisterShutdownHook(false)
        .setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on")
        .setServerConfig("full_page_writes", "on")
        .setDataDirectory(dataDirectory).setCleanDataDirectory(false)
        .start();
    postmaster = Cpu.postmaster(dataDirectory);
    dataSource = new HikariDataSource();
    dataSource.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
    dataSource.setUsername("postgres");
    dataSource.setMaximumPoolSize(20);
    dataSource.setPoolName("bare-engine");

    StandaloneProcessEngineConfiguration config = new StandaloneProcessEngineConfiguration();
    config.setProcessEngineName("bare");
    config.setDataSource(dataSource);
    config.setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE);
    config.setHistory(ProcessEngineConfiguration.HISTORY_FULL);
    config.setMetricsEnabled(false);
    // The default DbIdGenerator takes id blocks in a second transaction: with every pooled connection
    // held by a command waiting for one, the pool starves (seen at 16 referrers). The application
    // draws ids from a PostgreSQL sequence instead; here ids need no database at all.
    config.setIdGenerator(new StrongUuidGenerator());
    config.setJobExecutorActivate(true);
    // As the application (operaton.bpm.job-execution in its application.yaml): an idle job executor
    // looks for due timers again after 1 s, backing off to 5 s at most (the engine's default is 5 s
    // backing off to 60 s, which would hold the home check's 1 s timer up to a minute).
    DefaultJobExecutor jobExecutor = new DefaultJobExecutor();
    jobExecutor.setWaitTimeInMillis(1000);
    jobExecutor.setMaxWait(5000);
    config.setJobExecutor(jobExecutor);
    config.setProcessEnginePlugins(new ArrayList<>(List.of(new HomeFirstEnginePlugin())));
    engine = config.buildProcessEngine();

    DeploymentBuilder deployment = engine.getRepositoryService().createDeployment().name("homefirst");
    TreeSet<String> found = new TreeSet<>();
    Pattern topic = Pattern.compile("camunda:topic=\"([^\"]+)\"");
    for (Resource model : new PathMatchingResourcePatternResolver().getResources(MODELS)) {
      try (InputStream in = model.getInputStream()) {
        byte[] bytes = in.readAllBytes();
        deployment.addString(model.getFilename(), new String(bytes, StandardCharsets.UTF_8));
        Matcher m = topic.matcher(new String(bytes, StandardCharsets.UTF_8));
        while (m.find()) {
          found.add(m.group(1));
        }
      }
    }
    deployment.deploy();
    topics = List.copyOf(found);
    clocks = new HashMap<>(applicationClocks());
    clocks.putAll(clockOverrides);

    for (int i = 0; i < handlerThreads; i++) {
      String worker = "bare-worker-" + i;
      handlers.add(Thread.ofPlatform().name(worker).start(() -> handle(worker, idleMillis)));
    }
  }

  /** The clocks the application passes to every journey ({@code homefirst.clocks} in its application.yaml). */
  @SuppressWarnings("unchecked")
  static Map<String, String> applicationClocks() throws IOException {
    try (InputStream in = BareEngine.class.getClassLoader().getResourceAsStream("application.yaml")) {
      Map<String, Object> yaml = new Yaml().load(in);
      Map<String, Object> clocks = (Map<String, Object>) ((Map<String, Object>) yaml.get("homefirst")).get("clocks");
      Map<String, String> values = new HashMap<>();
      clocks.forEach((k, v) -> values.put(k, String.valueOf(v)));
      return values;
    }
  }

  /** A no-op worker: completes every external task empty, fetching again at once while there is work. */
  private void handle(String worker, long idleMillis) {
    ExternalTaskService tasks = engine.getExternalTaskService();
    while (running) {
      try {
        ExternalTaskQueryBuilder fetch = tasks.fetchAndLock(1, worker);
        for (String t : topics) {
          fetch = fetch.topic(t, 60_000);
        }
        List<LockedExternalTask> locked = fetch.execute();
        for (LockedExternalTask task : locked) {
          if (DISCHARGE_TOPIC.equals(task.getTopicName())) {
            engine.getRuntimeService().createMessageCorrelation(DISCHARGE_MESSAGE)
                .processInstanceBusinessKey(task.getBusinessKey())
                .setVariable("dischargedAt", task.getVariables().get("dischargedAt"))
                .correlateAllWithResult();
          }
          complete(tasks, task.getId(), worker);
        }
        if (locked.isEmpty()) {
          Thread.sleep(idleMillis);
        }
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        if (running) {
          System.err.println(worker + ": " + e.getMessage());
        }
      }
    }
  }

  /**
   * Completes, trying again when a parallel branch's completion moved the same join at the same time
   * (the task stays locked by this worker, so completing again is safe).
   */
  private void complete(ExternalTaskService tasks, String id, String worker) {
    for (int attempt = 1; ; attempt++) {
      try {
        tasks.complete(id, worker);
        return;
      } catch (OptimisticLockingException concurrent) {
        retriedCompletions.incrementAndGet();
        if (attempt == 5) {
          throw concurrent;
        }
      }
    }
  }

  /** Completions tried again after an optimistic locking failure, so far. */
  long retriedCompletions() {
    return retriedCompletions.get();
  }

  @Override
  public String name() {
    return "bare engine";
  }

  /** Starts the journey with the variables the application's intake passes. */
  @Override
  public Referred refer(String nhsNumber) {
    String id = UUID.randomUUID().toString();
    Map<String, Object> variables = new HashMap<>(clocks);
    variables.put("referralId", id);
    variables.put("nhsNumber", nhsNumber);
    variables.put("givenName", "Ada");
    variables.put("familyName", "Jones");
    variables.put("dateOfBirth", "1941-03-02");
    variables.put("borough", PathwayZero.BOROUGH);
    variables.put("hospital", PathwayZero.HOSPITAL);
    variables.put("ward", "Ward 7");
    variables.put("admittedAt", "2026-11-20T09:30:00Z");
    variables.put("dischargeReadyAt", null);
    engine.getRuntimeService().startProcessInstanceByKey(JOURNEY, id, variables);
    return new Referred(id, nhsNumber);
  }

  /** The engine's own task query: the team's candidate tasks of that element for the journey. */
  @Override
  public String openTask(Referred referral, String elementId) {
    List<Task> tasks = engine.getTaskService().createTaskQuery().processInstanceBusinessKey(referral.id())
        .taskDefinitionKey(elementId).taskCandidateGroup(PathwayZero.TEAM).list();
    return tasks.isEmpty() ? null : tasks.getFirst().getId();
  }

  @Override
  public void claimAndComplete(String user, String taskId, Map<String, Object> values) {
    engine.getTaskService().claim(taskId, user);
    engine.getTaskService().complete(taskId, values);
  }

  @Override
  public long journeysCompleted() {
    return engine.getHistoryService().createHistoricProcessInstanceQuery().processDefinitionKey(JOURNEY).finished()
        .count();
  }

  /** No instance of the journey (nor of the processes it called) still running. */
  @Override
  public boolean journeyCompleted(Referred referral) {
    return engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(referral.id())
        .count() == 0;
  }

  @Override
  public Cpu.Reading cpu() {
    return new Cpu.Reading(Cpu.jvmSeconds(), Cpu.postgresSeconds(postmaster));
  }

  @Override
  public void close() throws Exception {
    running = false;
    for (Thread t : handlers) {
      t.interrupt();
      t.join(10_000);
    }
    engine.close();
    dataSource.close();
    postgres.close();
  }
}
