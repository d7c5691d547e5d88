package org.homefirst.console;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.homefirst.audit.AuditLog;
import org.homefirst.inbox.TeamMember;
import org.homefirst.referral.Borough;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The population estimates the per-100,000 rates divide by: per borough and age band, each valid
 * from a date until the next one starts. Console users add a new estimate (which closes the one in
 * force the day before) or correct one; never two estimates for the same days; every change is
 * audited with what it was and why (the source).
 */
@Service
public class PopulationEstimates {

  /** Earliest date an estimate may start: before this nobody will report from this system. */
  static final LocalDate EARLIEST = LocalDate.of(2000, 1, 1);
  /** An estimate is published for a year ahead at most. */
  static final int YEARS_AHEAD = 2;
  /** More adults than any London borough has, by far: a typo, not an estimate. */
  static final int LARGEST = 2_000_000;

  public record Estimate(long id, String borough, String ageBand, int population, LocalDate validFrom,
      LocalDate validTo, String source, String changedBy, Instant changedAt) {}

  /** What a manager typed for a new estimate or a correction. */
  public record Draft(String borough, String ageBand, Integer population, LocalDate validFrom, LocalDate validTo,
      String source) {}

  private final JdbcClient db;
  private final TransactionTemplate tx;
  private final ConsoleAccess access;
  private final AuditLog audit;
  private final Clock clock;

  PopulationEstimates(JdbcClient db, TransactionTemplate tx, ConsoleAccess access, AuditLog audit, Clock clock) {
    this.db = db;
    this.tx = tx;
    this.access = access;
    this.audit = audit;
    this.clock = clock;
  }

  public List<Estimate> list(TeamMember member) {
    access.checkMayOpen(member, "population estimates");
    return db.sql("select * from population_estimate order by borough, age_band, valid_from")
        .query((rs, n) -> new Estimate(rs.getLong("id"), rs.getString("borough"), rs.getString("age_band"),
            rs.getInt("population"), rs.getObject("valid_from", LocalDate.class),
            rs.getObject("valid_to", LocalDate.class), rs.getString("source"), rs.getString("changed_by"),
            rs.getTimestamp("changed_at").toInstant()))
        .list();
  }

  /**
   * Adds an estimate in force from {@code validFrom} (open-ended), closing the borough's estimate
   * in force until then on the day before.
   *
   * @throws InvalidEstimate with the problems in words
   */
  public Estimate add(TeamMember member, Draft draft) {
    access.checkMayOpen(member, "add a population estimate");
    Map<String, String> problems = problems(draft, true);
    throwIf(problems);
    return tx.execute(status -> {
      lock(draft.borough(), band(draft));
      Optional<Estimate> open = db.sql("""
              select id from population_estimate where borough = ? and age_band = ? and valid_to is null
              order by valid_from desc limit 1""")
          .params(draft.borough(), band(draft)).query(Long.class).optional().map(this::get);
      if (open.isPresent() && !open.get().validFrom().isBefore(draft.validFrom())) {
        throwIf(Map.of("validFrom", "the estimate in force from " + open.get().validFrom()
            + " starts on or after this date: correct that one instead"));
      }
      Optional<Estimate> overlapping = overlapping(draft.borough(), band(draft), draft.validFrom(), null,
          open.map(Estimate::id).orElse(-1L));
      overlapping.ifPresent(o -> throwIf(Map.of("validFrom", overlapWords(o))));
      open.ifPresent(o -> db.sql("update population_estimate set valid_to = ? where id = ?")
          .params(draft.validFrom().minusDays(1), o.id()).update());
      long id = db.sql("""
              insert into population_estimate (borough, age_band, population, valid_from, valid_to, source,
                                               changed_by, changed_at)
              values (?, ?, ?, ?, null, ?, ?, ?) returning id""")
          .params(draft.borough(), band(draft), draft.population(), draft.validFrom(), draft.source().strip(),
              member.username(), now())
          .query(Long.class).single();
      audit.record(member.username(), AuditLog.Action.CHANGE_POPULATION, null, null,
          "added " + describe(draft.borough(), band(draft), draft.population(), draft.validFrom(), null)
              + open.map(o -> "; closed " + o.population() + " on " + draft.validFrom().minusDays(1)).orElse("")
              + "; source: " + draft.source().strip());
      return get(id);
    });
  }

