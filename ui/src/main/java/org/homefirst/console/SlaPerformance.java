package org.homefirst.console;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.homefirst.base.Formats;
import org.homefirst.inbox.SlaRules;
import org.homefirst.inbox.TeamMember;
import org.homefirst.inbox.Teams;
import org.homefirst.referral.Borough;
import org.homefirst.referral.Hospital;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * How the locality keeps its service standards, from the SLA clocks the journeys ran
 * ({@code sla_clock}): per rule the share met, p50/p90 duration and breaches, by team, borough,
 * hospital and month; the breaches with who holds the patient now and how far the escalation got;
 * the open clocks ranked by their chance of breaching, from history; and the time spent per step of
 * a model. Every page of it is for console users only ({@link ConsoleAccess}); patient lists show
 * only the patients the member may see.
 */
@Service
public class SlaPerformance {

  /** What the prediction rests on, in one sentence the page shows. */
  public static final String PREDICTION_METHOD = "The chance is the share of the last 12 months' clocks of the same "
      + "rule that ended late among those still running after as long as this one has run (only those at the same "
      + "step when there are at least 20 of them); with fewer than 20 to compare there is no estimate.";

  /** Fewer comparable past clocks than this and the page says "not enough history" instead of a chance. */
  static final int MIN_HISTORY = 20;
  /** The most recent past clocks per rule the prediction reads: enough for a stable share, bounded work. */
  static final int HISTORY_PER_RULE = 2000;
  static final Duration HISTORY_WINDOW = Duration.ofDays(365);
  /** The most rows a breach or prediction list holds; the page says when it is cut. */
  static final int LIST_LIMIT = 500;
  static final String ESCALATION = "homefirst-sla-escalation";
  /**
   * Periods up to this many days get exact p50/p90 from the clocks themselves; longer ones read
   * the monthly count (hour buckets), which a year of a million journeys' clocks needs.
   */
  static final int EXACT_DAYS = 92;

  /**
   * A step where a journey waits (a task, a wait for a message or a timer), not the sub-process or
   * call activity around it, nor the escalation of an earlier breach.
   */
  private static final String WAITING_STEP = "upper(replace(s.element_type, '_', '')) not in "
      + "('SUBPROCESS', 'CALLACTIVITY', 'PROCESS', 'MULTIINSTANCEBODY') and s.bpmn_process_id <> '" + ESCALATION + "'";

  /** Which clocks a figure covers: ended (or breached) between from and to (inclusive, London days); null = all. */
  public record Filter(LocalDate from, LocalDate to, String team, String borough, String hospital) {

    public static Filter lastDays(Clock clock, int days) {
      LocalDate today = LocalDate.now(clock.withZone(Formats.LONDON));
      return new Filter(today.minusDays(days - 1L), today, null, null, null);
    }

    Instant start() {
      return from.atStartOfDay(Formats.LONDON).toInstant();
    }

    Instant end() {
      return to.plusDays(1).atStartOfDay(Formats.LONDON).toInstant();
    }
  }

  /** One rule's figures for the period, and its clocks open now. Hours as decimals; null when nothing ended. */
  public record RuleFigures(String rule, String wording, Duration target, int ended, int met, Double shareMet,
      Double p50Hours, Double p90Hours, int breaches, int openNow, int openBreached) {}

  /** What the figures are broken down by. */
  public enum Dimension {
    TEAM("team", "Team"), BOROUGH("borough", "Borough"), HOSPITAL("hospital", "Hospital");

    final String column;
    public final String label;

    Dimension(String column, String label) {
      this.column = column;
      this.label = label;
    }
  }

  /** One rule's figures for one team, borough or hospital. */
  public record Breakdown(String rule, String key, String name, int ended, int met, Double shareMet,
      Double p50Hours, Double p90Hours, int breaches) {}

  /** One rule's figures for one calendar month (London), with the rule's target duration. */
  public record MonthFigures(String rule, YearMonth month, int ended, int met, Double shareMet, Double p50Hours,
      Double p90Hours, int breaches, Double targetHours) {}

  /** How far the escalation a breach started has gone. */
  public enum Escalation {
    NONE("Not escalated"), TEAM_LEAD_REVIEW("Team lead review open"), MADE_REVIEW("MADE review open"),
    RESOLVED_BY_TEAM("Resolved by the team"), REVIEWED_AT_MADE("Reviewed at MADE"),
    CLOSED("Closed with the journey");

    public final String words;

    Escalation(String words) {
      this.words = words;
    }
  }

  /** A breached clock: what was due when, how late, who holds the patient now, the escalation. */
  public record Breach(long timerKey, UUID referralId, String nhsNumber, String patient, String rule, String wording,
      Instant dueAt, Duration late, boolean open, String heldBy, Escalation escalation) {}

  /**
   * An open clock not yet breached, with its chance of breaching (null: not enough history), how many
   * past clocks that rests on and whether they were at the same step.
   */
  public record Prediction(long timerKey, UUID referralId, String nhsNumber, String patient, String rule,
      String wording, Instant dueAt, Duration left, String step, Double chance, int basis, boolean sameStep) {}

