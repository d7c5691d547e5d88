package org.homefirst.workers.hospital;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.homefirst.workers.jobs.Job;
import org.homefirst.workers.jobs.JobTopics;
import org.homefirst.workers.jobs.JobWorker;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Requests to the acute trust's own services (pharmacy for to-take-away medicines, patient
 * transport, equipment): recorded for the hospital teams, who have no system of theirs connected
 * yet. One row per job, so a retried job never makes a second request.
 */
@Component
public class HospitalRequests implements JobTopics {

  private static final List<String> VARIABLES = List.of("referralId", "ward");

  private final JdbcClient db;
  private final Clock clock;

  HospitalRequests(JdbcClient db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  @Override
  public List<JobWorker> jobWorkers() {
    return List.of(
        JobWorker.of("homefirst.pharmacy.request-tta", VARIABLES, JobWorker.BACKOFF,
            job -> record(job, "tta", "To-take-away medicines for discharge")),
        JobWorker.of("homefirst.transport.book-transport", VARIABLES, JobWorker.BACKOFF,
            job -> record(job, "transport", "Transport home on discharge")),
        JobWorker.of("homefirst.equipment.order-equipment", VARIABLES, JobWorker.BACKOFF,
            job -> record(job, "equipment", "Equipment for home")));
  }

  Map<String, Object> record(Job job, String kind, String what) {
    Object referralId = job.variable("referralId");
    if (referralId == null) {
      throw new IllegalArgumentException(kind + " request needs referralId");
    }
    Object ward = job.variable("ward");
    db.sql(
            """
            insert into hospital_request (job_key, referral_id, kind, description, ward, requested_at)
            values (?, ?, ?, ?, ?, ?) on conflict (job_key) do nothing""")
        .params(job.key(), UUID.fromString(referralId.toString()), kind, what, ward == null ? null : ward.toString(),
            Timestamp.from(clock.instant()))
        .update();
    long id =
        db.sql("select id from hospital_request where job_key = ?").param(job.key()).query(Long.class).single();
    return Map.of(kind + "RequestId", id);
  }
}
