package org.homefirst.workers.jobs;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.client.exception.RestException;
import org.camunda.bpm.client.ExternalTaskClient;
import org.camunda.bpm.client.ExternalTaskClientBuilder;
import org.camunda.bpm.client.interceptor.auth.BasicAuthProvider;
import org.camunda.bpm.client.task.ExternalTask;
import org.camunda.bpm.client.task.ExternalTaskService;
import org.homefirst.workers.jobs.JobOutcomes.Complete;
import org.homefirst.workers.jobs.JobOutcomes.Fail;
import org.homefirst.workers.jobs.JobOutcomes.Outcome;
import org.homefirst.workers.jobs.JobOutcomes.Refuse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the job workers from a separate process over the engine's REST API
 * ({@code camunda-external-task-client}, Apache-2.0, against Operaton's {@code /engine-rest}), with
 * HTTP Basic credentials and long polling. The handlers and the outcome mapping are the same as in
 * the application; topics whose handler talks to the engine itself ({@link JobWorker#needsEngine()})
 * are not served here, since this process may only use the external-task endpoints: the
 * application's embedded runner serves them.
 */
public class RemoteJobRunner implements JobRunner {

  private static final Logger log = LoggerFactory.getLogger(RemoteJobRunner.class);

  private final ExternalTaskClient client;
  private final List<JobWorker> served;
  private final String workerId;
  private final Semaphore free;
  private final ExecutorService pool;

  public RemoteJobRunner(JobRunnerProperties.EngineRest rest, List<JobWorker> workers, String workerId, int threads) {
    if (rest.url() == null) {
      throw new IllegalStateException("homefirst.workers.engine-rest.url is required in remote mode");
    }
    this.workerId = workerId;
    this.served = workers.stream().filter(w -> !w.needsEngine()).toList();
    workers.stream().filter(JobWorker::needsEngine).forEach(w -> log.info(
        "Topic {} talks to the engine itself: served by the application's runner, not by this process", w.topic()));
    this.free = new Semaphore(threads);
    this.pool = Executors.newFixedThreadPool(threads, Thread.ofPlatform().name("job-worker-", 1).factory());
    ExternalTaskClientBuilder builder = ExternalTaskClient.create()
        .baseUrl(rest.url().toString())
        .workerId(workerId)
        .maxTasks(threads)
        .asyncResponseTimeout(rest.longPoll().toMillis())
        .disableAutoFetching();
    if (rest.username() != null) {
      builder.addInterceptor(new BasicAuthProvider(rest.username(), rest.password()));
    }
    this.client = builder.build();
    for (JobWorker worker : served) {
      var subscription = client.subscribe(worker.topic())
          .lockDuration(worker.lockDuration().toMillis())
          .handler((task, service) -> dispatch(worker, task, service));
      if (!worker.variables().isEmpty()) {
        subscription.variables(worker.variables().toArray(String[]::new));
      }
      subscription.open();
    }
  }

  @Override
  public void start() {
    client.start();
    log.info("Job workers run as {} against the engine's REST API: {}", workerId,
        served.stream().map(JobWorker::topic).toList());
  }

  /** The client fetches on one thread; the jobs run on the pool, the client waiting while it is full. */
  private void dispatch(JobWorker worker, ExternalTask task, ExternalTaskService service) {
    try {
      free.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    pool.execute(() -> {
      try {
        work(worker, task, service);
      } finally {
        free.release();
      }
    });
  }

  /**
   * Tells the engine the outcome, again when a parallel branch of the journey moved at the same time
   * (the engine answers OptimisticLockingException and rolls the command back whole).
   */
  private static void tell(ExternalTask task, ExternalTaskService service, Outcome outcome) {
    for (int attempt = 1; ; attempt++) {
      try {
        switch (outcome) {
          case Complete c -> service.complete(task, c.variables());
          case Refuse r -> service.handleBpmnError(task, r.code(), r.message(), r.variables());
          case Fail f -> service.handleFailure(task, f.message(), f.details(), f.retries(), f.retryAfter().toMillis());
        }
        return;
      } catch (RestException e) {
        if (attempt >= EmbeddedJobRunner.CONFLICT_ATTEMPTS || !"OptimisticLockingException".equals(e.getType())) {
          throw e;
        }
        try {
          Thread.sleep(ThreadLocalRandom.current().nextLong(10, 50L * attempt));
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }

  private void work(JobWorker worker, ExternalTask task, ExternalTaskService service) {
    Outcome outcome;
    try {
      Job job = new Job(task.getId(), task.getTopicName(), task.getProcessInstanceId(), task.getBusinessKey(),
          task.getActivityId(), task.getRetries(), task.getAllVariables());
      outcome = JobOutcomes.run(worker, job);
    } catch (RuntimeException unreadable) {
      // Never leave a task locked by a handler that could not start: say why, as an incident.
      outcome = new Fail("could not read the job's variables: " + unreadable.getMessage(), null, 0, Duration.ZERO);
    }
    try {
      tell(task, service, outcome);
    } catch (RuntimeException e) {
      // the engine unreachable, the task cancelled or its lock expired: it comes back when the lock
      // runs out, and the idempotency key makes the rerun harmless
      log.warn("The engine did not take the outcome of job {} ({}): {}", task.getId(), task.getTopicName(),
          e.getMessage());
    }
  }

  @Override
  public void close() {
    client.stop();
    pool.shutdown();
    try {
      if (!pool.awaitTermination(30, TimeUnit.SECONDS)) {
        pool.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      pool.shutdownNow();
    }
  }
}
