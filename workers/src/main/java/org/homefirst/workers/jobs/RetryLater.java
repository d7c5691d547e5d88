package org.homefirst.workers.jobs;

import java.time.Duration;

/**
 * Not a fault, not done yet: the job goes back to the engine with its retries untouched and is
 * offered again after {@code after} (a partner still triaging our request).
 */
public class RetryLater extends RuntimeException {

  private final Duration after;

  public RetryLater(String message, Duration after) {
    super(message, null, false, false);
    this.after = after;
  }

  public Duration after() {
    return after;
  }
}
