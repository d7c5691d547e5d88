package org.homefirst.workers.chc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import org.homefirst.workers.TestDatabase;
import org.homefirst.workers.TestJob;
import org.homefirst.workers.jobs.Job;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Commissioning requests for the ICB's CHC team, on PostgreSQL. */
class ChcCommissioningTest {

  private final JdbcClient db = TestDatabase.jdbc();
  private final ChcCommissioning worker =
      new ChcCommissioning(db, Clock.fixed(Instant.parse("2026-11-23T12:00:00Z"), ZoneOffset.UTC));

  @Test
  void aPlacementIsCommissionedInTheCareHomeChosen() {
    UUID referral = UUID.randomUUID();
    Job job = TestJob.of("homefirst.chc.commission-placement", Map.of("referralId", referral.toString(),
        "chcOutcome", "chc-eligible", "careHomeChoice", "Oak Lodge Nursing Home", "borough", "lbr"));

    Map<String, Object> result = TestJob.run(worker, job);

    assertThat(result).containsOnlyKeys("chcCommissioningId");
    assertThat(row((Long) result.get("chcCommissioningId")))
        .isEqualTo(referral + " placement chc-eligible Oak Lodge Nursing Home lbr REQUESTED");
  }

  @Test
  void theSameJobRetriedCommissionsOnce() {
    UUID referral = UUID.randomUUID();
    Job job = TestJob.of("homefirst.chc.commission-fast-track-care",
        Map.of("referralId", referral.toString(), "chcOutcome", "chc-eligible"));

    Object first = TestJob.run(worker, job).get("chcCommissioningId");
    Object again = TestJob.run(worker, job).get("chcCommissioningId");

    assertThat(again).isEqualTo(first);
    assertThat(db.sql("select count(*) from chc_commissioning where referral_id = ?").param(referral)
        .query(Integer.class).single()).isEqualTo(1);
  }

  @Test
  void nhsFundedNursingCareIsArranged() {
    UUID referral = UUID.randomUUID();
    Job job = TestJob.of("homefirst.chc.arrange-fnc", Map.of("referralId", referral.toString(), "chcOutcome", "fnc",
        "careHomeChoice", "Elm House", "borough", "lbbd"));

    long id = (Long) TestJob.run(worker, job).get("chcCommissioningId");

    assertThat(row(id)).isEqualTo(referral + " fnc fnc Elm House lbbd REQUESTED");
  }

  @Test
  void aPlacementWithoutACareHomeChoiceIsRefused() {
    UUID referral = UUID.randomUUID();
    Job job = TestJob.of("homefirst.chc.commission-placement",
        Map.of("referralId", referral.toString(), "chcOutcome", "chc-eligible"));

    assertThatThrownBy(() -> TestJob.run(worker, job)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("careHomeChoice");
    assertThat(db.sql("select count(*) from chc_commissioning where referral_id = ?").param(referral)
        .query(Integer.class).single()).isZero();
  }

  private String row(long id) {
    return db.sql("""
            select referral_id || ' ' || kind || ' ' || coalesce(chc_outcome, '-') || ' ' || coalesce(care_home_choice, '-')
                   || ' ' || coalesce(borough, '-') || ' ' || status
            from chc_commissioning where id = ?""")
        .param(id).query(String.class).single();
  }
}
