package org.homefirst.workers.partners;

/** The idempotency key every outbound request of a job carries: stable across retries of the job. */
public final class Idempotency {

  public static final String HEADER = "Idempotency-Key";

  private Idempotency() {}

  public static String key(long jobKey) {
    return "homefirst-job-" + jobKey;
  }

  /**
   * The key of a job's call withdrawing one referral: derived from the withdrawing job (so its
   * retries repeat it) and from the referral (one job withdraws several), never the key that
   * created the referral, which the partner already holds for the create call.
   */
  public static String withdrawal(long jobKey, PartnerReferrals.PartnerReferral referral) {
    return key(jobKey) + "-withdraw-" + referral.jobKey();
  }
}
