package org.homefirst.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.homefirst.StackTest;
import org.homefirst.console.SlaPerformance.Filter;
import org.homefirst.console.SlaPerformance.RuleFigures;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The monthly count of ended clocks (sla_clock_month, V67) and the ended clocks themselves
 * (sla_clock_outcome, V74) agree with the clocks whatever happens to them (inserted ended, ended
 * later, breached after, moved, deleted, cancelled), and the long periods read from the monthly
 * count give the clocks' own counts, with p50/p90 within the width of their duration bucket (V75).
 */
class SlaClockMonthTest extends StackTest {

  @Autowired SlaPerformance slas;

  private final String team = "test-slamonth-" + ThreadLocalRandom.current().nextInt(1_000_000);

  @Test
  void theMonthlyCountFollowsEveryChangeOfTheClocks() {
    Instant start = Instant.parse("2012-01-31T23:30:00Z");
    for (int i = 0; i < 40; i++) {
      clock(start.plus(Duration.ofHours(i * 7)), Duration.ofMinutes(90 + 37L * i), i % 5 == 0);
    }
    long open = clock(start, null, false);
    long moved = clock(start.plus(Duration.ofDays(40)), Duration.ofHours(3), false);
    long gone = clock(start.plus(Duration.ofDays(41)), Duration.ofHours(30), true);
    assertConsistent();

    db.sql("update sla_clock set ended_at = started_at + interval '26 hours' where timer_key = ?").param(open)
        .update();
    db.sql("update sla_clock set breached_at = due_at, ended_at = started_at + interval '50 hours', team = ?"
        + " where timer_key = ?").params(team + "-b", moved).update();
    db.sql("update sla_clock set team = ? where timer_key = ?").params(team, moved).update();
    db.sql("delete from sla_clock where timer_key = ?").param(gone).update();
    assertConsistent();

    long cancelled = clock(start.plus(Duration.ofDays(42)), Duration.ofHours(2), false);
    long cancelledLate = clock(start.plus(Duration.ofDays(43)), Duration.ofHours(30), true);
    db.sql("update sla_clock set canceled = true where timer_key in (?, ?)").params(cancelled, cancelledLate)
        .update();
    assertConsistent();
  }

  @Test
  void aClockStoppedByCancelledWorkCountsOnlyIfItHadBreached() {
    Instant start = Instant.parse("2019-05-06T08:00:00Z");
    clock(start, Duration.ofHours(3), false);
    long cancelled = clock(start.plus(Duration.ofDays(1)), Duration.ofHours(1), false);
    long cancelledLate = clock(start.plus(Duration.ofDays(2)), Duration.ofHours(40), true);
    db.sql("update sla_clock set canceled = true where timer_key in (?, ?)").params(cancelled, cancelledLate)
        .update();
    Instant now = Instant.parse("2020-01-01T00:00:00Z");

    for (Filter period : List.of(new Filter(LocalDate.of(2019, 5, 1), LocalDate.of(2019, 5, 31), team, null, null),
        new Filter(LocalDate.of(2019, 1, 1), LocalDate.of(2019, 12, 31), team, null, null))) {
      RuleFigures triage = slas.rules(period, now).get(0);
      assertThat(triage.ended()).as(period.toString()).isEqualTo(2);
      assertThat(triage.met()).as(period.toString()).isEqualTo(1);
      assertThat(triage.breaches()).as(period.toString()).isEqualTo(1);
    }
  }

