package org.homefirst.workers.notify;

/**
 * GOV.UK Notify refused a request (4xx): our credentials (401/403, {@link #credentials()}: a wrong,
 * revoked or mistyped API key, or a clock more than 30 s off), or the message itself (400: an
 * address Notify will not send to, an unknown template, a trial-mode service), which no retry
 * will change.
 */
class NotifyRefused extends RuntimeException {

  private final int status;

  NotifyRefused(String message, int status) {
    super(message);
    this.status = status;
  }

  int status() {
    return status;
  }

  boolean credentials() {
    return status == 401 || status == 403;
  }
}