  /**
   * Corrects an estimate (a typo in the figure, its dates or source). The borough and band stay.
   *
   * @throws InvalidEstimate with the problems in words
   */
  public Estimate correct(TeamMember member, long id, Draft draft) {
    access.checkMayOpen(member, "correct a population estimate");
    return tx.execute(status -> {
      Estimate before = db.sql("select id from population_estimate where id = ?").param(id).query(Long.class)
          .optional().map(this::get)
          .orElseThrow(() -> new InvalidEstimate(Map.of("id", "this estimate no longer exists")));
      Draft fixed = new Draft(before.borough(), before.ageBand(), draft.population(), draft.validFrom(),
          draft.validTo(), draft.source());
      throwIf(problems(fixed, false));
      lock(before.borough(), before.ageBand());
      overlapping(before.borough(), before.ageBand(), fixed.validFrom(), fixed.validTo(), id)
          .ifPresent(o -> throwIf(Map.of("validFrom", overlapWords(o))));
      db.sql("""
              update population_estimate set population = ?, valid_from = ?, valid_to = ?, source = ?,
                     changed_by = ?, changed_at = ? where id = ?""")
          .params(fixed.population(), fixed.validFrom(), fixed.validTo(), fixed.source().strip(), member.username(),
              now(), id)
          .update();
      audit.record(member.username(), AuditLog.Action.CHANGE_POPULATION, null, null,
          "corrected " + describe(before.borough(), before.ageBand(), before.population(), before.validFrom(),
              before.validTo())
              + " to " + fixed.population() + " from " + fixed.validFrom()
              + (fixed.validTo() == null ? "" : " to " + fixed.validTo()) + "; source: " + fixed.source().strip());
      return get(id);
    });
  }

  /** The problems of a draft in words, by field (empty when valid). */
  Map<String, String> problems(Draft d, boolean isNew) {
    Map<String, String> problems = new LinkedHashMap<>();
    if (d.borough() == null || Borough.ofCode(d.borough()).isEmpty()) {
      problems.put("borough", "choose a borough");
    }
    if (d.ageBand() != null && !d.ageBand().isBlank() && !d.ageBand().strip().matches("\\d{1,3}(\\+|-\\d{1,3})")) {
      problems.put("ageBand", "write the age band as 18+ or 18-64");
    }
    if (d.population() == null || d.population() <= 0) {
      problems.put("population", "enter the number of people, more than 0");
    } else if (d.population() > LARGEST) {
      problems.put("population", "more than " + LARGEST + " people in one borough: check the figure");
    }
    LocalDate latest = LocalDate.ofInstant(clock.instant(), DelayCensus.LONDON).plusYears(YEARS_AHEAD);
    if (d.validFrom() == null) {
      problems.put("validFrom", "enter the date the estimate applies from");
    } else if (d.validFrom().isBefore(EARLIEST) || d.validFrom().isAfter(latest)) {
      problems.put("validFrom", "the date must be between " + EARLIEST + " and " + latest);
    }
    if (!isNew && d.validTo() != null && d.validFrom() != null && d.validTo().isBefore(d.validFrom())) {
      problems.put("validTo", "the end date must not be before the start date");
    }
    if (d.source() == null || d.source().isBlank()) {
      problems.put("source", "say where the figure comes from (e.g. ONS mid-year estimate 2024)");
    } else if (d.source().length() > 500) {
      problems.put("source", "the source must be at most 500 characters");
    }
    return problems;
  }

  private Optional<Estimate> overlapping(String borough, String band, LocalDate from, LocalDate to, long except) {
    return db.sql("""
            select id from population_estimate
            where borough = ? and age_band = ? and id <> ?
              and valid_from <= coalesce(cast(? as date), date '9999-12-31')
              and coalesce(valid_to, date '9999-12-31') >= ?
            order by valid_from limit 1""")
        .params(borough, band, except, to, from)
        .query(Long.class).optional().map(this::get);
  }

  private Estimate get(long id) {
    return db.sql("select * from population_estimate where id = ?").param(id)
        .query((rs, n) -> new Estimate(rs.getLong("id"), rs.getString("borough"), rs.getString("age_band"),
            rs.getInt("population"), rs.getObject("valid_from", LocalDate.class),
            rs.getObject("valid_to", LocalDate.class), rs.getString("source"), rs.getString("changed_by"),
            rs.getTimestamp("changed_at").toInstant()))
        .single();
  }

  // Two managers adding estimates for one borough at once must not both close the same one.
  private void lock(String borough, String band) {
    db.sql("select pg_advisory_xact_lock(hashtext(?))").param("population-estimate " + borough + " " + band)
        .query((rs, n) -> 1).list();
  }

  private static String band(Draft d) {
    return d.ageBand() == null || d.ageBand().isBlank() ? DelayMeasures.ADULTS : d.ageBand().strip();
  }

  private static String overlapWords(Estimate o) {
    return "these dates overlap the estimate of " + o.population() + " in force from " + o.validFrom()
        + (o.validTo() == null ? "" : " to " + o.validTo());
  }

  private static String describe(String borough, String band, int population, LocalDate from, LocalDate to) {
    return DelayMeasures.boroughLabel(borough) + " " + band + ": " + population + " from " + from
        + (to == null ? "" : " to " + to);
  }

  private static void throwIf(Map<String, String> problems) {
    if (!problems.isEmpty()) {
      throw new InvalidEstimate(problems);
    }
  }

  private OffsetDateTime now() {
    return clock.instant().atOffset(ZoneOffset.UTC);
  }

  /** An estimate refused, with each problem in words by field. */
  public static class InvalidEstimate extends RuntimeException {
    private final Map<String, String> problems;

    InvalidEstimate(Map<String, String> problems) {
      super(String.join("; ", problems.values()));
      this.problems = Map.copyOf(problems);
    }

    public Map<String, String> problems() {
      return problems;
    }
  }
}
