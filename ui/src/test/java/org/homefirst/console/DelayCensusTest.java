package org.homefirst.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.homefirst.StackTest;
import org.homefirst.workers.cluster.OncePerCluster;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The daily census on fixtures computed by hand: who is delayed at midnight and with which reason
 * in force, a re-run replacing the day, and a catch-up after a gap. Census dates are years before
 * any other test's, and every assertion is about this test's own patients.
 */
class DelayCensusTest extends StackTest {

  @Autowired DelayCensus census;
  @Autowired TransactionTemplate tx;
  @Autowired OncePerCluster cluster;

  /** Row of the census as the assertions read it. */
  record Row(UUID referral, String provider, Integer pathway, String reason, String nationalCode, String attribution,
      String setting, int daysSinceReady) {}

  @Test
  void theCensusOfADayCountsThoseDelayedAtMidnightWithTheReasonInForceThen() {
    DelayFixtures f = new DelayFixtures(db);
    // Census date 15 March 2017 (GMT): its midnight is 2017-03-16T00:00Z.
    LocalDate day = LocalDate.of(2017, 3, 15);

    // Ready on the 10th, a reason recorded on the 12th, on pathway 1: delayed, 5 days since ready.
    UUID delayed = f.referral("lbh", "bhrut-kgh", "jad", null);
    f.readyChange(delayed, "2017-03-10T10:00:00Z", "2017-03-10T10:00:00Z");
    f.delay(delayed, "package-of-care", "social-care", "acute", "2017-03-12T09:00:00Z");
    f.pathwayVariable(delayed, "1");

    // Ready only the morning after midnight; and one never ready: neither is delayed.
    UUID notYetReady = f.referral("lbh", "bhrut-kgh", "jad", null);
    f.readyChange(notYetReady, "2017-03-16T09:00:00Z", "2017-03-15T12:00:00Z");
    UUID neverReady = f.referral("lbh", "bhrut-kgh", "jad", null);

    // Ready on the 10th, discharged on the afternoon of the 15th: gone by midnight.
    UUID discharged = f.referral("lbh", "bhrut-queens", "jad", null);
    f.readyChange(discharged, "2017-03-10T10:00:00Z", "2017-03-10T10:00:00Z");
    f.discharge(discharged, "2017-03-15T14:00:00Z", "2017-03-10T10:00:00Z", 0);

    // Ready on the 5th, discharged on the 6th (pathway 2), readmitted; criteria to reside met
    // again on the 8th (DRD cleared); ready again at 11:00 on the 14th: delayed, 1 day since the
    // restarted DRD, and the earlier discharge does not count against it.
    UUID restarted = f.referral("lbbd", "bhrut-queens", "jad", null);
    f.readyChange(restarted, "2017-03-05T10:00:00Z", "2017-03-05T10:00:00Z");
    f.discharge(restarted, "2017-03-06T12:00:00Z", "2017-03-05T10:00:00Z", 2);
    f.readyChange(restarted, null, "2017-03-08T10:00:00Z");
    f.readyChange(restarted, "2017-03-14T11:00:00Z", "2017-03-14T11:00:00Z");

    // Ready, then criteria to reside met again on the 15th: not delayed at midnight.
    UUID cleared = f.referral("lbr", "barts-whipps", "lbr-hospital-sw", null);
    f.readyChange(cleared, "2017-03-11T10:00:00Z", "2017-03-11T10:00:00Z");
    f.readyChange(cleared, null, "2017-03-15T16:00:00Z");

    // The reason changed during the day (the one recorded at 15:00 is in force at midnight, the
    // next morning's is not yet): care-home placement, non-acute, so the provider is NELFT.
    UUID reasonChanged = f.referral("lbr", "barts-whipps", "lbr-hospital-sw", null);
    f.readyChange(reasonChanged, "2017-03-01T10:00:00Z", "2017-03-01T10:00:00Z");
    f.delay(reasonChanged, "housing", "nhs", "acute", "2017-03-13T09:00:00Z");
    f.delay(reasonChanged, "care-home-placement", "social-care", "non-acute", "2017-03-15T15:00:00Z");
    f.delay(reasonChanged, "equipment", "both", "acute", "2017-03-16T08:00:00Z");

    // No DRD change rows: the referral's own DRD (13th) holds; no reason recorded, kept as null.
    UUID noReason = f.referral("lbr", "barts-whipps", "lbr-hospital-sw", Instant.parse("2017-03-13T09:00:00Z"));

    // Ready, but the referral was cancelled in the evening: not counted.
    UUID closed = f.referral("lbh", "bhrut-kgh", "jad", Instant.parse("2017-03-10T09:00:00Z"));
    f.close(closed, "CANCELLED", "2017-03-15T18:00:00Z");

    census.take(day);

    List<UUID> mine = List.of(delayed, notYetReady, neverReady, discharged, restarted, cleared, reasonChanged,
        noReason, closed);
    assertThat(rows(day, mine)).extracting(Row::referral, Row::provider, Row::pathway, Row::reason,
            Row::nationalCode, Row::attribution, Row::setting, Row::daysSinceReady)
        .containsExactlyInAnyOrder(
            tuple(delayed, "bhrut", 1, "package-of-care", "E", "social-care", "acute", 5),
            tuple(restarted, "bhrut", 2, null, null, null, null, 1),
            tuple(reasonChanged, "nelft", null, "care-home-placement", "D", "social-care", "non-acute", 14),
            tuple(noReason, "barts", null, null, null, null, null, 2));
  }