  /** Time spent at one element of a model: journeys waiting there now, and for the period mean and p90 and breaches. */
  public record StepHeat(String elementId, String name, int waitingNow, int ended, Double meanHours, Double p90Hours,
      int breaches) {}

  private final JdbcClient db;
  private final ConsoleAccess access;
  private final SlaRules rules;
  private final Clock clock;

  SlaPerformance(JdbcClient db, ConsoleAccess access, SlaRules rules, Clock clock) {
    this.db = db;
    this.access = access;
    this.rules = rules;
    this.clock = clock;
  }

  /** Every SLA rule, even one no clock ran for yet, with its figures for the period and now. */
  public List<RuleFigures> rules(TeamMember member, Filter filter) {
    access.checkMayOpen(member, "SLA figures");
    return rules(filter, clock.instant());
  }

  List<RuleFigures> rules(Filter filter, Instant now) {
    Map<Key, Figures> byRule = figures(filter, null);
    Where open = new Where().and("ended_at is null").places(filter);
    Map<String, int[]> openByRule = new HashMap<>();
    List<Object> params = new ArrayList<>(List.of(Timestamp.from(now)));
    params.addAll(open.params);
    db.sql("select rule, count(*) as open_now, count(*) filter (where breached_at is not null or due_at < ?) as late"
            + " from sla_clock where " + open.sql + " group by rule").params(params)
        .query((rs, n) -> openByRule.put(rs.getString(1), new int[] {rs.getInt(2), rs.getInt(3)})).list();
    List<RuleFigures> result = new ArrayList<>();
    for (SlaRules.Sla sla : rules.slas()) {
      Figures f = byRule.getOrDefault(new Key(sla.name(), null), Figures.NONE);
      int[] o = openByRule.getOrDefault(sla.name(), new int[2]);
      result.add(new RuleFigures(sla.name(), sla.wording(), sla.target(), f.ended, f.met, f.shareMet(), f.p50, f.p90,
          f.breaches, o[0], o[1]));
    }
    return result;
  }

  /** The figures per rule and team, borough or hospital, for clocks ended in the period. */
  public List<Breakdown> breakdown(TeamMember member, Filter filter, Dimension by) {
    access.checkMayOpen(member, "SLA figures by " + by.label.toLowerCase());
    return breakdown(filter, by);
  }

  List<Breakdown> breakdown(Filter filter, Dimension by) {
    List<String> order = rules.slas().stream().map(SlaRules.Sla::name).toList();
    return figures(filter, new Grouping(by.column, by.column)).entrySet().stream()
        .map(e -> {
          Figures f = e.getValue();
          String key = e.getKey().by();
          return new Breakdown(e.getKey().rule(), key, nameOf(by, key), f.ended, f.met, f.shareMet(), f.p50, f.p90,
              f.breaches);
        })
        .sorted(Comparator.comparingInt((Breakdown b) -> rank(order, b.rule())).thenComparing(Breakdown::name))
        .toList();
  }

  /** Per rule and month, the twelve calendar months up to the period's end, with the rule's target. */
  public List<MonthFigures> trend(TeamMember member, Filter filter) {
    access.checkMayOpen(member, "SLA trend");
    return trend(filter);
  }

  List<MonthFigures> trend(Filter filter) {
    YearMonth last = YearMonth.from(filter.to());
    Filter year = new Filter(last.minusMonths(11).atDay(1), last.atEndOfMonth(), filter.team(), filter.borough(),
        filter.hospital());
    Map<Key, Figures> byRuleMonth = figures(year, new Grouping(
        "to_char(ended_at at time zone 'Europe/London', 'YYYY-MM')", "to_char(month, 'YYYY-MM')"));
    List<MonthFigures> result = new ArrayList<>();
    for (SlaRules.Sla sla : rules.slas()) {
      for (YearMonth m = last.minusMonths(11); !m.isAfter(last); m = m.plusMonths(1)) {
        Figures f = byRuleMonth.getOrDefault(new Key(sla.name(), m.toString()), Figures.NONE);
        result.add(new MonthFigures(sla.name(), m, f.ended, f.met, f.shareMet(), f.p50, f.p90, f.breaches,
            sla.target() == null ? null : sla.target().toMinutes() / 60.0));
      }
    }
    return result;
  }

  /** Figures of one rule, or of one rule and one team, borough, hospital or month. */
  private record Key(String rule, String by) {}

  /** What the figures are grouped by besides the rule: an expression on the ended clocks, and on the monthly count. */
  private record Grouping(String raw, String monthly) {}

