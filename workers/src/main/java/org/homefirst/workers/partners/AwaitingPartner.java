package org.homefirst.workers.partners;

import java.time.Duration;
import org.homefirst.workers.jobs.RetryLater;

/**
 * The partner has our referral but has not decided yet, and the job itself waits: it is handed
 * back to the engine with its retries untouched and comes back after {@code pollAfter} to ask
 * again. Only for partners that nearly always answer within the request (voluntary services in
 * triage); NELFT's and the councils' decisions come later by message ({@link PartnerDecisions}).
 */
public class AwaitingPartner extends RetryLater {

  public AwaitingPartner(String message, Duration pollAfter) {
    super(message, pollAfter);
  }

  public Duration pollAfter() {
    return after();
  }
}