  @Test
  void reTakingADayReplacesItAndItsTally() {
    DelayFixtures f = new DelayFixtures(db);
    LocalDate day = LocalDate.of(2017, 4, 20);
    UUID a = f.referral("lbh", "bhrut-kgh", "jad", Instant.parse("2017-04-18T09:00:00Z"));
    UUID b = f.referral("lbh", "bhrut-kgh", "jad", Instant.parse("2017-04-19T09:00:00Z"));

    assertThat(census.take(day)).isGreaterThanOrEqualTo(2);
    // A reason recorded late on the day (21:00 BST = 20:00Z, before midnight): a re-run picks it up.
    f.delay(b, "housing", "nhs", "acute", "2017-04-20T20:00:00Z");
    census.take(day);
    census.take(day);

    assertThat(rows(day, List.of(a, b))).extracting(Row::referral, Row::reason, Row::daysSinceReady)
        .containsExactlyInAnyOrder(tuple(a, null, 2), tuple(b, "housing", 1));
    int censusRows = db.sql("select count(*) from delay_census where census_date = ?").param(day)
        .query(Integer.class).single();
    assertThat(db.sql("select sum(days) from delay_census_tally where census_date = ?").param(day)
        .query(Integer.class).single()).isEqualTo(censusRows);
    assertThat(db.sql("select patients from delay_census_taken where census_date = ?").param(day)
        .query(Integer.class).single()).isEqualTo(censusRows);
  }

  @Test
  void aNodeBackAfterAGapCatchesUpFromTheLastCensusToYesterday() {
    DelayFixtures f = new DelayFixtures(db);
    // Ready at 10:00 BST on 1 September 2019, never discharged.
    UUID waiting = f.referral("lbbd", "bhrut-queens", "jad", Instant.parse("2019-09-01T09:00:00Z"));
    census.take(LocalDate.of(2019, 9, 5));

    // The node comes back on the morning of the 10th: the 6th to the 9th are missing.
    DelayCensus back = at("2019-09-10T08:00:00Z", 120);
    DelayCensus.CatchUp caughtUp = back.catchUp();
    assertThat(caughtUp.taken()).containsExactly(LocalDate.of(2019, 9, 6), LocalDate.of(2019, 9, 7),
        LocalDate.of(2019, 9, 8), LocalDate.of(2019, 9, 9));
    assertThat(db.sql("""
            select census_date || ':' || days_since_ready from delay_census
            where referral_id = ? order by census_date""").param(waiting).query(String.class).list())
        .containsExactly("2019-09-05:4", "2019-09-06:5", "2019-09-07:6", "2019-09-08:7", "2019-09-09:8");

    assertThat(back.catchUp().taken()).as("nothing left to catch up").isEmpty();
  }

  @Test
  void aCatchUpGoesBackAtMostTheConfiguredNumberOfDays() {
    // Nothing was ever taken this early: three days back, no more.
    assertThat(at("2005-06-01T08:00:00Z", 3).catchUp().taken())
        .containsExactly(LocalDate.of(2005, 5, 29), LocalDate.of(2005, 5, 30), LocalDate.of(2005, 5, 31));
  }

  @Test
  void censusRowsWrittenElsewhereAreRolledUpForTheMeasures() {
    DelayFixtures f = new DelayFixtures(db);
    UUID generated = f.referral("lbr", "barts-whipps", "lbr-hospital-sw", null);
    f.censusDays(generated, LocalDate.of(2004, 2, 1), LocalDate.of(2004, 2, 3), "tta", "nhs", "acute");

    DelayCensus.CatchUp caughtUp = at("2004-02-05T08:00:00Z", 1).catchUp();
    assertThat(caughtUp.tallied()).contains(LocalDate.of(2004, 2, 1), LocalDate.of(2004, 2, 2),
        LocalDate.of(2004, 2, 3));
    assertThat(db.sql("""
            select sum(days) from delay_census_tally
            where census_date between date '2004-02-01' and date '2004-02-03' and reason = 'tta'""")
        .query(Integer.class).single()).isEqualTo(3);
  }

  private DelayCensus at(String instant, int backfillDays) {
    return new DelayCensus(db, tx, Clock.fixed(Instant.parse(instant), ZoneOffset.UTC), cluster, backfillDays);
  }

  private List<Row> rows(LocalDate day, List<UUID> referrals) {
    return db.sql("""
            select referral_id, provider, pathway, reason, national_code, attribution, setting, days_since_ready
            from delay_census where census_date = ? and referral_id = any(?)""")
        .params(day, referrals.toArray(UUID[]::new))
        .query((rs, n) -> new Row(rs.getObject(1, UUID.class), rs.getString(2), (Integer) rs.getObject(3),
            rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getInt(8)))
        .list();
  }
}