  /**
   * The figures of the clocks ended in the period, per rule (and grouping). Up to
   * {@value #EXACT_DAYS} days: exact, from the ended clocks (V74). Longer: the whole months from
   * the monthly count (V67, buckets of duration an hour wide up to 2 days, 6 hours to 20 days, a day
   * beyond: V75), the part-months at either end from the ended clocks counted into the same
   * buckets; p50/p90 then place each bucket's clocks at the bucket's mean duration.
   */
  private Map<Key, Figures> figures(Filter filter, Grouping by) {
    String raw = by == null ? "null" : by.raw();
    LocalDate firstWhole = filter.from().getDayOfMonth() == 1 ? filter.from()
        : filter.from().withDayOfMonth(1).plusMonths(1);
    LocalDate afterWhole = filter.to().plusDays(1).withDayOfMonth(1);
    Map<Key, Figures> result = new HashMap<>();
    if (filter.to().toEpochDay() - filter.from().toEpochDay() + 1 <= EXACT_DAYS || !firstWhole.isBefore(afterWhole)) {
      Where ended = endedIn(filter);
      db.sql("select rule, " + raw + " as key, " + FIGURES + " from sla_clock_outcome where " + ended.sql
              + " group by 1, 2")
          .params(ended.params)
          .query((rs, n) -> result.put(new Key(rs.getString("rule"), rs.getString("key")), Figures.of(rs))).list();
      return result;
    }
    Where months = new Where().and("month >= ? and month < ?", firstWhole, afterWhole).places(filter);
    Where ends = new Where().and("((ended_at >= ? and ended_at < ?) or (ended_at >= ? and ended_at < ?))",
        Timestamp.from(filter.start()), Timestamp.from(firstWhole.atStartOfDay(Formats.LONDON).toInstant()),
        Timestamp.from(afterWhole.atStartOfDay(Formats.LONDON).toInstant()), Timestamp.from(filter.end()))
        .places(filter);
    List<Object> params = new ArrayList<>(months.params);
    params.addAll(ends.params);
    Map<Key, Map<Integer, Bucket>> buckets = new HashMap<>();
    db.sql("""
            select rule, %s as key, hours, sum(clocks) as clocks, sum(met) as met, sum(breached) as breached,
                   sum(seconds) as seconds
            from sla_clock_month where %s group by 1, 2, 3
            union all
            select rule, %s, sla_duration_bucket(seconds), count(*), count(*) filter (where met),
                   count(*) filter (where breached), sum(seconds)
            from sla_clock_outcome where %s group by 1, 2, 3""".formatted(by == null ? "null" : by.monthly(), months.sql,
            raw, ends.sql))
        .params(params)
        .query((rs, n) -> buckets.computeIfAbsent(new Key(rs.getString("rule"), rs.getString("key")),
            k -> new HashMap<>()).merge(rs.getInt("hours"), new Bucket(rs.getLong("clocks"), rs.getLong("met"),
            rs.getLong("breached"), rs.getDouble("seconds")), Bucket::plus))
        .list();
    buckets.forEach((key, byHour) -> {
      // A bucket counted down to nothing (a clock deleted or reopened) stays as a row of zeros.
      List<Bucket> counted = byHour.entrySet().stream().filter(e -> e.getValue().clocks() > 0)
          .sorted(Map.Entry.comparingByKey()).map(Map.Entry::getValue).toList();
      if (!counted.isEmpty()) {
        result.put(key, Figures.of(counted));
      }
    });
    return result;
  }

  /** The clocks of one hour of duration: how many, met, breached, and their durations summed. */
  private record Bucket(long clocks, long met, long breached, double seconds) {
    Bucket plus(Bucket other) {
      return new Bucket(clocks + other.clocks, met + other.met, breached + other.breached, seconds + other.seconds);
    }
  }

  /**
   * The breached clocks: every one still open, and those that breached in the period; the longest
   * overdue first. Shows only the patients the member may see, and audits the listing.
   */
  public ConsoleAccess.Visible<Breach> breaches(TeamMember member, Filter filter) {
    access.checkMayOpen(member, "SLA breaches");
    return access.patients(member, "SLA breaches" + describe(filter), breaches(filter, clock.instant()),
        Breach::referralId);
  }

