package org.homefirst.workers.hospital;

import io.camunda.zeebe.client.api.response.ActivatedJob;
import io.camunda.zeebe.spring.client.annotation.JobWorker;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Requests to the acute trust's own services (pharmacy for to-take-away medicines, patient
 * transport, equipment): recorded for the hospital teams, who have no system of theirs connected
 * yet. One row per job, so a retried job never makes a second request.
 */
@Component
public class HospitalRequests {

  private final JdbcClient db;
  private final Clock clock;

  HospitalRequests(JdbcClient db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  @JobWorker(type = "homefirst.pharmacy.request-tta")
  public Map<String, Object> requestTta(ActivatedJob job) {
    return record(job, "tta", "To-take-away medicines for discharge");
  }

  @JobWorker(type = "homefirst.transport.book-transport")
  public Map<String, Object> bookTransport(ActivatedJob job) {
    return record(job, "transport", "Transport home on discharge");
  }

  @JobWorker(type = "homefirst.equipment.order-equipment")
  public Map<String, Object> orderEquipment(ActivatedJob job) {
    return record(job, "equipment", "Equipment for home");
  }

  private Map<String, Object> record(ActivatedJob job, String kind, String what) {
    Object referralId = job.getVariablesAsMap().get("referralId");
    if (referralId == null) {
      throw new IllegalArgumentException(kind + " request needs referralId");
    }
    Object ward = job.getVariablesAsMap().get("ward");
    db.sql(
            """
            insert into hospital_request (job_key, referral_id, kind, description, ward, requested_at)
            values (?, ?, ?, ?, ?, ?) on conflict (job_key) do nothing""")
        .params(job.getKey(), UUID.fromString(referralId.toString()), kind, what, ward == null ? null : ward.toString(),
            Timestamp.from(clock.instant()))
        .update();
    long id =
        db.sql("select id from hospital_request where job_key = ?").param(job.getKey()).query(Long.class).single();
    return Map.of(kind + "RequestId", id);
  }
}
