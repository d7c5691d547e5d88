package org.homefirst.workers.ward;

import io.camunda.zeebe.client.api.response.ActivatedJob;
import io.camunda.zeebe.spring.client.annotation.JobWorker;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Tells the referring ward the outcome of triage ({@code homefirst.notifications.notify-ward}).
 * Keyed by job: a retried job finds the notice it already sent and sends no second one.
 */
@Component
public class WardTriageNotice {

  record Variables(String referralId, String ward, String hospital, Integer triagePathway) {}

  private final JdbcClient db;
  private final Clock clock;

  WardTriageNotice(JdbcClient db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  @JobWorker(type = "homefirst.notifications.notify-ward", autoComplete = true)
  public Map<String, Object> notifyWard(ActivatedJob job) {
    Map<String, Object> vars = job.getVariablesAsMap();
    Variables v =
        new Variables(
            (String) vars.get("referralId"),
            (String) vars.get("ward"),
            (String) vars.get("hospital"),
            vars.get("triagePathway") instanceof Number n ? n.intValue() : null);
    if (v.referralId() == null || v.ward() == null) {
      throw new IllegalArgumentException("notify-ward needs referralId and ward");
    }
    String message =
        v.triagePathway() == null
            ? "Referral triaged"
            : "Referral triaged to pathway " + v.triagePathway();
    db.sql(
            """
            insert into ward_notification (referral_id, job_key, ward, hospital, message, sent_at)
            values (?, ?, ?, ?, ?, ?) on conflict (job_key) do nothing""")
        .params(UUID.fromString(v.referralId()), job.getKey(), v.ward(), v.hospital(), message, Timestamp.from(clock.instant()))
        .update();
    Timestamp sentAt =
        db.sql("select sent_at from ward_notification where job_key = ?").param(job.getKey()).query(Timestamp.class).single();
    return Map.of("wardNotifiedAt", sentAt.toInstant().toString());
  }
}
