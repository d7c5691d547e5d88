package org.homefirst.workers.partners;

import io.camunda.zeebe.client.api.response.ActivatedJob;
import io.camunda.zeebe.client.api.worker.JobClient;
import io.camunda.zeebe.spring.common.exception.ZeebeBpmnError;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns what a partner job handler did into the one engine command that says so:
 * <ul>
 *   <li>result variables: complete the job;</li>
 *   <li>{@link ZeebeBpmnError} (a business rejection): throw the BPMN error with its variables;</li>
 *   <li>{@link AwaitingPartner}: fail with the retries untouched and a backoff of the poll interval,
 *       so the engine brings the job back to ask again;</li>
 *   <li>{@link PartnerDataRejected} (bad data from the partner) or {@link IllegalArgumentException} (bad
 *       variables from the model): fail with no retries left, an incident with a clear message;</li>
 *   <li>anything else (a fault): fail with one retry fewer and a doubling backoff; at zero retries
 *       the engine raises an incident that an operator can retry.</li>
 * </ul>
 * Workers using it are declared with {@code autoComplete = false}.
 */
public final class PartnerJobs {

  private static final Logger log = LoggerFactory.getLogger(PartnerJobs.class);

  private PartnerJobs() {}

  public static void run(JobClient client, ActivatedJob job, Duration faultBackoff, Supplier<Map<String, Object>> handler) {
    try {
      Map<String, Object> result = handler.get();
      client.newCompleteCommand(job.getKey()).variables(result).send().join();
    } catch (ZeebeBpmnError rejection) {
      log.info("job {} ({}) rejected by the partner: {}", job.getKey(), job.getType(), rejection.getErrorMessage());
      client.newThrowErrorCommand(job.getKey())
          .errorCode(rejection.getErrorCode())
          .errorMessage(rejection.getErrorMessage())
          .variables(rejection.getVariables() == null ? Map.of() : rejection.getVariables())
          .send().join();
    } catch (AwaitingPartner waiting) {
      client.newFailCommand(job.getKey())
          .retries(job.getRetries())
          .retryBackoff(waiting.pollAfter())
          .errorMessage(waiting.getMessage())
          .send().join();
    } catch (PartnerDataRejected | IllegalArgumentException bad) {
      log.error("job {} ({}): bad data, raising an incident: {}", job.getKey(), job.getType(), bad.getMessage());
      client.newFailCommand(job.getKey()).retries(0).errorMessage(bad.getMessage()).send().join();
    } catch (RuntimeException fault) {
      int retries = Math.max(job.getRetries() - 1, 0);
      Duration backoff = backoff(faultBackoff, job.getRetries());
      log.warn("job {} ({}) failed, {} retries left, next in {}: {}", job.getKey(), job.getType(), retries, backoff,
          fault.getMessage());
      client.newFailCommand(job.getKey())
          .retries(retries)
          .retryBackoff(backoff)
          .errorMessage(String.valueOf(fault.getMessage()))
          .send().join();
    }
  }

  /** Doubles the backoff as retries are used up (3 retries left: 1x, 2: 2x, 1: 4x). */
  static Duration backoff(Duration base, int retriesLeft) {
    int used = Math.max(0, 3 - Math.min(retriesLeft, 3));
    return base.multipliedBy(1L << used);
  }
}
