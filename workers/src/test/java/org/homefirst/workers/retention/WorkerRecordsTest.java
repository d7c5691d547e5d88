package org.homefirst.workers.retention;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.homefirst.workers.TestDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A referral past its retention leaves nothing behind in the workers' tables; others keep theirs. */
class WorkerRecordsTest {

  private final JdbcClient db = TestDatabase.jdbc();
  private final WorkerRecords records = new WorkerRecords(db);

  @Test
  void forgettingAReferralRemovesItsRowsFromEveryWorkersTableAndNoOtherReferrals() {
    UUID expired = UUID.randomUUID();
    UUID kept = UUID.randomUUID();
    rowsFor(expired);
    rowsFor(kept);

    Map<String, Integer> removed = records.forget(List.of(expired));

    assertThat(removed).containsOnlyKeys(WorkerRecords.TABLES);
    assertThat(removed.values()).allMatch(n -> n == 1);
    WorkerRecords.TABLES.forEach(table -> {
      assertThat(rows(table, expired)).as(table + " of the expired referral").isZero();
      assertThat(rows(table, kept)).as(table + " of another referral").isEqualTo(1);
    });
  }

  @Test
  void everyWorkersTableThatNamesAReferralIsForgotten() {
    List<String> withReferral = db.sql("""
            select table_name from information_schema.columns
            where table_schema = 'public' and column_name = 'referral_id' order by 1""")
        .query(String.class).list();

    assertThat(withReferral).as("hospital_request belongs to the application, which forgets it itself")
        .containsExactlyInAnyOrderElementsOf(concat(WorkerRecords.TABLES, "hospital_request"));
  }

  private static List<String> concat(List<String> tables, String more) {
    return java.util.stream.Stream.concat(tables.stream(), java.util.stream.Stream.of(more)).toList();
  }

  private int rows(String table, UUID referral) {
    return db.sql("select count(*) from " + table + " where referral_id = ?").param(referral).query(Integer.class)
        .single();
  }

  private void rowsFor(UUID referral) {
    OffsetDateTime now = OffsetDateTime.now();
    long job = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
    db.sql("""
            insert into partner_exchange (system, operation, correlation_id, referral_id, attempt, request_summary,
                                          outcome, duration_ms, at)
            values ('nelft', 'create-service-request', ?, ?, 1, 'create', 'ok', 12, ?)""")
        .params(UUID.randomUUID().toString(), referral, now).update();
    db.sql("""
            insert into partner_referral (system, operation, idempotency_key, job_key, referral_id, downstream_id,
                                          status, created_at, updated_at)
            values ('nelft', 'create-service-request', ?, ?, ?, ?, 'requested', ?, ?)""")
        .params("homefirst-job-" + job, job, referral, UUID.randomUUID().toString(), now, now).update();
    db.sql("""
            insert into partner_outbox (system, idempotency_key, referral_id, recipient, subject, body, created_at)
            values ('voluntary', ?, ?, 'referrals@example.org', 'Referral', 'A referral', ?)""")
        .params("homefirst-job-" + job, referral, now).update();
    db.sql("""
            insert into notification (job_key, referral_id, recipient, kind, channel, status, created_at)
            values (?, ?, 'gp', 'gp-discharge', 'gp-connect', 'SENT', ?)""")
        .params(job, referral, now).update();
    db.sql("insert into chc_commissioning (job_key, referral_id, kind, requested_at) values (?, ?, 'fnc', ?)")
        .params(job, referral, now).update();
  }
}
