package org.homefirst.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.homefirst.StackTest;
import org.homefirst.console.DelayMeasures.By;
import org.homefirst.console.DelayMeasures.Scope;
import org.homefirst.inbox.TeamMember;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The delays page's queries with 1,000,000 historic referrals (about 3.5 years, each with a DRD,
 * a discharge and 0-6 delayed days in the census) and 500 patients delayed now. Prints the time
 * of each query (median and worst of 5 after a warm-up); asserts only that the figures are
 * there. Everything is made in a transaction that is rolled back. Opt-in, it takes minutes:
 * {@code -Dhomefirst.scale=true}.
 */
@EnabledIfSystemProperty(named = "homefirst.scale", matches = "true")
class DelaysAtScaleTest extends StackTest {

  static final TeamMember MANAGER = new TeamMember("manager", Set.of("managers", "jad", "lbr-hospital-sw"));

  @Autowired DelayMeasures measures;
  @Autowired DelayCensus census;
  @Autowired PopulationEstimates estimates;
  @Autowired TransactionTemplate tx;

  @Test
  void theDelaysPageAnswersWithAMillionHistoricReferrals() {
    tx.executeWithoutResult(status -> {
      long started = System.nanoTime();
      db.sql("""
          insert into referral (id, nhs_number, given_name, family_name, date_of_birth, borough, hospital, ward,
            admitted_at, discharge_ready_at, status, process_instance_key, created_at, created_by, closed_at)
          select gen_random_uuid(), lpad((7000000000 + g)::text, 10, '0'), 'Given', 'Family' || g, date '1940-01-01',
            (array['lbbd','lbh','lbr'])[1 + g % 3], (array['bhrut-kgh','bhrut-queens','barts-whipps'])[1 + g / 3 % 3],
            'Ward 1', a, a + interval '3 days', 'COMPLETED', 9500000000000 + g, a, 'scale',
            a + interval '3 days' + (g % 7) * interval '1 day' + interval '2 hours'
          from generate_series(1, 1000000) g,
               lateral (select timestamptz '2022-06-01 09:00+00' + g * interval '110 seconds' as a) x""").update();
      db.sql("""
          insert into discharge_ready_change (referral_id, discharge_ready_at, changed_at)
          select id, discharge_ready_at, discharge_ready_at from referral where created_by = 'scale'""").update();
      db.sql("""
          insert into discharge (referral_id, discharged_at, discharge_ready_at, pathway, borough, hospital,
                                 age_at_discharge)
          select id, closed_at - interval '1 hour', discharge_ready_at, 1, borough, hospital, 80
          from referral where created_by = 'scale'""").update();
      db.sql("""
          insert into delay (referral_id, reason, attribution, setting, recorded_by, recorded_at)
          select id, (array['package-of-care','care-home-placement','housing','chc-funding','equipment'])
                     [1 + (process_instance_key % 5)::int],
                 (array['nhs','social-care','both'])[1 + (process_instance_key % 3)::int],
                 (array['acute','acute','non-acute'])[1 + (process_instance_key % 3)::int],
                 'scale', discharge_ready_at + interval '2 hours'
          from referral where created_by = 'scale' and closed_at - discharge_ready_at > interval '1 day'""").update();
      db.sql("""
          insert into delay_census (census_date, referral_id, borough, hospital, provider, pathway, reason,
                                    national_code, attribution, setting, days_since_ready)
          select cast(r.discharge_ready_at at time zone 'Europe/London' as date) + k, r.id, r.borough, r.hospital,
                 case when d.setting = 'non-acute' then 'nelft' when r.hospital like 'bhrut%' then 'bhrut'
                      else 'barts' end,
                 1, d.reason, g.national_code, d.attribution, d.setting, k
          from referral r join delay d on d.referral_id = r.id left join delay_reason_group g on g.reason = d.reason,
               generate_series(0, (r.process_instance_key % 7)::int - 1) k
          where r.created_by = 'scale'
          on conflict do nothing""").update();
      db.sql("""
          insert into delay_census_tally (census_date, borough, provider, reason, national_code, attribution, setting,
                                          days)
          select c.census_date, c.borough, c.provider, c.reason, c.national_code, c.attribution, c.setting, count(*)
          from delay_census c join referral r on r.id = c.referral_id where r.created_by = 'scale'
          group by 1, 2, 3, 4, 5, 6, 7""").update();
      // 500 in hospital now, ready 0-9 days ago.
      db.sql("""
          insert into referral (id, nhs_number, given_name, family_name, date_of_birth, borough, hospital, ward,
            admitted_at, discharge_ready_at, status, process_instance_key, created_at, created_by)
          select gen_random_uuid(), lpad((6000000000 + g)::text, 10, '0'), 'Given', 'Now' || g, date '1940-01-01',
            (array['lbbd','lbh','lbr'])[1 + g % 3], 'bhrut-kgh', 'Ward 2', now() - interval '12 days',
            now() - (g % 10) * interval '1 day', 'OPEN', 9600000000000 + g, now(), 'scale-now'
          from generate_series(1, 500) g""").update();
      for (String table : List.of("referral", "discharge_ready_change", "discharge", "delay", "delay_census",
          "delay_census_tally")) {
        db.sql("analyze " + table).update();
      }
      long censusRows = db.sql("select count(*) from delay_census").query(Long.class).single();
      System.out.printf("Delays at scale: 1,000,500 referrals, %,d census rows, made in %d s%n", censusRows,
          (System.nanoTime() - started) / 1_000_000_000);

      Scope year = new Scope(LocalDate.of(2024, 12, 1), LocalDate.of(2025, 11, 30), null);
      Scope havering = new Scope(year.from(), year.to(), "lbh");
      List<String> lines = new ArrayList<>();
      lines.add(time("census of a day (take)", () -> census.take(LocalDate.of(2025, 6, 15))));
      lines.add(time("by reason group x attribution, 12 months", () -> measures.byReasonGroupAndAttribution(MANAGER,
          year)));
      lines.add(time("by setting, 12 months", () -> measures.by(MANAGER, year, By.SETTING)));
      lines.add(time("by provider, 12 months", () -> measures.by(MANAGER, year, By.PROVIDER)));
      lines.add(time("by reason, 12 months", () -> measures.by(MANAGER, year, By.REASON)));
      lines.add(time("by borough, 12 months", () -> measures.by(MANAGER, year, By.BOROUGH)));
      lines.add(time("per month by group, 12 months", () -> measures.perMonth(MANAGER, year, By.REASON_GROUP)));
      lines.add(time("per 100,000 adults, 12 months", () -> measures.perHundredThousandAdults(MANAGER, year)));
      lines.add(time("per 100,000 adults, Havering", () -> measures.perHundredThousandAdults(MANAGER, havering)));
      lines.add(time("delayed now (500)", () -> measures.delayedNow(MANAGER, null)));
      lines.add(time("patients behind a month's group", () -> measures.patientsBehind(MANAGER,
          new Scope(LocalDate.of(2025, 6, 1), LocalDate.of(2025, 6, 30), "lbh"), By.REASON_GROUP, "D")));
      lines.add(time("coverage", () -> measures.coverage(MANAGER, year)));
      lines.add(time("population estimates", () -> estimates.list(MANAGER)));
      System.out.println("Plan of the census of 15 June 2025:");
      census.plan(DelayCensus.midnightAfter(LocalDate.of(2025, 6, 15)), LocalDate.of(2025, 6, 15))
          .forEach(System.out::println);
      System.out.println("Plan of delayed now:");
      census.plan(Instant.now(), LocalDate.now()).forEach(System.out::println);
      System.out.println("Delays page queries with 1,000,000 historic referrals (ms, median / worst of 5):");
      lines.forEach(System.out::println);

      assertThat(measures.perHundredThousandAdults(MANAGER, havering)).hasSize(12)
          .allSatisfy(m -> assertThat(m.days()).isPositive());
      assertThat(measures.delayedNow(MANAGER, null).rows().size()
          + measures.delayedNow(MANAGER, null).hidden()).isGreaterThanOrEqualTo(500);
      status.setRollbackOnly();
    });
  }

  private static String time(String what, Supplier<?> query) {
    query.get();
    List<Long> ms = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      long t = System.nanoTime();
      query.get();
      ms.add((System.nanoTime() - t) / 1_000_000);
    }
    Collections.sort(ms);
    return String.format("  %-45s %6d / %6d", what, ms.get(2), ms.get(4));
  }
}
