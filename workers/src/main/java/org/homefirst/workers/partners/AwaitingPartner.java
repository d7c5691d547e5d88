package org.homefirst.workers.partners;

import java.time.Duration;

/**
 * The partner has our referral but has not decided yet. The job is handed back to the engine
 * with its retries untouched and comes back after {@code pollAfter} to ask again (polling through
 * the engine: nothing to lose on a restart, nothing listening for inbound calls).
 */
public class AwaitingPartner extends RuntimeException {

  private final Duration pollAfter;

  public AwaitingPartner(String message, Duration pollAfter) {
    super(message, null, false, false);
    this.pollAfter = pollAfter;
  }

  public Duration pollAfter() {
    return pollAfter;
  }
}