  @Test
  void longPeriodsGiveTheClocksCountsAndPercentilesWithinTheHour() {
    Instant start = Instant.parse("2016-01-10T08:00:00Z");
    for (int i = 0; i < 300; i++) {
      clock(start.plus(Duration.ofHours(i * 29)), Duration.ofMinutes(30 + (i * 7919L) % 3000), i % 9 == 0);
    }
    Filter year = new Filter(LocalDate.of(2016, 1, 15), LocalDate.of(2016, 12, 20), team, null, null);
    Instant now = Instant.parse("2017-01-01T00:00:00Z");

    RuleFigures fromBuckets = slas.rules(year, now).get(0);
    Map<String, Object> exact = db.sql("""
            select count(*) as ended, count(*) filter (where ended_at <= due_at) as met,
                   count(*) filter (where ended_at > due_at or breached_at is not null) as breaches,
                   percentile_cont(0.5) within group (order by extract(epoch from ended_at - started_at)) / 3600 as p50,
                   percentile_cont(0.9) within group (order by extract(epoch from ended_at - started_at)) / 3600 as p90
            from sla_clock where team = ? and rule = 'triage' and ended_at >= ? and ended_at < ?""")
        .params(team, Timestamp.from(year.start()), Timestamp.from(year.end())).query().singleRow();

    assertThat(year.to().toEpochDay() - year.from().toEpochDay()).isGreaterThan(SlaPerformance.EXACT_DAYS);
    assertThat(fromBuckets.ended()).isEqualTo(((Number) exact.get("ended")).intValue()).isGreaterThan(200);
    assertThat(fromBuckets.met()).isEqualTo(((Number) exact.get("met")).intValue());
    assertThat(fromBuckets.breaches()).isEqualTo(((Number) exact.get("breaches")).intValue());
    assertThat(fromBuckets.p50Hours()).isCloseTo(((Number) exact.get("p50")).doubleValue(), within(1.0));
    assertThat(fromBuckets.p90Hours()).isCloseTo(((Number) exact.get("p90")).doubleValue(), within(1.0));
  }

  @Test
  void bucketsWidenWithTheDurationAndLongClocksStayWithinTheirWidth() {
    assertThat(db.sql("""
            select array[sla_duration_bucket(47.99 * 3600), sla_duration_bucket(48 * 3600),
                         sla_duration_bucket(53.99 * 3600), sla_duration_bucket(54 * 3600),
                         sla_duration_bucket(479.99 * 3600), sla_duration_bucket(480 * 3600),
                         sla_duration_bucket(503.99 * 3600), sla_duration_bucket(504 * 3600)]""")
        .query((rs, n) -> (Integer[]) rs.getArray(1).getArray()).single())
        .containsExactly(47, 48, 48, 54, 474, 480, 480, 504);

    Instant start = Instant.parse("2017-02-10T08:00:00Z");
    for (int i = 0; i < 200; i++) {
      clock(start.plus(Duration.ofHours(i * 37)), Duration.ofMinutes(60 * 60 + (i * 7919L) % (900 * 60)), i % 4 == 0);
    }
    Filter year = new Filter(LocalDate.of(2017, 1, 1), LocalDate.of(2018, 6, 30), team, null, null);
    RuleFigures fromBuckets = slas.rules(year, Instant.parse("2018-07-01T00:00:00Z")).get(0);
    Map<String, Object> exact = db.sql("""
            select count(*) as ended,
                   percentile_cont(0.5) within group (order by extract(epoch from ended_at - started_at)) / 3600 as p50,
                   percentile_cont(0.9) within group (order by extract(epoch from ended_at - started_at)) / 3600 as p90
            from sla_clock where team = ? and ended_at >= ? and ended_at < ?""")
        .params(team, Timestamp.from(year.start()), Timestamp.from(year.end())).query().singleRow();

    assertThat(fromBuckets.ended()).isEqualTo(((Number) exact.get("ended")).intValue()).isEqualTo(200);
    assertThat(fromBuckets.p50Hours()).isCloseTo(((Number) exact.get("p50")).doubleValue(), within(24.0));
    assertThat(fromBuckets.p90Hours()).isCloseTo(((Number) exact.get("p90")).doubleValue(), within(24.0));
  }

