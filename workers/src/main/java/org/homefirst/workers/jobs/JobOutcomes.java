package org.homefirst.workers.jobs;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns what a handler did into the one engine command that says so, the same for both runners:
 * <ul>
 *   <li>result variables: complete;</li>
 *   <li>{@link BpmnRefusal}: the BPMN error with its variables, caught by the model's boundary;</li>
 *   <li>{@link RetryLater}: a failure with the retries untouched, offered again after its wait;</li>
 *   <li>{@link NotRetryable} or {@link IllegalArgumentException}: a failure with no retries left, an
 *       incident at once with a clear message;</li>
 *   <li>any other exception (a fault): one retry fewer, {@value #RETRIES} on the first run as the
 *       models had, with a doubling backoff; at zero retries the engine raises an incident that an
 *       operator can retry.</li>
 * </ul>
 */
public final class JobOutcomes {

  /** The retries a job has before its first failure (Zeebe's models said 3; the engine says none). */
  public static final int RETRIES = 3;

  private static final Logger log = LoggerFactory.getLogger(JobOutcomes.class);

  private JobOutcomes() {}

  /** What the runner tells the engine. */
  public sealed interface Outcome {}

  public record Complete(Map<String, Object> variables) implements Outcome {}

  public record Refuse(String code, String message, Map<String, Object> variables) implements Outcome {}

  /** A failure: {@code retries} left (0 raises an incident), offered again after {@code retryAfter}. */
  public record Fail(String message, String details, int retries, Duration retryAfter) implements Outcome {}

  /** Runs the handler on the job and says what the engine is to be told. */
  public static Outcome run(JobWorker worker, Job job) {
    int retries = job.retries() == null ? RETRIES : job.retries();
    try {
      Map<String, Object> result = worker.handler().handle(job);
      return new Complete(result == null ? Map.of() : result);
    } catch (BpmnRefusal refusal) {
      log.info("job {} ({}) refused: {}", job.id(), job.topic(), refusal.getMessage());
      return new Refuse(refusal.code(), refusal.getMessage(), refusal.variables());
    } catch (RetryLater later) {
      return new Fail(later.getMessage(), null, retries, later.after());
    } catch (NotRetryable | IllegalArgumentException bad) {
      log.error("job {} ({}): bad data, raising an incident: {}", job.id(), job.topic(), bad.getMessage());
      return new Fail(message(bad), details(bad), 0, Duration.ZERO);
    } catch (RuntimeException fault) {
      int left = Math.max(retries - 1, 0);
      // at zero the incident waits for an operator: a lock left on it would delay their retry
      Duration backoff = left == 0 ? Duration.ZERO : backoff(worker.faultBackoff(), retries);
      log.warn("job {} ({}) failed, {} retries left, next in {}: {}", job.id(), job.topic(), left, backoff,
          fault.getMessage());
      return new Fail(message(fault), details(fault), left, backoff);
    }
  }

  /** Doubles the backoff as retries are used up (3 retries left: 1x, 2: 2x, 1: 4x). */
  static Duration backoff(Duration base, int retriesLeft) {
    int used = Math.max(0, RETRIES - Math.min(retriesLeft, RETRIES));
    return base.multipliedBy(1L << used);
  }

  private static String message(RuntimeException e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    // the engine stores the incident message in a varchar(4000) column
    return message.length() > 3900 ? message.substring(0, 3900) : message;
  }

  private static String details(Throwable e) {
    StringWriter trace = new StringWriter();
    e.printStackTrace(new PrintWriter(trace));
    return trace.toString();
  }
}