  List<Breach> breaches(Filter filter, Instant now) {
    Timestamp at = Timestamp.from(now);
    Where which = new Where();
    which.sql = "((c.ended_at is null and (c.breached_at is not null or c.due_at < ?))"
        + " or (c.breached_at >= ? and c.breached_at < ?)"
        + " or (c.ended_at >= ? and c.ended_at < ? and c.ended_at > c.due_at))";
    which.params.addAll(List.of(at, Timestamp.from(filter.start()), Timestamp.from(filter.end()),
        Timestamp.from(filter.start()), Timestamp.from(filter.end())));
    which.places(filter, "c.");
    Map<String, String> wording = wordings();
    List<Object> params = new ArrayList<>(which.params);
    params.add(at);
    params.add(LIST_LIMIT);
    return db.sql("""
            select c.timer_key, c.referral_id, r.nhs_number, r.given_name || ' ' || r.family_name as patient, c.rule,
                   c.due_at, c.ended_at, task.candidate_groups, task.name as task_name, partner.system,
                   step.name as step_name, esc.state as esc_state, esc.lead_open, esc.made_open, esc.made_any
            from sla_clock c
            left join referral r on r.id = c.referral_id
            left join lateral (
              select t.candidate_groups, coalesce(pe.name, t.element_id) as name from user_task t
              left join process_element pe on pe.definition_key = t.definition_key and pe.element_id = t.element_id
              where c.ended_at is null and t.root_instance_key = c.root_instance_key and t.state = 'CREATED'
                and t.bpmn_process_id <> '%1$s'
              order by (t.element_id = c.attached_element_id) desc, (t.instance_key = c.instance_key) desc,
                       t.created_at desc limit 1) task on true
            left join lateral (
              select p.system from partner_referral p
              where c.ended_at is null and p.referral_id = c.referral_id and p.status in ('requested', 'in-progress')
              order by p.created_at desc limit 1) partner on true
            left join lateral (%2$s) step on c.ended_at is null
            left join lateral (
              select p.state,
                     exists (select 1 from user_task t where t.root_instance_key = p.root_instance_key
                       and t.instance_key = p.instance_key and t.element_id = 'Task_TeamLeadReview'
                       and t.state = 'CREATED') as lead_open,
                     exists (select 1 from user_task t where t.root_instance_key = p.root_instance_key
                       and t.instance_key = p.instance_key and t.element_id = 'Task_MadeReview'
                       and t.state = 'CREATED') as made_open,
                     exists (select 1 from user_task t where t.root_instance_key = p.root_instance_key
                       and t.instance_key = p.instance_key and t.element_id = 'Task_MadeReview') as made_any
              from process_instance p
              join process_variable v on v.scope_key = p.instance_key and v.name = 'slaName'
                and v.value = '"' || c.rule || '"'
              where p.root_instance_key = c.root_instance_key and p.parent_instance_key = c.instance_key
                and p.bpmn_process_id = '%1$s'
              order by abs(extract(epoch from p.started_at - coalesce(c.breached_at, c.due_at))) limit 1) esc on true
            where %3$s
            order by (c.ended_at is null) desc, coalesce(c.ended_at, ?) - c.due_at desc, c.timer_key
            limit ?""".formatted(ESCALATION, openStep("c"), which.sql))
        .params(params)
        .query((rs, n) -> {
          Instant due = rs.getTimestamp("due_at").toInstant();
          Timestamp ended = rs.getTimestamp("ended_at");
          boolean open = ended == null;
          String rule = rs.getString("rule");
          return new Breach(rs.getLong("timer_key"), rs.getObject("referral_id", UUID.class), rs.getString("nhs_number"),
              rs.getString("patient"), rule, wording.getOrDefault(rule, rule), due,
              Duration.between(due, open ? now : ended.toInstant()), open, open ? heldBy(rs) : "",
              escalation(rs));
        })
        .list();
  }

  /** The open task's team, else the partner deciding on a request, else the step the journey waits at. */
  private static String heldBy(ResultSet rs) throws SQLException {
    Array groups = rs.getArray("candidate_groups");
    if (groups != null) {
      return Teams.names(List.of((String[]) groups.getArray())) + " (" + rs.getString("task_name") + ")";
    }
    String partner = rs.getString("system");
    if (partner != null) {
      return partnerName(partner) + " (request awaiting a decision)";
    }
    String step = rs.getString("step_name");
    return step == null ? "Nobody: no open step" : "The journey (" + step + ")";
  }

  static String partnerName(String system) {
    if (system.equals("nelft")) {
      return "NELFT";
    }
    if (system.startsWith("council-")) {
      return Teams.name(system);
    }
    if (system.startsWith("voluntary-")) {
      return Teams.name(system.substring("voluntary-".length()));
    }
    return system;
  }

  private static Escalation escalation(ResultSet rs) throws SQLException {
    String state = rs.getString("esc_state");
    if (state == null) {
      return Escalation.NONE;
    }
    if (rs.getBoolean("made_open")) {
      return Escalation.MADE_REVIEW;
    }
    if (rs.getBoolean("lead_open")) {
      return Escalation.TEAM_LEAD_REVIEW;
    }
    if (state.equals("COMPLETED")) {
      return rs.getBoolean("made_any") ? Escalation.REVIEWED_AT_MADE : Escalation.RESOLVED_BY_TEAM;
    }
    return state.equals("ACTIVE") ? Escalation.TEAM_LEAD_REVIEW : Escalation.CLOSED;
  }

  /**
   * The open clocks not yet breached, most likely to breach first. For each: of the past clocks of
   * the same rule (the last {@value #HISTORY_PER_RULE} started in the last 12 months whose outcome
   * is known) that were still running after as long as this one has run, the share that ended late
   * (or breached); narrowed to those whose journey was at the same step then when at least
   * {@value #MIN_HISTORY} were. Below {@value #MIN_HISTORY} comparable clocks there is no estimate.
   */
  public ConsoleAccess.Visible<Prediction> predictions(TeamMember member, Filter filter) {
    access.checkMayOpen(member, "breach prediction");
    return access.patients(member, "SLA breach prediction" + describe(filter),
        predictions(filter, clock.instant(), MIN_HISTORY, recentHistory()), Prediction::referralId);
  }

