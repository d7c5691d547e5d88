package org.homefirst.console;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.homefirst.audit.AuditLog;
import org.homefirst.base.Formats;
import org.homefirst.inbox.TeamMember;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The returns and outcome measures a manager is held to, computed for a period from the fact rows
 * (discharge, readmission, chc_case), frozen when submitted (figures and patient-level basis, who
 * and when; the database refuses any later change) and re-run later to show what has changed
 * since. Console users only ({@link ConsoleAccess}); patient rows are shown by its visibility rule.
 */
@Service
public class Returns {

  private final JdbcClient db;
  private final ConsoleAccess access;
  private final AuditLog audit;
  private final ObjectMapper json;
  private final Clock clock;
  private final TransactionTemplate transaction;

  Returns(JdbcClient db, ConsoleAccess access, AuditLog audit, ObjectMapper json, Clock clock,
      TransactionTemplate transaction) {
    this.transaction = transaction;
    this.db = db;
    this.access = access;
    this.audit = audit;
    this.json = json;
    this.clock = clock;
  }

  /** A return as computed (now, or as it was when submitted). */
  record ReturnReport(ReturnKind kind, ReturnPeriod period, ReturnScope scope, List<Figure> figures,
      List<Basis> bases) {

    String title() {
      return kind.label() + ", " + period.words() + ", " + scope.words();
    }

    int patientRows() {
      return bases.stream().mapToInt(b -> b.rows().size()).sum();
    }
  }

  record Submission(long id, ReturnKind kind, ReturnPeriod period, ReturnScope scope, String submittedBy,
      Instant submittedAt) {}

  record Submitted(Submission submission, ReturnReport report) {}

  /** A figure as submitted and as it is now, both as they read. */
  record FigureChange(String label, String submitted, String now, boolean changed) {}

  /** A patient row added, removed or changed in a basis since the submission, and what changed. */
  record BasisChange(String basis, String key, UUID referralId, String change, String detail) {}

  record Difference(Submitted submitted, ReturnReport now, List<FigureChange> figures, List<BasisChange> patients) {

    boolean none() {
      return patients.isEmpty() && figures.stream().noneMatch(FigureChange::changed);
    }
  }

  /** A patient's name and NHS number, to show beside a basis row the member may see. */
  record Patient(UUID referralId, String nhsNumber, String name) {}

  Instant now() {
    return clock.instant();
  }

  LocalDate today() {
    return LocalDate.now(clock.withZone(Formats.LONDON));
  }

  ReturnReport compute(TeamMember member, ReturnKind kind, ReturnPeriod period, ReturnScope scope) {
    access.checkMayOpen(member, "returns");
    return compute(kind, period, scope);
  }

  private ReturnReport compute(ReturnKind kind, ReturnPeriod period, ReturnScope scope) {
    ReturnMeasures.Result r = switch (kind) {
      case DRD_DELAY -> ReturnMeasures.drdDelay(discharges(period, scope, "d.age_at_discharge >= 18", false));
      case STILL_AT_HOME_91 -> ReturnMeasures.stillAtHome(
          discharges(period, scope, "d.reablement and d.age_at_discharge >= 65", false));
      case FLOW -> ReturnMeasures.flow(discharges(period, scope, "true", true));
      case CHC -> ReturnMeasures.chc(chcCases(period, scope), period.start(), period.end());
    };
    return new ReturnReport(kind, period, scope, r.figures(), r.bases());
  }

  /** Freezes the return as computed now: figures and basis stored, audited; returns the submission's id. */
  long submit(TeamMember member, ReturnKind kind, ReturnPeriod period, ReturnScope scope) {
    // Checked outside the transaction, so the audit of a refusal is not rolled back with it.
    access.checkMayOpen(member, "submit a return");
    return transaction.execute(status -> store(member, kind, period, scope));
  }

