package org.homefirst.workers.journey;

import io.camunda.zeebe.client.api.response.ActivatedJob;
import io.camunda.zeebe.spring.client.annotation.JobWorker;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * {@code homefirst.journey.cancel-service-requests}: when the patient declines support, every
 * request of the referral still open with the hospital's services (TTA, transport, equipment) is
 * marked cancelled, by this job. A retried job finds the requests it already cancelled and
 * changes nothing (returns {@code cancelledServiceRequests}, the number it cancelled).
 */
@Component
public class ServiceRequestCancellation {

  private final JdbcClient db;
  private final Clock clock;

  ServiceRequestCancellation(JdbcClient db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  @JobWorker(type = "homefirst.journey.cancel-service-requests")
  public Map<String, Object> cancel(ActivatedJob job) {
    Object referralId = job.getVariablesAsMap().get("referralId");
    if (referralId == null) {
      throw new IllegalArgumentException("cancel-service-requests needs referralId");
    }
    UUID referral = UUID.fromString(referralId.toString());
    int done = cancelledBy(job.getKey());
    if (done > 0) {
      return Map.of("cancelledServiceRequests", done);
    }
    db.sql("""
            update hospital_request set cancelled_at = ?, cancelled_by_job = ?
            where referral_id = ? and cancelled_at is null""")
        .params(Timestamp.from(clock.instant()), job.getKey(), referral)
        .update();
    return Map.of("cancelledServiceRequests", cancelledBy(job.getKey()));
  }

  private int cancelledBy(long jobKey) {
    return db.sql("select count(*) from hospital_request where cancelled_by_job = ?")
        .param(jobKey).query(Integer.class).single();
  }
}