  /**
   * The past clocks the prediction compares with, as last read: reading them (thousands of clocks
   * and where their journeys were) costs more than the rest of the page, and they change only as
   * clocks end, so they are read again in the background every {@link #HISTORY_REFRESH}, not per
   * page.
   */
  private volatile History history;

  static final Duration HISTORY_REFRESH = Duration.ofMinutes(5);

  private History recentHistory() {
    History h = history;
    if (h == null || h.readAt().isBefore(clock.instant().minus(HISTORY_REFRESH.multipliedBy(2)))) {
      h = readHistory(clock.instant());
      history = h;
    }
    return h;
  }

  @Scheduled(initialDelayString = "PT1M", fixedDelayString = "PT5M")
  void refreshHistory() {
    history = readHistory(clock.instant());
  }

  private record OpenClock(long timerKey, UUID referralId, String nhsNumber, String patient, String rule,
      Instant startedAt, Instant dueAt, String stepId, String stepName) {}

  /** A past clock: when it started, how long it ran (to its end, or now), whether it ended late; nanoseconds. */
  private record Past(long timerKey, long startedAt, long ran, boolean late) {}

  /** Predictions with the past clocks read now: what the tests check. */
  List<Prediction> predictions(Filter filter, Instant now, int minHistory) {
    return predictions(filter, now, minHistory, readHistory(now));
  }

  private List<Prediction> predictions(Filter filter, Instant now, int minHistory, History past) {
    Timestamp at = Timestamp.from(now);
    Where open = new Where().and("c.ended_at is null and c.breached_at is null and c.due_at > ?", at)
        .places(filter, "c.");
    List<OpenClock> clocks = db.sql("""
            select c.timer_key, c.referral_id, null, null, c.rule, c.started_at, c.due_at, step.element_id, step.name
            from sla_clock c
            left join lateral (%s) step on true
            where %s""".formatted(openStep("c"), open.sql))
        .params(open.params)
        .query((rs, n) -> new OpenClock(rs.getLong(1), rs.getObject(2, UUID.class), rs.getString(3), rs.getString(4),
            rs.getString(5), rs.getTimestamp(6).toInstant(), rs.getTimestamp(7).toInstant(), rs.getString(8),
            rs.getString(9)))
        .list();
    if (clocks.isEmpty()) {
      return List.of();
    }
    Map<String, String> wording = wordings();
    long nowNanos = nanos(now);
    List<Prediction> result = new ArrayList<>();
    for (OpenClock c : clocks) {
      long elapsed = nowNanos - nanos(c.startedAt());
      RunningAfter rule = past.byRule().getOrDefault(c.rule(), RunningAfter.NONE);
      int running = rule.running(elapsed);
      int runningLate = rule.late(elapsed);
      int atStep = 0;
      int atStepLate = 0;
      if (c.stepId() != null) {
        long[] counts = past.atStep(c.rule(), c.stepId()).count(elapsed);
        atStep = (int) counts[0];
        atStepLate = (int) counts[1];
      }
      boolean sameStep = atStep >= minHistory;
      int basis = sameStep ? atStep : running;
      Double chance = basis >= minHistory ? (double) (sameStep ? atStepLate : runningLate) / basis : null;
      result.add(new Prediction(c.timerKey(), c.referralId(), c.nhsNumber(), c.patient(), c.rule(),
          wording.getOrDefault(c.rule(), c.rule()), c.dueAt(), Duration.between(now, c.dueAt()), c.stepName(), chance,
          basis, sameStep));
    }
    result.sort(Comparator.comparing((Prediction p) -> p.chance() == null ? -1 : p.chance()).reversed()
        .thenComparing(Prediction::dueAt).thenComparingLong(Prediction::timerKey));
    List<Prediction> listed = result.size() > LIST_LIMIT ? result.subList(0, LIST_LIMIT) : result;
    // Names only for the clocks listed: the open clocks can be thousands.
    Map<UUID, String[]> patients = new HashMap<>();
    db.sql("select id, nhs_number, given_name || ' ' || family_name from referral where id = any(?)")
        .param(listed.stream().map(Prediction::referralId).filter(id -> id != null).distinct().toArray(UUID[]::new))
        .query((rs, n) -> patients.put(rs.getObject(1, UUID.class), new String[] {rs.getString(2), rs.getString(3)}))
        .list();
    return listed.stream().map(p -> {
      String[] patient = patients.getOrDefault(p.referralId(), new String[2]);
      return new Prediction(p.timerKey(), p.referralId(), patient[0], patient[1], p.rule(), p.wording(), p.dueAt(),
          p.left(), p.step(), p.chance(), p.basis(), p.sameStep());
    }).toList();
  }

