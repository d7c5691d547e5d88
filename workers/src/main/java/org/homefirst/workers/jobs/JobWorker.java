package org.homefirst.workers.jobs;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One topic's registration: what to fetch, for how long to lock it, how long to back off after a
 * fault, and the handler. Both runners serve every registration of every {@link JobTopics} bean.
 *
 * @param variables the variables to fetch (empty: all of them)
 * @param lockDuration how long the engine keeps the task for this worker before offering it again
 *     (longer than the handler's slowest run: a partner call's attempts x timeout)
 * @param faultBackoff the wait after the first fault; doubled per retry used ({@link JobOutcomes})
 * @param needsEngine the handler itself talks to the engine (correlates a message): the remote
 *     worker process, limited to the external-task endpoints, does not serve it
 */
public record JobWorker(String topic, List<String> variables, Duration lockDuration, Duration faultBackoff,
    boolean needsEngine, Handler handler) {

  /** Default lock: a partner call's attempts x timeout fit in it with room to spare. */
  public static final Duration LOCK = Duration.ofMinutes(5);

  /** Default wait after a fault of a worker that names none. */
  public static final Duration BACKOFF = Duration.ofSeconds(10);

  public JobWorker {
    variables = List.copyOf(variables);
  }

  /** A registration with the default lock and that backoff. */
  public static JobWorker of(String topic, List<String> variables, Duration faultBackoff, Handler handler) {
    return new JobWorker(topic, variables, LOCK, faultBackoff, false, handler);
  }

  /** The same, served only where the engine itself is at hand (the application). */
  public JobWorker needingEngine() {
    return new JobWorker(topic, variables, lockDuration, faultBackoff, true, handler);
  }

  /** What the worker does with a job: its result variables, or a {@link BpmnRefusal}, or an exception. */
  @FunctionalInterface
  public interface Handler {
    Map<String, Object> handle(Job job);
  }
}
