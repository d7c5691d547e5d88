package org.homefirst.workers.journey;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.homefirst.workers.jobs.Job;
import org.homefirst.workers.jobs.JobOutcomes;
import org.homefirst.workers.jobs.JobTopics;
import org.homefirst.workers.jobs.JobWorker;
import org.homefirst.workers.withdrawal.ReferralWithdrawals;
import org.homefirst.workers.withdrawal.WithdrawalProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * {@code homefirst.journey.cancel-service-requests}: when the patient declines support, every
 * request of the referral still open with the hospital's services (TTA, transport, equipment) is
 * marked cancelled by this job, and every referral partners still hold open (NELFT, councils,
 * voluntary services) is withdrawn through {@link ReferralWithdrawals}. The hospital requests go
 * first and stay cancelled when a partner is down: the job fails with backoff (an incident once
 * its retries are used up, see {@link JobOutcomes}) and its retry withdraws only what is left. A
 * retried job changes nothing it already did and returns the same counts,
 * {@code cancelledServiceRequests} and {@code withdrawnPartnerReferrals}.
 */
@Component
@EnableConfigurationProperties(WithdrawalProperties.class)
public class ServiceRequestCancellation implements JobTopics {

  public static final String JOB_TYPE = "homefirst.journey.cancel-service-requests";

  /** What partners are told when the model gives no {@code withdrawalReason}. */
  static final String REASON = "Patient declined support";

  private final JdbcClient db;
  private final Clock clock;
  private final ReferralWithdrawals withdrawals;
  private final Duration jobBackoff;

  ServiceRequestCancellation(JdbcClient db, Clock clock, ReferralWithdrawals withdrawals,
      WithdrawalProperties properties) {
    this.db = db;
    this.clock = clock;
    this.withdrawals = withdrawals;
    this.jobBackoff = properties.jobBackoff();
  }

  @Override
  public List<JobWorker> jobWorkers() {
    return List.of(JobWorker.of(JOB_TYPE, List.of("referralId", "withdrawalReason"), jobBackoff, this::handle));
  }

  /** Cancels and withdraws, and returns the job's result variables. */
  Map<String, Object> handle(Job job) {
    Object referralId = job.variable("referralId");
    if (referralId == null) {
      throw new IllegalArgumentException(JOB_TYPE + " needs referralId");
    }
    UUID referral = UUID.fromString(referralId.toString());
    if (cancelledBy(job.key()) == 0) {
      db.sql("""
              update hospital_request set cancelled_at = ?, cancelled_by_job = ?
              where referral_id = ? and cancelled_at is null""")
          .params(Timestamp.from(clock.instant()), job.key(), referral)
          .update();
    }
    // The model says why (a decline or a death); partners are told that reason.
    Object given = job.variable("withdrawalReason");
    String reason = given instanceof String text && !text.isBlank() ? text : REASON;
    int withdrawn = withdrawals.withdrawAll(referral, reason, job.key());
    return Map.of("cancelledServiceRequests", cancelledBy(job.key()), "withdrawnPartnerReferrals", withdrawn);
  }

  private int cancelledBy(long jobKey) {
    return db.sql("select count(*) from hospital_request where cancelled_by_job = ?")
        .param(jobKey).query(Integer.class).single();
  }
}
