package org.homefirst.workers.jobs;

/**
 * A fault that a retry would only repeat (bad data from a partner): the job goes to an incident at
 * once, with this message for the operator. {@link IllegalArgumentException} (bad variables from
 * the model) is treated the same way.
 */
public class NotRetryable extends RuntimeException {

  public NotRetryable(String message) {
    super(message);
  }

  public NotRetryable(String message, Throwable cause) {
    super(message, cause);
  }
}
