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
 * The monthly count of ended clocks (sla_clock_month, V67) agrees with the clocks whatever
 * happens to them (inserted ended, ended later, breached after, moved, deleted), and the long
 * periods read from it give the clocks' own counts, with p50/p90 within the hour of the exact ones.
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

  /** The team's rows of the monthly count equal the same count made from its clocks now. */
  private void assertConsistent() {
    String fromClocks = """
        select date_trunc('month', ended_at at time zone 'Europe/London')::date as month, rule, team, borough,
               hospital, floor(extract(epoch from ended_at - started_at) / 3600)::int as hours, count(*) as clocks,
               count(*) filter (where ended_at <= due_at) as met,
               count(*) filter (where ended_at > due_at or breached_at is not null) as breached,
               round(sum(extract(epoch from ended_at - started_at))) as seconds
        from sla_clock where team like ? and ended_at is not null group by 1, 2, 3, 4, 5, 6 order by 1, 2, 3, 6""";
    String fromMonthly = """
        select month, rule, team, borough, hospital, hours, clocks, met, breached, round(seconds::numeric) as seconds
        from sla_clock_month where team like ? and clocks <> 0 order by 1, 2, 3, 6""";
    List<Map<String, Object>> expected = db.sql(fromClocks).param(team + "%").query().listOfRows();
    assertThat(expected).isNotEmpty();
    assertThat(db.sql(fromMonthly).param(team + "%").query().listOfRows()).hasToString(expected.toString());
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