  @Test
  void aMonthWhoseClocksWereAllTakenBackStillAnswers() {
    Instant start = Instant.parse("2018-03-05T08:00:00Z");
    long only = clock(start, Duration.ofHours(5), false);
    clock(start.plus(Duration.ofDays(60)), Duration.ofHours(7), false);
    // Its bucket counted down to a row of zeros: reopened, as a retried projection may do.
    db.sql("update sla_clock set ended_at = null where timer_key = ?").param(only).update();
    Filter year = new Filter(LocalDate.of(2018, 1, 1), LocalDate.of(2018, 12, 31), team, null, null);

    RuleFigures triage = slas.rules(year, Instant.parse("2019-01-01T00:00:00Z")).get(0);
    List<SlaPerformance.MonthFigures> march = slas.trend(year).stream()
        .filter(m -> m.rule().equals("triage") && m.month().getMonthValue() == 3).toList();

    assertThat(triage.ended()).isEqualTo(1);
    assertThat(triage.p50Hours()).isCloseTo(7.0, within(0.01));
    assertThat(march).singleElement().satisfies(m -> {
      assertThat(m.ended()).isZero();
      assertThat(m.p50Hours()).isNull();
    });
  }

  /** The team's rows of the monthly count equal the same count made from its clocks now. */
  private void assertConsistent() {
    String fromClocks = """
        select date_trunc('month', ended_at at time zone 'Europe/London')::date as month, rule, team, borough,
               hospital, sla_duration_bucket(extract(epoch from ended_at - started_at)) as hours, count(*) as clocks,
               count(*) filter (where ended_at <= due_at) as met,
               count(*) filter (where ended_at > due_at or breached_at is not null) as breached,
               round(sum(extract(epoch from ended_at - started_at))) as seconds
        from sla_clock where team like ? and ended_at is not null and (not canceled or breached_at is not null)
        group by 1, 2, 3, 4, 5, 6 order by 1, 2, 3, 6""";
    String fromMonthly = """
        select month, rule, team, borough, hospital, hours, clocks, met, breached, round(seconds::numeric) as seconds
        from sla_clock_month where team like ? and clocks <> 0 order by 1, 2, 3, 6""";
    List<Map<String, Object>> expected = db.sql(fromClocks).param(team + "%").query().listOfRows();
    assertThat(expected).isNotEmpty();
    assertThat(db.sql(fromMonthly).param(team + "%").query().listOfRows()).hasToString(expected.toString());

    String endedClocks = """
        select timer_key, ended_at, rule, team, borough, hospital,
               extract(epoch from ended_at - started_at)::double precision as seconds,
               ended_at <= due_at as met, ended_at > due_at or breached_at is not null as breached
        from sla_clock where team like ? and ended_at is not null and (not canceled or breached_at is not null)
        order by 1""";
    String outcomes = """
        select timer_key, ended_at, rule, team, borough, hospital, seconds, met, breached
        from sla_clock_outcome where team like ? order by 1""";
    List<Map<String, Object>> ended = db.sql(endedClocks).param(team + "%").query().listOfRows();
    assertThat(ended).isNotEmpty();
    assertThat(db.sql(outcomes).param(team + "%").query().listOfRows()).hasToString(ended.toString());
  }

  private long clock(Instant started, Duration ran, boolean breached) {
    long key = -ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
    db.sql("""
            insert into sla_clock (timer_key, root_instance_key, instance_key, rule, timer_element_id, team, borough,
              hospital, started_at, due_at, breached_at, ended_at)
            values (?, ?, ?, 'triage', 'Timer_X', ?, 'lbh', 'bhrut-kgh', ?, ?, ?, ?)""")
        .params(key, key, key, team, Timestamp.from(started), Timestamp.from(started.plus(Duration.ofHours(24))),
            breached ? Timestamp.from(started.plus(Duration.ofHours(24))) : null,
            ran == null ? null : Timestamp.from(started.plus(ran)))
        .update();
    return key;
  }
}