  private long store(TeamMember member, ReturnKind kind, ReturnPeriod period, ReturnScope scope) {
    ReturnReport report = compute(kind, period, scope);
    long id = db.sql("""
            insert into return_submission (kind, period_from, period_to, scope, figures, basis, submitted_by, submitted_at)
            values (?, ?, ?, cast(? as jsonb), cast(? as jsonb), cast(? as jsonb), ?, ?) returning id""")
        .params(kind.name(), period.from(), period.to(), write(scope), write(report.figures()), write(report.bases()),
            member.username(), Timestamp.from(clock.instant()))
        .query(Long.class).single();
    audit.record(member.username(), AuditLog.Action.SUBMIT_RETURN, null, null,
        "submission " + id + ": " + report.title() + " (" + report.figures().size() + " figures, "
            + report.patientRows() + " patient rows)");
    return id;
  }

  List<Submission> submissions(TeamMember member) {
    access.checkMayOpen(member, "submitted returns");
    return db.sql("""
            select id, kind, period_from, period_to, scope, submitted_by, submitted_at from return_submission
            order by submitted_at desc, id desc limit 500""")
        .query((rs, n) -> submission(rs)).list();
  }

  /** The return exactly as submitted: read back, never recomputed. */
  Submitted open(TeamMember member, long id) {
    access.checkMayOpen(member, "a submitted return");
    return db.sql("select id, kind, period_from, period_to, scope, submitted_by, submitted_at, figures, basis"
            + " from return_submission where id = ?")
        .param(id)
        .query((rs, n) -> {
          Submission s = submission(rs);
          return new Submitted(s, new ReturnReport(s.kind(), s.period(), s.scope(),
              read(rs.getString("figures"), new TypeReference<List<Figure>>() {}),
              read(rs.getString("basis"), new TypeReference<List<Basis>>() {})));
        })
        .optional()
        .orElseThrow(() -> new ConsoleRefused("There is no submitted return " + id));
  }

  /** The submitted return beside the same return computed now, and every difference between them. */
  Difference rerun(TeamMember member, long id) {
    Submitted then = open(member, id);
    ReturnReport now = compute(then.report().kind(), then.report().period(), then.report().scope());
    return new Difference(then, now, figureChanges(then.report(), now), basisChanges(then.report(), now));
  }

  static List<FigureChange> figureChanges(ReturnReport then, ReturnReport now) {
    Map<String, Figure> current = new LinkedHashMap<>();
    now.figures().forEach(f -> current.put(f.code(), f));
    List<FigureChange> changes = new ArrayList<>();
    for (Figure f : then.figures()) {
      Figure n = current.remove(f.code());
      String was = f.shown();
      String is = n == null ? "no longer computed" : n.shown();
      changes.add(new FigureChange(f.label(), was, is, !was.equals(is)));
    }
    current.values().forEach(n -> changes.add(new FigureChange(n.label(), "not computed then", n.shown(), true)));
    return changes;
  }

  static List<BasisChange> basisChanges(ReturnReport then, ReturnReport now) {
    List<BasisChange> changes = new ArrayList<>();
    Map<String, Basis> current = new LinkedHashMap<>();
    now.bases().forEach(b -> current.put(b.name(), b));
    for (Basis was : then.bases()) {
      Basis is = current.getOrDefault(was.name(), new Basis(was.name(), "", was.columns(), List.of()));
      Map<String, BasisRow> rows = new LinkedHashMap<>();
      is.rows().forEach(r -> rows.put(r.key(), r));
      for (BasisRow old : was.rows()) {
        BasisRow row = rows.remove(old.key());
        if (row == null) {
          changes.add(new BasisChange(was.name(), old.key(), old.referralId(), "removed", ""));
        } else if (!row.values().equals(old.values())) {
          List<String> what = new ArrayList<>();
          for (String column : was.columns()) {
            String a = old.values().getOrDefault(column, "");
            String b = row.values().getOrDefault(column, "");
            if (!Objects.equals(a, b)) {
              what.add(column + ": " + (a.isEmpty() ? "(blank)" : a) + " \u2192 " + (b.isEmpty() ? "(blank)" : b));
            }
          }
          changes.add(new BasisChange(was.name(), old.key(), old.referralId(), "changed", String.join("; ", what)));
        }
      }
      rows.values().forEach(r -> changes.add(new BasisChange(was.name(), r.key(), r.referralId(), "added", "")));
    }
    return changes;
  }

