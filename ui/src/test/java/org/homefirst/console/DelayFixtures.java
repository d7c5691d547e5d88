package org.homefirst.console;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.homefirst.StackTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Rows of patients, discharge ready dates, delays and census days, as the delay tests need them. */
final class DelayFixtures {

  // Journey keys of fixture referrals: negative, so they never meet the engine's.
  private static final AtomicLong KEYS = new AtomicLong(-7_000_000_000L - System.nanoTime() % 1_000_000_000L);

  private final JdbcClient db;

  DelayFixtures(JdbcClient db) {
    this.db = db;
  }

  /** A referral admitted on the given day, its journey's tasks held by {@code team}. */
  UUID referral(String borough, String hospital, String team, Instant dischargeReadyAt) {
    UUID id = UUID.randomUUID();
    long key = KEYS.decrementAndGet();
    db.sql("""
            insert into referral (id, nhs_number, given_name, family_name, date_of_birth, borough, hospital, ward,
                                  admitted_at, discharge_ready_at, status, process_instance_key, created_at, created_by)
            values (?, ?, 'Test', ?, date '1940-05-01', ?, ?, 'Ward 9', ?, ?, 'OPEN', ?, ?, 'test')""")
        .params(id, StackTest.validNhsNumber(), "Patient " + id.toString().substring(0, 8), borough, hospital,
            at(Instant.parse("2000-01-01T00:00:00Z")), at(dischargeReadyAt), key,
            at(Instant.parse("2000-01-01T00:00:00Z")))
        .update();
    long task = KEYS.decrementAndGet();
    db.sql("""
            insert into user_task (task_key, instance_key, root_instance_key, element_instance_key, element_id,
                                   bpmn_process_id, definition_key, candidate_groups, state, created_at, ended_at)
            values (?, ?, ?, ?, 'Task_Triage', 'homefirst-discharge-journey', -1, ?, 'COMPLETED', ?, ?)""")
        .params(task, key, key, task, new String[] {team}, at(Instant.parse("2000-01-01T00:00:00Z")),
            at(Instant.parse("2000-01-01T01:00:00Z")))
        .update();
    return id;
  }

  void close(UUID referral, String status, String closedAt) {
    db.sql("update referral set status = ?, closed_at = ? where id = ?")
        .params(status, at(Instant.parse(closedAt)), referral).update();
  }

  void readyChange(UUID referral, String readyAt, String changedAt) {
    db.sql("insert into discharge_ready_change (referral_id, discharge_ready_at, changed_at) values (?, ?, ?)")
        .params(referral, readyAt == null ? null : at(Instant.parse(readyAt)), at(Instant.parse(changedAt)))
        .update();
  }

  void delay(UUID referral, String reason, String attribution, String setting, String recordedAt) {
    db.sql("""
            insert into delay (referral_id, reason, attribution, setting, recorded_by, recorded_at)
            values (?, ?, ?, ?, 'test', ?)""")
        .params(referral, reason, attribution, setting, at(Instant.parse(recordedAt))).update();
  }

  void discharge(UUID referral, String dischargedAt, String readyAt, Integer pathway) {
    db.sql("""
            insert into discharge (referral_id, discharged_at, discharge_ready_at, pathway, borough, hospital,
                                   age_at_discharge)
            select id, ?, ?, ?, borough, hospital, 77 from referral where id = ?""")
        .params(at(Instant.parse(dischargedAt)), readyAt == null ? null : at(Instant.parse(readyAt)), pathway,
            referral)
        .update();
  }

  void pathwayVariable(UUID referral, String json) {
    db.sql("""
            insert into process_variable (scope_key, name, instance_key, root_instance_key, value, updated_at)
            select process_instance_key, 'pathway', process_instance_key, process_instance_key, ?, now()
            from referral where id = ?""")
        .params(json, referral).update();
  }

  /** Census rows of a patient for each day from..to, with what was in force. */
  void censusDays(UUID referral, LocalDate from, LocalDate to, String reason, String attribution, String setting) {
    for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
      db.sql("""
              insert into delay_census (census_date, referral_id, borough, hospital, provider, pathway, reason,
                                        national_code, attribution, setting, days_since_ready)
              select ?, r.id, r.borough, r.hospital,
                     case when cast(? as text) = 'non-acute' then 'nelft'
                          when r.hospital like 'bhrut%' then 'bhrut' else 'barts' end,
                     null, ?, (select national_code from delay_reason_group where reason = ?), ?, ?, ?
              from referral r where r.id = ?""")
          .params(d, setting, reason, reason, attribution, setting, (int) (d.toEpochDay() - from.toEpochDay()),
              referral)
          .update();
    }
  }

  private static List<UUID> havering;

  /**
   * Census days of three Havering patients in December 2017 and January 2018, written once per
   * test database (the seed estimates of V60: 198,408 to 31 December 2017, then 200,246):
   *
   * <pre>
   * P1 Queen's       1-31 Dec  care-home-placement (D) social care, acute  31 days; 1-20 Jan the same    20 days
   * P2 King George  10-14 Dec  no reason recorded                          5 days;
   *                 15-19 Dec  chc-funding (B) NHS, acute                  5 days; 5-6 Jan housing (I) NHS  2 days
   * P3 Whipps Cross    31 Dec  equipment (F) both, non-acute (NELFT)       1 day
   * December: 42 days, 42 / 198,408 x 100,000 = 21.1685... -> 21.2
   * January:  22 days, 22 / 200,246 x 100,000 = 10.9864... -> 11.0
   * The two months: 21.16850 + 10.98648 = 32.15498... -> 32.2
   * </pre>
   *
   * P1 and P2 are JAD's patients, P3 the Redbridge hospital team's.
   */
  static synchronized List<UUID> havering(JdbcClient db, DelayCensus census) {
    if (havering == null) {
      DelayFixtures f = new DelayFixtures(db);
      UUID p1 = f.referral("lbh", "bhrut-queens", "jad", null);
      UUID p2 = f.referral("lbh", "bhrut-kgh", "jad", null);
      UUID p3 = f.referral("lbh", "barts-whipps", "lbr-hospital-sw", null);
      f.censusDays(p1, LocalDate.of(2017, 12, 1), LocalDate.of(2018, 1, 20), "care-home-placement", "social-care",
          "acute");
      f.censusDays(p2, LocalDate.of(2017, 12, 10), LocalDate.of(2017, 12, 14), null, null, null);
      f.censusDays(p2, LocalDate.of(2017, 12, 15), LocalDate.of(2017, 12, 19), "chc-funding", "nhs", "acute");
      f.censusDays(p2, LocalDate.of(2018, 1, 5), LocalDate.of(2018, 1, 6), "housing", "nhs", "acute");
      f.censusDays(p3, LocalDate.of(2017, 12, 31), LocalDate.of(2017, 12, 31), "equipment", "both", "non-acute");
      LocalDate.of(2017, 12, 1).datesUntil(LocalDate.of(2018, 2, 1)).forEach(census::rollUp);
      havering = List.of(p1, p2, p3);
    }
    return havering;
  }

  static OffsetDateTime at(Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }
}
