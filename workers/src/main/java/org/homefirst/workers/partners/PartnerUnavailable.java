package org.homefirst.workers.partners;

/**
 * A partner system could not be reached in time, or kept answering with a server error, after
 * the adapter's own retries. A fault, not a decision: the job fails with its retries and backoff
 * and, when those run out, becomes an incident an operator can retry.
 */
public class PartnerUnavailable extends RuntimeException {

  private final Integer lastStatus;

  public PartnerUnavailable(String message, Integer lastStatus, Throwable cause) {
    super(message, cause);
    this.lastStatus = lastStatus;
  }

  /** Last HTTP status, or null when no answer came at all. */
  public Integer lastStatus() {
    return lastStatus;
  }
}