  /** The rows of a basis the member may see (audited as a patient list), and how many are held back. */
  ConsoleAccess.Visible<BasisRow> visible(TeamMember member, ReturnReport report, Basis basis) {
    return access.patients(member, "return basis: " + basis.name() + ", " + report.title(), basis.rows(),
        BasisRow::referralId);
  }

  /**
   * The return as an Excel workbook for this member: all figures, the basis rows they may see;
   * audited as an export. {@code provenance} says whether it was computed now or submitted (who, when).
   */
  byte[] workbook(TeamMember member, ReturnReport report, String provenance) {
    access.checkMayOpen(member, "export a return");
    List<ReturnWorkbook.VisibleBasis> bases = new ArrayList<>();
    List<UUID> shown = new ArrayList<>();
    for (Basis b : report.bases()) {
      ConsoleAccess.Visible<BasisRow> v = visible(member, report, b);
      bases.add(new ReturnWorkbook.VisibleBasis(b, v.rows(), v.hidden()));
      v.rows().forEach(r -> shown.add(r.referralId()));
    }
    audit.record(member.username(), AuditLog.Action.EXPORT, null, null,
        report.title() + " as an Excel workbook (" + provenance + ")");
    return ReturnWorkbook.write(report, provenance, bases, patients(shown));
  }

  /** The patient changes of a re-run the member may see (the same rule as a basis), and how many are held back. */
  ConsoleAccess.Visible<BasisChange> visibleChanges(TeamMember member, Difference d) {
    return access.patients(member, "changes since submission " + d.submitted().submission().id(), d.patients(),
        BasisChange::referralId);
  }

  Map<UUID, Patient> patients(Collection<UUID> referralIds) {
    if (referralIds.isEmpty()) {
      return Map.of();
    }
    Map<UUID, Patient> byId = new HashMap<>();
    db.sql("select id, nhs_number, given_name, family_name from referral where id = any(?)")
        .param(referralIds.stream().distinct().toArray(UUID[]::new))
        .query((rs, n) -> new Patient(rs.getObject("id", UUID.class), rs.getString("nhs_number"),
            rs.getString("given_name") + " " + rs.getString("family_name")))
        .list()
        .forEach(p -> byId.put(p.referralId(), p));
    return byId;
  }

  // ---------------------------------------------------------------- the facts

  private List<ReturnMeasures.DischargeRow> discharges(ReturnPeriod period, ReturnScope scope, String which,
      boolean readmissions) {
    StringBuilder sql = new StringBuilder("""
        select d.id, d.referral_id, d.discharged_at, d.discharge_ready_at, d.pathway, d.out_of_hours, d.borough,
          d.hospital, d.age_at_discharge, d.reablement, d.still_at_home_day_91,
          (d.discharged_at at time zone 'Europe/London')::date
            - (d.discharge_ready_at at time zone 'Europe/London')::date as delay_days,
        """);
    // The first readmission after this discharge (a later discharge of the same referral has its own).
    sql.append(readmissions ? """
          ra.readmitted_at,
          (ra.readmitted_at at time zone 'Europe/London')::date
            - (d.discharged_at at time zone 'Europe/London')::date as readmitted_after
        from discharge d
        left join lateral (select r.readmitted_at from readmission r
          where r.referral_id = d.referral_id and r.readmitted_at > d.discharged_at
          order by r.readmitted_at limit 1) ra on true
        """ : """
          null::timestamptz as readmitted_at, null::int as readmitted_after
        from discharge d
        """);
    sql.append(" where d.discharged_at >= :start and d.discharged_at < :end and ").append(which);
    Map<String, Object> params = new HashMap<>(Map.of("start", Timestamp.from(period.start()),
        "end", Timestamp.from(period.end())));
    scope(sql, params, scope, "d.borough", "d.hospital", "d.pathway");
    sql.append(" order by d.discharged_at, d.id");
    return db.sql(sql.toString()).params(params).query((rs, n) -> new ReturnMeasures.DischargeRow(
        rs.getLong("id"), rs.getObject("referral_id", UUID.class), instant(rs, "discharged_at"),
        instant(rs, "discharge_ready_at"), (Integer) rs.getObject("delay_days"), (Integer) rs.getObject("pathway"),
        (Boolean) rs.getObject("out_of_hours"), rs.getString("borough"), rs.getString("hospital"),
        rs.getInt("age_at_discharge"), rs.getBoolean("reablement"), (Boolean) rs.getObject("still_at_home_day_91"),
        instant(rs, "readmitted_at"), (Integer) rs.getObject("readmitted_after"))).list();
  }

