package org.homefirst.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.homefirst.StackTest;
import org.homefirst.base.Formats;
import org.homefirst.console.SlaPerformance.Dimension;
import org.homefirst.console.SlaPerformance.Filter;
import org.homefirst.inbox.TeamMember;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The SLA page's queries on a large history: {@code -Dslas.journeys=1000000} for the million
 * journeys of the issue (default 100,000). A probe, not part of the test command: it runs only when
 * {@code slas.journeys} is given. Two clocks and three steps per
 * journey over three years, the newest 0.1% still open. Prints the time of each query; asserts
 * only what the figures must be, never a time. The rows are rolled back.
 */
@EnabledIfSystemProperty(named = "slas.journeys", matches = "\\d+")
class SlaQueriesPerformanceTest extends StackTest {

  private static final TeamMember MANAGER = new TeamMember("manager", Set.of("managers", "jad"));

  @Autowired SlaPerformance slas;
  @Autowired TransactionTemplate transactions;
  @Autowired Clock clock;

  @Test
  void theSlaPageQueriesOnALargeHistory() {
    int journeys = Integer.getInteger("slas.journeys", 100_000);
    transactions.executeWithoutResult(tx -> {
      long start = System.nanoTime();
      // Journey g started g / journeys of three years ago; keys far from the engine's and the other tests'.
      db.sql("""
              insert into referral (id, nhs_number, given_name, family_name, date_of_birth, borough, hospital, ward,
                admitted_at, status, process_instance_key, created_at, created_by)
              select gen_random_uuid(), lpad((7000000000 + g)::text, 10, '0'), 'Given' || g, 'Family' || g,
                date '1940-01-01', (array['lbbd','lbh','lbr'])[1 + g % 3],
                (array['bhrut-kgh','bhrut-queens','barts-whipps'])[1 + g % 3], 'Ward 1',
                now() - interval '3 years' * (1 - g::float8 / :n), 'COMPLETED', 8000000000000 + g, now(), 'load-test'
              from generate_series(1, :n) g""").param("n", journeys).update();
      // The monthly count (V67) is kept by its trigger as the clocks go in (slower than the
      // migration's backfill, but the application's role may not switch triggers off).
      db.sql("""
              insert into sla_clock (timer_key, referral_id, root_instance_key, instance_key, rule, timer_element_id,
                attached_element_id, team, borough, hospital, started_at, due_at, breached_at, ended_at)
              select 8100000000000 + g * 2 + k, r.id, r.process_instance_key, r.process_instance_key,
                case when k = 0 then 'triage' else (array['trusted-assessment','reablement-start','home-assessment',
                  'rehab-transfer','chc-decision','chc-fast-track'])[1 + g % 6] end,
                'Timer_X', case when k = 0 then 'Task_Triage' else 'Task_ConfirmPathway' end,
                (array['jad','lbr-hospital-sw'])[1 + g % 2], r.borough, r.hospital,
                r.admitted_at + k * interval '2 days', r.admitted_at + k * interval '2 days' + interval '24 hours',
                case when g % 7 = 0 then r.admitted_at + k * interval '2 days' + interval '24 hours' end,
                case when g <= :n * 0.999 then r.admitted_at + k * interval '2 days'
                  + interval '1 hour' * (1 + (g * 37 + k * 11) % 30) end
              from referral r cross join generate_series(0, 1) k
              cross join lateral (select (r.process_instance_key - 8000000000000)::int as g) x
              where r.created_by = 'load-test'""").param("n", journeys).update();
      db.sql("""
              insert into step_duration (activity_instance_id, root_instance_key, instance_key, bpmn_process_id,
                definition_key, element_id, element_type, started_at, ended_at)
              select 'load-' || r.process_instance_key || '-' || s, r.process_instance_key, r.process_instance_key,
                'homefirst-discharge-journey', 0, (array['Task_Triage','Task_ConfirmPathway','Task_RecordDelay'])[s],
                'USER_TASK', r.admitted_at + (s - 1) * interval '20 hours',
                case when (r.process_instance_key - 8000000000000) <= :n * 0.999 or s < 3
                  then r.admitted_at + (s - 1) * interval '20 hours' + interval '1 hour' * (1 + (r.process_instance_key % 19))
                end
              from referral r cross join generate_series(1, 3) s where r.created_by = 'load-test'""")
          .param("n", journeys).update();
      db.sql("analyze referral").update();
      db.sql("analyze sla_clock").update();
      db.sql("analyze step_duration").update();
      db.sql("analyze sla_clock_month").update();
      System.out.printf("SLA load: %,d journeys made in %d s%n", journeys, (System.nanoTime() - start) / 1_000_000_000);

      LocalDate today = LocalDate.now(clock.withZone(Formats.LONDON));
      Filter month = new Filter(today.minusDays(29), today, null, null, null);
      Filter year = new Filter(today.minusDays(364), today, null, null, null);
      Filter lbhMonth = new Filter(today.minusDays(29), today, "jad", "lbh", null);
      slas.rules(MANAGER, month); // warm up
      time("rules, last 30 days", () -> slas.rules(MANAGER, month));
      time("rules, last 365 days", () -> slas.rules(MANAGER, year));
      time("rules, last 30 days, JAD in Havering", () -> slas.rules(MANAGER, lbhMonth));
      time("breakdown by team, last 30 days", () -> slas.breakdown(MANAGER, month, Dimension.TEAM));
      time("trend, 12 months", () -> slas.trend(MANAGER, month));
      time("breaches, last 30 days", () -> slas.breaches(MANAGER, month).rows());
      time("prediction", () -> slas.predictions(MANAGER, month).rows());
      time("step heat, journey, last 30 days", () -> List.copyOf(slas.stepHeat(MANAGER,
          "homefirst-discharge-journey", month).values()));

      int ended = slas.rules(MANAGER, year).stream().mapToInt(SlaPerformance.RuleFigures::ended).sum();
      assertThat(ended).as("about a third of the clocks ended in the last year").isGreaterThan(journeys / 2);
      tx.setRollbackOnly();
    });
  }

  private static void time(String what, Supplier<List<?>> query) {
    long start = System.nanoTime();
    int rows = query.get().size();
    System.out.printf("SLA query %s: %d rows in %d ms%n", what, rows, (System.nanoTime() - start) / 1_000_000);
  }
}
