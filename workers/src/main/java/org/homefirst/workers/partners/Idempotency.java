package org.homefirst.workers.partners;

/** The idempotency key every outbound request of a job carries: stable across retries of the job. */
public final class Idempotency {

  public static final String HEADER = "Idempotency-Key";

  private Idempotency() {}

  public static String key(long jobKey) {
    return "homefirst-job-" + jobKey;
  }
}
