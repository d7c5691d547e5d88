package org.homefirst.workers.jobs;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.homefirst.workers.jobs.JobOutcomes.Complete;
import org.homefirst.workers.jobs.JobOutcomes.Fail;
import org.homefirst.workers.jobs.JobOutcomes.Outcome;
import org.homefirst.workers.jobs.JobOutcomes.Refuse;
import org.operaton.bpm.engine.ExternalTaskService;
import org.operaton.bpm.engine.OptimisticLockingException;
import org.operaton.bpm.engine.externaltask.ExternalTaskQueryBuilder;
import org.operaton.bpm.engine.externaltask.ExternalTaskQueryTopicBuilder;
import org.operaton.bpm.engine.externaltask.LockedExternalTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the job workers inside the application: one thread fetches and locks external tasks of
 * every topic through Operaton's {@link ExternalTaskService} (no HTTP), as many as there are free
 * threads, and hands each to a small pool; it fetches again at once while there is work and waits
 * {@code idle-poll-interval} when there is none. Outcomes go back through the same service.
 */
public class EmbeddedJobRunner implements JobRunner {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedJobRunner.class);

  private final ExternalTaskService tasks;
  private final Map<String, JobWorker> workers;
  /** Tries to give the engine a job's outcome when it collides with another change of the journey. */
  private static final int OUTCOME_ATTEMPTS = 5;

  private final String workerId;
  private final int threads;
  private final Duration idle;
  private final Semaphore free;
  private ExecutorService pool;
  private Thread fetcher;
  private volatile boolean running;

  public EmbeddedJobRunner(ExternalTaskService tasks, List<JobWorker> workers, String workerId, int threads,
      Duration idle) {
    this.tasks = tasks;
    this.workers = workers.stream().collect(Collectors.toMap(JobWorker::topic, Function.identity()));
    this.workerId = workerId;
    this.threads = threads;
    this.idle = idle;
    this.free = new Semaphore(threads);
  }

  public String workerId() {
    return workerId;
  }

  @Override
  public synchronized void start() {
    if (running || workers.isEmpty()) {
      return;
    }
    running = true;
    pool = Executors.newFixedThreadPool(threads, Thread.ofPlatform().name("job-worker-", 1).factory());
    fetcher = Thread.ofPlatform().name("job-fetcher").start(this::fetchLoop);
    log.info("Job workers run in the application as {} on {} threads: {}", workerId, threads, workers.keySet());
  }

  private void fetchLoop() {
    while (running) {
      try {
        free.acquire();
        int slots = 1 + drainFree();
        List<LockedExternalTask> locked = fetch(slots);
        free.release(slots - locked.size());
        for (LockedExternalTask task : locked) {
          pool.execute(() -> {
            try {
              work(task);
            } finally {
              free.release();
            }
          });
        }
        if (locked.isEmpty()) {
          TimeUnit.MILLISECONDS.sleep(idle.toMillis());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        // the database busy or restarting: the engine's own tasks are safe, try again shortly
        log.warn("Fetching external tasks failed, trying again in {}: {}", idle, e.getMessage());
        sleepQuietly();
      }
    }
  }

  private int drainFree() {
    return free.drainPermits();
  }

  private List<LockedExternalTask> fetch(int max) {
    ExternalTaskQueryBuilder query = tasks.fetchAndLock(max, workerId);
    for (JobWorker worker : workers.values()) {
      // Lists and maps are stored Java-serialized: without this their values cannot be read
      ExternalTaskQueryTopicBuilder topic = query.topic(worker.topic(), worker.lockDuration().toMillis())
          .enableCustomObjectDeserialization();
      query = worker.variables().isEmpty() ? topic : topic.variables(worker.variables());
    }
    return query.execute();
  }

  /**
   * One round on the calling thread: fetches what is due now (up to {@code threads} jobs), works
   * each and tells the engine. For tests and tools that drive the engine step by step.
   *
   * @return the jobs worked
   */
  public List<Job> runOnce() {
    return fetch(threads).stream().map(this::work).toList();
  }

  /** Runs one task's handler and tells the engine the outcome. */
  Job work(LockedExternalTask task) {
    JobWorker worker = workers.get(task.getTopicName());
    Job job = new Job(task.getId(), task.getTopicName(), task.getProcessInstanceId(), task.getBusinessKey(),
        task.getActivityId(), task.getRetries(), task.getVariables());
    Outcome outcome = JobOutcomes.run(worker, job);
    for (int attempt = 1; ; attempt++) {
      try {
        switch (outcome) {
          case Complete c -> tasks.complete(task.getId(), workerId, c.variables());
          case Refuse r -> tasks.handleBpmnError(task.getId(), workerId, r.code(), r.message(), r.variables());
          case Fail f -> tasks.handleFailure(task.getId(), workerId, f.message(), f.details(), f.retries(),
              f.retryAfter().toMillis());
        }
        break;
      } catch (OptimisticLockingException e) {
        // another command changed the same journey at the same moment (e.g. its parallel request
        // completed on another thread or node): the task is still locked for us, so tell the
        // engine again rather than leave the journey waiting for the lock to expire
        if (attempt == OUTCOME_ATTEMPTS) {
          log.warn("The engine did not take the outcome of job {} ({}) after {} attempts: {}", task.getId(),
              task.getTopicName(), attempt, e.getMessage());
          break;
        }
        log.debug("Job {} ({}) collided with another change of its journey; telling the engine again",
            task.getId(), task.getTopicName());
      } catch (RuntimeException e) {
        // the task was cancelled meanwhile (the journey moved on) or its lock expired and another
        // worker has it: the outcome is no longer ours to give; the idempotency key covers a rerun
        log.warn("The engine did not take the outcome of job {} ({}): {}", task.getId(), task.getTopicName(),
            e.getMessage());
        break;
      }
    }
    return job;
  }

  private void sleepQuietly() {
    try {
      TimeUnit.MILLISECONDS.sleep(Math.max(idle.toMillis(), 1000));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
  }

  /** Stops fetching, lets running jobs finish (for a while), then stops. */
  @Override
  public synchronized void close() {
    if (!running) {
      return;
    }
    running = false;
    fetcher.interrupt();
    pool.shutdown();
    try {
      fetcher.join(10_000);
      if (!pool.awaitTermination(30, TimeUnit.SECONDS)) {
        pool.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      pool.shutdownNow();
    }
    log.info("Job workers {} stopped", workerId);
  }
}