  /**
   * The past clocks of every rule (the last {@value #HISTORY_PER_RULE} of each, started in the
   * last 12 months, outcome known by then), each with its journey's spells at every step, by the
   * time from the clock's start.
   */
  record History(Instant readAt, Map<String, RunningAfter> byRule, Map<String, List<Past>> pastByRule,
      Map<String, Map<Past, List<long[]>>> spellsByStep, Map<String, AtStep> atSteps) {

    /** How many past clocks were read. */
    int clocks() {
      return pastByRule.values().stream().mapToInt(List::size).sum();
    }

    AtStep atStep(String rule, String step) {
      return atSteps.computeIfAbsent(rule + " " + step, k -> new AtStep(pastByRule.getOrDefault(rule, List.of()),
          spellsByStep.getOrDefault(step, Map.of())));
    }
  }

  History readHistory(Instant now) {
    Timestamp at = Timestamp.from(now);
    String[] ruleNames = rules.slas().stream().map(SlaRules.Sla::name).toArray(String[]::new);
    // The past clocks with, in the same query, their journeys' spells at each step (one row per
    // spell): sending back thousands of journey keys cost more than the lookup.
    Map<Long, Past> past = new HashMap<>();
    Map<String, List<Past>> byRuleList = new HashMap<>();
    Map<String, Map<Past, List<long[]>>> spells = new HashMap<>();
    db.sql("""
            select h.timer_key, h.rule, h.started_at, least(coalesce(h.ended_at, ?), ?) as until,
                   (h.ended_at > h.due_at or h.breached_at is not null) as late,
                   s.element_id, s.started_at as step_started, s.ended_at as step_ended
            from unnest(cast(? as text[])) as wanted(rule)
            cross join lateral (
              select * from sla_clock h where h.rule = wanted.rule and h.started_at >= ? and h.started_at < ?
                and (h.ended_at <= ? and not h.canceled or h.breached_at <= ?)
              order by h.started_at desc limit ?) h
            left join step_duration s on s.root_instance_key = h.root_instance_key""")
        .params(at, at, ruleNames, Timestamp.from(now.minus(HISTORY_WINDOW)), at, at, at, HISTORY_PER_RULE)
        .query((rs, n) -> {
          Past p = past.computeIfAbsent(rs.getLong("timer_key"), k -> {
            try {
              long started = nanos(rs.getTimestamp("started_at").toInstant());
              Past made = new Past(k, started, nanos(rs.getTimestamp("until").toInstant()) - started,
                  rs.getBoolean("late"));
              byRuleList.computeIfAbsent(rs.getString("rule"), r -> new ArrayList<>()).add(made);
              return made;
            } catch (SQLException e) {
              throw new IllegalStateException(e);
            }
          });
          String step = rs.getString("element_id");
          if (step != null) {
            Timestamp ended = rs.getTimestamp("step_ended");
            spells.computeIfAbsent(step, k -> new HashMap<>()).computeIfAbsent(p, k -> new ArrayList<>())
                .add(new long[] {nanos(rs.getTimestamp("step_started").toInstant()) - p.startedAt(),
                    ended == null ? Long.MAX_VALUE : nanos(ended.toInstant()) - p.startedAt()});
          }
          return p;
        })
        .list();
    Map<String, RunningAfter> byRule = new HashMap<>();
    byRuleList.forEach((rule, list) -> byRule.put(rule, new RunningAfter(list)));
    return new History(now, byRule, byRuleList, spells, new java.util.concurrent.ConcurrentHashMap<>());
  }

  private static long nanos(Instant at) {
    return at.getEpochSecond() * 1_000_000_000L + at.getNano();
  }

  /**
   * A rule's past clocks by how long they ran, to count those still running after a time (and how
   * many of them ended late) by binary search: the page ranks thousands of open clocks against
   * thousands of past ones.
   */
  private static final class RunningAfter {
    static final RunningAfter NONE = new RunningAfter(List.of());

    private final long[] ran;
    private final int[] lateFrom;

    RunningAfter(List<Past> past) {
      List<Past> sorted = past.stream().sorted(Comparator.comparingLong(Past::ran)).toList();
      ran = sorted.stream().mapToLong(Past::ran).toArray();
      lateFrom = new int[ran.length + 1];
      for (int i = ran.length - 1; i >= 0; i--) {
        lateFrom[i] = lateFrom[i + 1] + (sorted.get(i).late() ? 1 : 0);
      }
    }

    int running(long elapsed) {
      return ran.length - firstLonger(elapsed);
    }

    int late(long elapsed) {
      return lateFrom[firstLonger(elapsed)];
    }

    /** The index of the first clock that ran longer than elapsed. */
    private int firstLonger(long elapsed) {
      int low = 0;
      int high = ran.length;
      while (low < high) {
        int mid = (low + high) >>> 1;
        if (ran[mid] <= elapsed) {
          low = mid + 1;
        } else {
          high = mid;
        }
      }
      return low;
    }
  }

