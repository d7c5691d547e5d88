package org.homefirst.workers.chc;

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
 * Care the ICB commissions once CHC has decided: Fast Track care
 * ({@code homefirst.chc.commission-fast-track-care}), a CHC-funded placement in the care home the
 * person chose ({@code homefirst.chc.commission-placement}) and NHS-funded nursing care
 * ({@code homefirst.chc.arrange-fnc}). The ICB's CHC team works in Home First (team {@code chc}),
 * so the request is a row for them; one per job, so a retried job never commissions twice.
 * Returns {@code chcCommissioningId}.
 */
@Component
public class ChcCommissioning implements JobTopics {

  private static final List<String> VARIABLES = List.of("referralId", "careHomeChoice", "chcOutcome", "borough");

  private final JdbcClient db;
  private final Clock clock;

  ChcCommissioning(JdbcClient db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  @Override
  public List<JobWorker> jobWorkers() {
    return List.of(
        JobWorker.of("homefirst.chc.commission-fast-track-care", VARIABLES, JobWorker.BACKOFF,
            job -> commission(job, "fast-track-care", false)),
        JobWorker.of("homefirst.chc.commission-placement", VARIABLES, JobWorker.BACKOFF,
            job -> commission(job, "placement", true)),
        JobWorker.of("homefirst.chc.arrange-fnc", VARIABLES, JobWorker.BACKOFF, job -> commission(job, "fnc", false)));
  }

  Map<String, Object> commission(Job job, String kind, boolean needsCareHome) {
    Map<String, Object> vars = job.variables();
    Object referralId = vars.get("referralId");
    if (referralId == null) {
      throw new IllegalArgumentException("CHC " + kind + " needs referralId");
    }
    String careHomeChoice = text(vars.get("careHomeChoice"));
    if (needsCareHome && (careHomeChoice == null || careHomeChoice.isBlank())) {
      throw new IllegalArgumentException("CHC placement needs careHomeChoice");
    }
    db.sql("""
            insert into chc_commissioning (job_key, referral_id, kind, chc_outcome, care_home_choice, borough, requested_at)
            values (?, ?, ?, ?, ?, ?, ?) on conflict (job_key) do nothing""")
        .params(job.key(), UUID.fromString(referralId.toString()), kind, text(vars.get("chcOutcome")), careHomeChoice,
            text(vars.get("borough")), Timestamp.from(clock.instant()))
        .update();
    long id = db.sql("select id from chc_commissioning where job_key = ?").param(job.key()).query(Long.class).single();
    return Map.of("chcCommissioningId", id);
  }

  private static String text(Object value) {
    return value == null ? null : value.toString();
  }
}
