package org.homefirst.workers.notifications;

/**
 * The GP endpoint did not take the document: unreachable, too slow, failing, or it refused it.
 * Thrown out of the job handler, so the engine retries the job and raises an incident when its
 * retries run out.
 */
public class GpDeliveryFailed extends RuntimeException {

  private final int attempts;
  private final Integer responseCode;

  GpDeliveryFailed(String message, int attempts, Integer responseCode, Throwable cause) {
    super(message, cause);
    this.attempts = attempts;
    this.responseCode = responseCode;
  }

  /** Calls made before giving up. */
  public int attempts() {
    return attempts;
  }

  /** Last HTTP status, or null when no answer came. */
  public Integer responseCode() {
    return responseCode;
  }
}