  private List<ReturnMeasures.ChcRow> chcCases(ReturnPeriod period, ReturnScope scope) {
    // Decided or DST in the period, or a standard referral still open at the period end that is
    // more than 28 days old by then: four index ranges rather than one scan of every case.
    StringBuilder sql = new StringBuilder("""
        select c.id, c.referral_id, c.fast_track, c.referred_at, c.dst_setting, c.dst_at, c.decided_at, c.borough,
          (c.decided_at at time zone 'Europe/London')::date
            - (c.referred_at at time zone 'Europe/London')::date as decided_days,
          cast(:to as date) - (c.referred_at at time zone 'Europe/London')::date as days_at_end
        from chc_case c join referral r on r.id = c.referral_id
        where c.id in (
          select id from chc_case where decided_at >= :start and decided_at < :end
          union select id from chc_case where dst_at >= :start and dst_at < :end
          union select id from chc_case where decided_at is null and referred_at < :cutoff and not fast_track
          union select id from chc_case where decided_at >= :end and referred_at < :cutoff and not fast_track)
        """);
    Map<String, Object> params = new HashMap<>(Map.of("start", Timestamp.from(period.start()),
        "end", Timestamp.from(period.end()), "to", period.to(),
        "cutoff", Timestamp.from(period.to().minusDays(28).atStartOfDay(Formats.LONDON).toInstant())));
    scope(sql, params, scope, "c.borough", "r.hospital", null);
    sql.append(" order by c.referred_at, c.id");
    return db.sql(sql.toString()).params(params).query((rs, n) -> new ReturnMeasures.ChcRow(
        rs.getLong("id"), rs.getObject("referral_id", UUID.class), rs.getBoolean("fast_track"),
        instant(rs, "referred_at"), rs.getString("dst_setting"), instant(rs, "dst_at"), instant(rs, "decided_at"),
        (Integer) rs.getObject("decided_days"), rs.getInt("days_at_end"), rs.getString("borough"))).list();
  }

  private static void scope(StringBuilder sql, Map<String, Object> params, ReturnScope scope, String borough,
      String hospital, String pathway) {
    if (scope.borough() != null) {
      sql.append(" and ").append(borough).append(" = :borough");
      params.put("borough", scope.borough());
    }
    if (scope.hospital() != null) {
      sql.append(" and ").append(hospital).append(" = :hospital");
      params.put("hospital", scope.hospital());
    }
    if (scope.pathway() != null && pathway != null) {
      sql.append(" and ").append(pathway).append(" = :pathway");
      params.put("pathway", scope.pathway());
    }
  }

  private Submission submission(ResultSet rs) throws SQLException {
    return new Submission(rs.getLong("id"), ReturnKind.valueOf(rs.getString("kind")),
        new ReturnPeriod(rs.getObject("period_from", LocalDate.class), rs.getObject("period_to", LocalDate.class)),
        read(rs.getString("scope"), new TypeReference<ReturnScope>() {}), rs.getString("submitted_by"),
        instant(rs, "submitted_at"));
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    Timestamp t = rs.getTimestamp(column);
    return t == null ? null : t.toInstant();
  }

  private String write(Object value) {
    try {
      return json.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("A return could not be written as JSON", e);
    }
  }

  private <T> T read(String text, TypeReference<T> type) {
    try {
      return json.readValue(text, type);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("A submitted return could not be read", e);
    }
  }
}
