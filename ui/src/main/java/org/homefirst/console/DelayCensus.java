package org.homefirst.console;

import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.homefirst.workers.cluster.OncePerCluster;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The daily census of delayed patients: for a census date, who was delayed at midnight at its end
 * (Europe/London) and with which reason, attribution and setting in force then. Each row is one
 * delayed day, the unit of the delayed-days measures ({@link DelayMeasures}).
 *
 * <p>Delayed at midnight: a discharge ready date in force then (the latest DRD change at or before
 * midnight, or the referral's own DRD when it never changed) that is not later than midnight, no
 * discharge after that DRD and by midnight, and the referral not closed by then. The reason in
 * force is the latest delay recorded by midnight; none recorded is kept as a null reason, because
 * "reason not recorded" is itself a figure managers chase. Provider: the acute trust of the
 * hospital, or NELFT when the delay is in a non-acute setting. Days since ready: census date minus
 * the DRD's date, so 0 means ready that day.
 *
 * <p>Taken shortly after midnight for the day before, on one node of the cluster; at start a node
 * catches up the days missed since the last census (at most {@code backfill-days} back).
 * Re-taking a day replaces it: it is idempotent.
 */
@Service
public class DelayCensus {

  static final ZoneId LONDON = ZoneId.of("Europe/London");
  private static final Logger log = LoggerFactory.getLogger(DelayCensus.class);

  /** A patient delayed at a midnight (or now), with what holds them. */
  public record Delayed(UUID referralId, String nhsNumber, String patient, String borough, String hospital,
      String provider, Integer pathway, String reason, String nationalCode, String attribution, String setting,
      int daysSinceReady, Instant readyAt) {}

  /** What a catch-up did: census dates rolled up from rows written elsewhere, and dates taken. */
  public record CatchUp(List<LocalDate> tallied, List<LocalDate> taken) {}

  // :m is the midnight (or the moment) the census is for, :d its date in London.
  private static final String DELAYED_AT = """
      select r.id, r.nhs_number, r.given_name || ' ' || r.family_name as patient, r.borough, r.hospital,
             case when dl.setting = 'non-acute' then 'nelft'
                  when r.hospital like 'bhrut%' then 'bhrut'
                  when r.hospital like 'barts%' then 'barts'
                  else r.hospital end as provider,
             coalesce(pv.pathway, ds.pathway) as pathway,
             dl.reason, g.national_code, dl.attribution, dl.setting,
             cast(:d as date) - cast(drd.at at time zone 'Europe/London' as date) as days_since_ready,
             drd.at as ready_at
      from referral r
      cross join lateral (
        select case when exists (select 1 from discharge_ready_change c where c.referral_id = r.id)
          then (select c.discharge_ready_at from discharge_ready_change c
                where c.referral_id = r.id and c.changed_at <= :m order by c.changed_at desc, c.id desc limit 1)
          else r.discharge_ready_at end as at) drd
      left join lateral (
        select d.reason, d.attribution, d.setting from delay d
        where d.referral_id = r.id and d.recorded_at <= :m order by d.recorded_at desc, d.id desc limit 1) dl on true
      left join delay_reason_group g on g.reason = dl.reason
      left join lateral (
        select case when v.value ~ '^"?[0-3]"?$' then cast(btrim(v.value, '"') as int) end as pathway
        from process_variable v where v.root_instance_key = r.process_instance_key and v.name = 'pathway'
        order by v.updated_at desc limit 1) pv on true
      left join lateral (
        select x.pathway from discharge x where x.referral_id = r.id and x.pathway is not null and x.discharged_at <= :m
        order by x.discharged_at desc limit 1) ds on true
      -- A lateral with a limit, not "not exists": the planner would hash the whole discharge table.
      left join lateral (
        select 1 as gone from discharge x
        where x.referral_id = r.id and x.discharged_at > drd.at and x.discharged_at <= :m limit 1) discharged on true
      where (r.closed_at is null or r.closed_at > :m) and r.admitted_at <= :m
        and drd.at is not null and drd.at <= :m
        and discharged.gone is null
      """;

  private final JdbcClient db;
  private final TransactionTemplate tx;
  private final Clock clock;
  private final OncePerCluster cluster;
  private final int backfillDays;
  private final AtomicBoolean catchingUp = new AtomicBoolean();
  private ExecutorService background;

  DelayCensus(JdbcClient db, TransactionTemplate tx, Clock clock, OncePerCluster cluster,
      @Value("${homefirst.console.census.backfill-days:120}") int backfillDays) {
    this.db = db;
    this.tx = tx;
    this.clock = clock;
    this.cluster = cluster;
    this.backfillDays = backfillDays;
  }

  /** The midnight at the end of a census date, in London. */
  static Instant midnightAfter(LocalDate date) {
    return date.plusDays(1).atStartOfDay(LONDON).toInstant();
  }

  /** Takes (or re-takes) the census of a date in one transaction; returns how many were delayed. */
  public int take(LocalDate date) {
    Integer patients = tx.execute(status -> {
      lockCensus();
      db.sql("delete from delay_census where census_date = ?").param(date).update();
      db.sql("delete from delay_census_tally where census_date = ?").param(date).update();
      int inserted = db.sql("""
              insert into delay_census (census_date, referral_id, borough, hospital, provider, pathway, reason,
                                        national_code, attribution, setting, days_since_ready)
              select cast(:d as date), id, borough, hospital, provider, pathway, reason, national_code, attribution,
                     setting, days_since_ready from (""" + DELAYED_AT + ") delayed")
          .param("d", date).param("m", at(midnightAfter(date)))
          .update();
      tally(date, inserted);
      return inserted;
    });
    return patients == null ? 0 : patients;
  }

  /**
   * Rolls up census rows of a date written without {@link #take} (a history generator writes them
   * directly), so the measures see them; marks the date taken.
   */
  public void rollUp(LocalDate date) {
    tx.executeWithoutResult(status -> {
      lockCensus();
      db.sql("delete from delay_census_tally where census_date = ?").param(date).update();
      tally(date, db.sql("select count(*) from delay_census where census_date = ?").param(date)
          .query(Integer.class).single());
    });
  }

  // One writer of the census at a time: a catch-up and a re-take of the same day would collide.
  private void lockCensus() {
    db.sql("select pg_advisory_xact_lock(hashtext('delay-census'))").query((rs, n) -> 1).list();
  }

  private void tally(LocalDate date, int patients) {
    db.sql("""
            insert into delay_census_tally (census_date, borough, provider, reason, national_code, attribution,
                                            setting, days)
            select census_date, borough, provider, reason, national_code, attribution, setting, count(*)
            from delay_census where census_date = ?
            group by census_date, borough, provider, reason, national_code, attribution, setting""")
        .param(date).update();
    db.sql("""
            insert into delay_census_taken (census_date, taken_at, patients) values (?, ?, ?)
            on conflict (census_date) do update set taken_at = excluded.taken_at, patients = excluded.patients""")
        .params(date, at(clock.instant()), patients).update();
  }

  /** Who is delayed at this moment, as the census would count them at the coming midnight. */
  public List<Delayed> now() {
    Instant now = clock.instant();
    return delayedAt(now, LocalDate.ofInstant(now, LONDON));
  }

  /** The census query's plan at a moment, for the scale test. */
  List<String> plan(Instant moment, LocalDate date) {
    return db.sql("explain (analyze, buffers) " + DELAYED_AT).param("d", date).param("m", at(moment))
        .query(String.class).list();
  }

  List<Delayed> delayedAt(Instant moment, LocalDate date) {
    return db.sql(DELAYED_AT + " order by days_since_ready desc, r.id")
        .param("d", date).param("m", at(moment))
        .query((rs, n) -> new Delayed(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4),
            rs.getString(5), rs.getString(6), (Integer) rs.getObject(7), rs.getString(8), rs.getString(9),
            rs.getString(10), rs.getString(11), rs.getInt(12), rs.getTimestamp(13).toInstant()))
        .list();
  }

  /**
   * Rolls up census days written without us (a history generator), then takes every day from the
   * last census to yesterday, at most {@code backfill-days} back.
   */
  public CatchUp catchUp() {
    LocalDate yesterday = LocalDate.ofInstant(clock.instant(), LONDON).minusDays(1);
    List<LocalDate> tallied = db.sql("""
            select distinct c.census_date from delay_census c
            where c.census_date <= ?
              and not exists (select 1 from delay_census_taken t where t.census_date = c.census_date)
            order by 1""")
        .param(yesterday).query(LocalDate.class).list();
    tallied.forEach(this::rollUp);
    LocalDate earliest = yesterday.minusDays(backfillDays - 1L);
    LocalDate last = db.sql("select max(census_date) from delay_census_taken where census_date <= ?")
        .param(yesterday).query(LocalDate.class).optional().orElse(null);
    LocalDate from = last == null || last.isBefore(earliest) ? earliest : last.plusDays(1);
    List<LocalDate> taken = new ArrayList<>();
    for (LocalDate date = from; !date.isAfter(yesterday); date = date.plusDays(1)) {
      take(date);
      taken.add(date);
    }
    if (!tallied.isEmpty() || !taken.isEmpty()) {
      log.info("Delay census: {} day(s) taken ({}), {} day(s) rolled up from rows written elsewhere",
          taken.size(), taken.isEmpty() ? "none" : taken.getFirst() + " to " + taken.getLast(), tallied.size());
    }
    return new CatchUp(tallied, taken);
  }

  /** Shortly after midnight: yesterday's census (and any day missed), on one node. */
  @Scheduled(cron = "${homefirst.console.census.cron:0 5 0 * * *}", zone = "Europe/London")
  void nightly() {
    inBackground();
  }

  /** A node that was down at midnight (or new) catches up at start. */
  @EventListener(ApplicationReadyEvent.class)
  void atStart() {
    inBackground();
  }

  // Off the scheduler's single thread (the inbox refresh shares it): a catch-up of months takes a while.
  private synchronized void inBackground() {
    if (background == null) {
      background = Executors.newSingleThreadExecutor(Thread.ofPlatform().name("delay-census").daemon().factory());
    }
    if (!catchingUp.compareAndSet(false, true)) {
      return;
    }
    background.execute(() -> {
      try {
        cluster.run("delay-census", Duration.ofHours(1), Duration.ofSeconds(30), this::catchUp);
      } catch (RuntimeException e) {
        log.warn("Delay census catch-up failed; the next run tries again: {}", e.toString());
      } finally {
        catchingUp.set(false);
      }
    });
  }

  @PreDestroy
  synchronized void stop() {
    if (background != null) {
      background.shutdownNow();
    }
  }

  private static OffsetDateTime at(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
