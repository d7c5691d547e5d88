package org.homefirst.workers.journey;

import io.camunda.zeebe.client.api.response.ActivatedJob;
import io.camunda.zeebe.client.api.worker.JobClient;
import io.camunda.zeebe.spring.client.annotation.JobWorker;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.homefirst.workers.partners.PartnerJobs;
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
 * its retries are used up, see {@link PartnerJobs}) and its retry withdraws only what is left. A
 * retried job changes nothing it already did and returns the same counts,
 * {@code cancelledServiceRequests} and {@code withdrawnPartnerReferrals}.
 */
@Component
@EnableConfigurationProperties(WithdrawalProperties.class)
public class ServiceRequestCancellation {

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

  @JobWorker(type = JOB_TYPE, autoComplete = false, fetchVariables = {"referralId", "withdrawalReason"})
  public void cancel(JobClient client, ActivatedJob job) {
    PartnerJobs.run(client, job, jobBackoff, () -> handle(job));
  }

  /** Cancels and withdraws, and returns the job's result variables. */
  Map<String, Object> handle(ActivatedJob job) {
    Object referralId = job.getVariablesAsMap().get("referralId");
    if (referralId == null) {
      throw new IllegalArgumentException(JOB_TYPE + " needs referralId");
    }
    UUID referral = UUID.fromString(referralId.toString());
    if (cancelledBy(job.getKey()) == 0) {
      db.sql("""
              update hospital_request set cancelled_at = ?, cancelled_by_job = ?
              where referral_id = ? and cancelled_at is null""")
          .params(Timestamp.from(clock.instant()), job.getKey(), referral)
          .update();
    }
    // The model says why (a decline or a death); partners are told that reason.
    Object given = job.getVariablesAsMap().get("withdrawalReason");
    String reason = given instanceof String text && !text.isBlank() ? text : REASON;
    int withdrawn = withdrawals.withdrawAll(referral, reason, job.getKey());
    return Map.of("cancelledServiceRequests", cancelledBy(job.getKey()), "withdrawnPartnerReferrals", withdrawn);
  }

  private int cancelledBy(long jobKey) {
    return db.sql("select count(*) from hospital_request where cancelled_by_job = ?")
        .param(jobKey).query(Integer.class).single();
  }
}