  /** A rule's past clocks whose journey was ever at one step, with those spells from the clock's start. */
  private static final class AtStep {
    private final long[] ran;
    private final boolean[] late;
    private final long[][] spells;

    AtStep(List<Past> past, Map<Past, List<long[]>> spellsOf) {
      List<Past> there = past.stream().filter(spellsOf::containsKey).toList();
      ran = there.stream().mapToLong(Past::ran).toArray();
      late = new boolean[there.size()];
      spells = new long[there.size()][];
      for (int i = 0; i < there.size(); i++) {
        late[i] = there.get(i).late();
        spells[i] = spellsOf.get(there.get(i)).stream().flatMapToLong(java.util.Arrays::stream).toArray();
      }
    }

    /** Those still running after elapsed and at the step then, and how many of them ended late. */
    long[] count(long elapsed) {
      long at = 0;
      long lateAt = 0;
      for (int i = 0; i < ran.length; i++) {
        if (ran[i] > elapsed && within(spells[i], elapsed)) {
          at++;
          lateAt += late[i] ? 1 : 0;
        }
      }
      return new long[] {at, lateAt};
    }

    private static boolean within(long[] spells, long elapsed) {
      for (int j = 0; j < spells.length; j += 2) {
        if (spells[j] <= elapsed && spells[j + 1] > elapsed) {
          return true;
        }
      }
      return false;
    }
  }

  /**
   * Per element of the model's latest version: journeys waiting there now, and for the period the
   * steps ended there (mean and p90 hours) and the breaches of clocks attached to it. Keyed by
   * element id, every element of the model present.
   */
  public Map<String, StepHeat> stepHeat(TeamMember member, String bpmnProcessId, Filter filter) {
    access.checkMayReadStepFigures(member, "step heat of " + bpmnProcessId);
    return stepHeat(bpmnProcessId, filter);
  }

  Map<String, StepHeat> stepHeat(String bpmnProcessId, Filter filter) {
    List<String[]> elements = db.sql("""
            select e.element_id, coalesce(e.name, e.element_id) from process_element e
            where e.definition_key = (select definition_key from process_definition where bpmn_process_id = ?
                                      order by version desc limit 1)
            order by e.element_id""")
        .param(bpmnProcessId).query((rs, n) -> new String[] {rs.getString(1), rs.getString(2)}).list();
    String[] ids = elements.stream().map(e -> e[0]).toArray(String[]::new);
    Map<String, Integer> waiting = new HashMap<>();
    db.sql("select element_id, count(distinct root_instance_key) from step_duration"
            + " where bpmn_process_id = ? and element_id = any(?) and ended_at is null group by element_id")
        .params(bpmnProcessId, ids).query((rs, n) -> waiting.put(rs.getString(1), rs.getInt(2))).list();
    Timestamp from = Timestamp.from(filter.start());
    Timestamp to = Timestamp.from(filter.end());
    // From the daily count of ended steps (V73): exact counts and means, p90 within the hour.
    Map<String, List<Bucket>> byElement = new HashMap<>();
    db.sql("""
            select element_id, hours, sum(steps), sum(seconds) from step_duration_day
            where bpmn_process_id = ? and element_id = any(?) and day >= ? and day <= ?
            group by 1, 2 having sum(steps) > 0 order by 1, 2""")
        .params(bpmnProcessId, ids, filter.from(), filter.to())
        .query((rs, n) -> byElement.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
            .add(new Bucket(rs.getLong(3), 0, 0, rs.getDouble(4))))
        .list();
    Map<String, Object[]> spent = new HashMap<>();
    byElement.forEach((element, buckets) -> {
      Figures f = Figures.of(buckets);
      spent.put(element, new Object[] {f.ended(),
          buckets.stream().mapToDouble(Bucket::seconds).sum() / f.ended() / 3600, f.p90()});
    });
    Map<String, Integer> breaches = new HashMap<>();
    // The model's clocks are those of its timers: each SLA timer id belongs to one model
    // (SlaTimersTest), so neither the clocks' rows nor their instances are read.
    db.sql("""
            select attached_element_id, count(*) from (
              select attached_element_id from sla_clock
              where breached_at >= ? and breached_at < ? and timer_element_id = any(?)
              union all
              select attached_element_id from sla_clock
              where ended_at >= ? and ended_at < ? and ended_at > due_at and breached_at is null
                and timer_element_id = any(?)) late
            where attached_element_id = any(?)
            group by 1""")
        .params(from, to, ids, from, to, ids, ids)
        .query((rs, n) -> breaches.put(rs.getString(1), rs.getInt(2))).list();
    Map<String, StepHeat> heat = new LinkedHashMap<>();
    for (String[] e : elements) {
      Object[] s = spent.get(e[0]);
      heat.put(e[0], new StepHeat(e[0], e[1], waiting.getOrDefault(e[0], 0), s == null ? 0 : (int) s[0],
          s == null ? null : (Double) s[1], s == null ? null : (Double) s[2], breaches.getOrDefault(e[0], 0)));
    }
    return heat;
  }

  /** The latest open waiting step of the clock's journey: where it waits now. */
  private static String openStep(String clock) {
    return """
        select s.element_id, coalesce(pe.name, s.element_id) as name from step_duration s
        left join process_element pe on pe.definition_key = s.definition_key and pe.element_id = s.element_id
        where s.root_instance_key = %1$s.root_instance_key and s.ended_at is null and %2$s
        order by s.started_at desc limit 1""".formatted(clock, WAITING_STEP);
  }

  private Map<String, String> wordings() {
    Map<String, String> wording = new HashMap<>();
    rules.slas().forEach(s -> wording.put(s.name(), s.wording()));
    return wording;
  }

  private static int rank(List<String> order, String rule) {
    int i = order.indexOf(rule);
    return i < 0 ? order.size() : i;
  }

  private static String nameOf(Dimension by, String key) {
    if (key == null) {
      return "Not recorded";
    }
    return switch (by) {
      case TEAM -> Teams.name(key);
      case BOROUGH -> Borough.ofCode(key).map(Borough::label).orElse(key);
      case HOSPITAL -> Hospital.ofCode(key).map(Hospital::label).orElse(key);
    };
  }

  private static String describe(Filter f) {
    return ", " + f.from() + " to " + f.to() + (f.team() == null ? "" : ", team " + f.team())
        + (f.borough() == null ? "" : ", " + f.borough()) + (f.hospital() == null ? "" : ", " + f.hospital());
  }

  /**
   * The counted clocks ended in the period. A clock stopped because its work was cancelled
   * (pathway changed, patient died, journey ended) counts only if it had already breached: the
   * ended clocks (V74) and the monthly count (V68) hold only those.
   */
  private static Where endedIn(Filter filter) {
    return new Where().and("ended_at >= ? and ended_at < ?", Timestamp.from(filter.start()),
        Timestamp.from(filter.end())).places(filter);
  }

  /** The measures of clocks ended (sla_clock_outcome): counts, share met, p50 and p90 duration in hours. */
  private static final String FIGURES = """
      count(*) as ended, count(*) filter (where met) as met, count(*) filter (where breached) as breaches,
      percentile_cont(array[0.5, 0.9]) within group (order by seconds) as p""";

  private record Figures(int ended, int met, int breaches, Double p50, Double p90) {
    static final Figures NONE = new Figures(0, 0, 0, null, null);

    static Figures of(ResultSet rs) throws SQLException {
      Double[] p = (Double[]) rs.getArray("p").getArray();
      return new Figures(rs.getInt("ended"), rs.getInt("met"), rs.getInt("breaches"), p[0] / 3600, p[1] / 3600);
    }

    /** From hour buckets in order of duration: percentile_cont's interpolation, each bucket's clocks at its mean. */
    static Figures of(List<Bucket> buckets) {
      long ended = buckets.stream().mapToLong(Bucket::clocks).sum();
      return new Figures((int) ended, (int) buckets.stream().mapToLong(Bucket::met).sum(),
          (int) buckets.stream().mapToLong(Bucket::breached).sum(), percentile(buckets, ended, 0.5) / 3600,
          percentile(buckets, ended, 0.9) / 3600);
    }

    private static double percentile(List<Bucket> buckets, long count, double p) {
      double rank = p * (count - 1);
      long below = (long) Math.floor(rank);
      double lower = valueAt(buckets, below);
      return lower + (rank - below) * (valueAt(buckets, (long) Math.ceil(rank)) - lower);
    }

    /** The duration of the clock at this 0-based rank. */
    private static double valueAt(List<Bucket> buckets, long rank) {
      long seen = 0;
      for (Bucket b : buckets) {
        seen += b.clocks();
        if (rank < seen) {
          return b.seconds() / b.clocks();
        }
      }
      throw new IllegalArgumentException("rank " + rank + " beyond " + seen + " clocks");
    }

    Double shareMet() {
      return ended == 0 ? null : (double) met / ended;
    }
  }

  /** A where clause built from the filter, with its parameters in order. */
  private static final class Where {
    String sql = "true";
    final List<Object> params = new ArrayList<>();

    Where and(String condition, Object... values) {
      sql = sql.equals("true") ? condition : sql + " and " + condition;
      params.addAll(List.of(values));
      return this;
    }

    Where places(Filter filter) {
      return places(filter, "");
    }

    Where places(Filter filter, String alias) {
      if (filter.team() != null) {
        and(alias + "team = ?", filter.team());
      }
      if (filter.borough() != null) {
        and(alias + "borough = ?", filter.borough());
      }
      if (filter.hospital() != null) {
        and(alias + "hospital = ?", filter.hospital());
      }
      return this;
    }
  }
}
