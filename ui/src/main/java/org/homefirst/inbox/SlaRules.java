package org.homefirst.inbox;

import java.time.Duration;
import java.time.Period;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.homefirst.processes.SlaTimers;
import org.homefirst.referral.SlaTargets;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The service standard behind each task's clock, so a coordinator sees not only that a task is
 * due but by which rule: the models set a task's due time from a clock variable (e.g. {@code
 * =now() + duration(triageWithin)}); this names that rule and where it comes from
 * ({@code docs/domain.md}), with the target in force ({@link SlaTargets}: configured, or as a
 * manager changed it).
 */
@Component
public class SlaRules {

  /** One rule: the clock variable its due time comes from, its wording ({@code %s}: the duration) and source. */
  record Rule(String clock, String wording, String source) {}

  private static final Rule TRIAGE = new Rule("triageWithin", "Triage within %s of referral", "local standard");
  private static final Rule TRUSTED_ASSESSMENT =
      new Rule("assessmentWithin", "Trusted assessment within %s", "joint assessment 24-48 h, Redbridge");
  private static final Rule FAST_TRACK = new Rule("fastTrackAcceptWithin", "Fast Track accepted within %s", "local norm");
  private static final Rule REABLEMENT_START =
      new Rule("reablementStartWithin", "Support starts within %s of discharge", "NHS Long Term Plan");
  private static final Rule HOME_ASSESSMENT =
      new Rule("homeAssessmentWithin", "Assessment at home within %s of discharge", "pathway 1, local examples");
  private static final Rule REABLEMENT_REVIEW =
      new Rule("reablementReviewWithin", "Reablement reviewed within %s of discharge", "support up to 6 weeks");
  private static final Rule BED_STAY_REVIEW =
      new Rule("bedStayReviewAfter", "Bed stay reviewed %s after the transfer", "pathway 2, local example");
  private static final Rule CHC_DECISION =
      new Rule("chcDecisionWithin", "CHC funding decision within %s of the checklist", "CHC framework 2022");
  private static final Rule MADE_REVIEW =
      new Rule("escalateToMadeAfter", "Goes to a MADE review if not resolved within %s", "local escalation");

  /**
   * The rule of each task the models give a due time: its own clock, or the clock of the
   * sub-process it is part of (the CHC assessment's three steps all run to the 28-day decision).
   */
  static final Map<String, Rule> BY_TASK = Map.ofEntries(
      Map.entry("Task_Triage", TRIAGE),
      Map.entry("Task_TrustedAssessment", TRUSTED_ASSESSMENT),
      Map.entry("Task_FastTrackDecision", FAST_TRACK),
      Map.entry("Task_ConfirmServiceStarted", REABLEMENT_START),
      Map.entry("Task_AssessAtHome", HOME_ASSESSMENT),
      Map.entry("Task_ReablementReview", REABLEMENT_REVIEW),
      Map.entry("Task_BedStayReview", BED_STAY_REVIEW),
      Map.entry("Task_DecisionSupportTool", CHC_DECISION),
      Map.entry("Task_RecordAcuteDstReason", CHC_DECISION),
      Map.entry("Task_IcbDecision", CHC_DECISION),
      Map.entry("Task_TeamLeadReview", MADE_REVIEW));

  /**
   * Tasks of a shared model whose due time, when they have one, is the clock of the model that
   * called them (the discharge of a rehab bed transfer runs to the 72-hour transfer): the inbox
   * names the running clock that falls due then ({@link InboxTask#clock()}).
   */
  static final Set<String> DUE_BY_CALLERS_CLOCK =
      Set.of("Task_PlanDischarge", "Task_JustifyOutOfHours", "Task_ConfirmDischarge");

  /**
   * The journey's clocks: each timer event of the models (SLA boundaries, the day-91 check, ...),
   * by its id. A task's SLA boundary runs by the task's rule. The daily delay check is no service
   * standard and has none.
   */
  static final Map<String, Rule> BY_TIMER = Map.ofEntries(
      Map.entry("Timer_TriageSla", TRIAGE),
      Map.entry("Timer_AssessmentSla", TRUSTED_ASSESSMENT),
      Map.entry("Timer_FastTrackSla", FAST_TRACK),
      Map.entry("Timer_ReablementStartSla", REABLEMENT_START),
      Map.entry("Timer_HomeAssessmentSla", HOME_ASSESSMENT),
      Map.entry("Timer_ReablementReviewSla", REABLEMENT_REVIEW),
      Map.entry("Timer_BedStayReviewSla", BED_STAY_REVIEW),
      Map.entry("Timer_TransferSla", new Rule("rehabTransferWithin", "Transfer to a community rehab bed within %s", "contract KPI, BHR plan")),
      Map.entry("Timer_ChcDecisionSla", CHC_DECISION),
      Map.entry("Timer_InterimPlacementSla", new Rule("interimPlacementReviewAfter", "Interim placement reviewed %s after discharge", "pathway 3, local example")),
      Map.entry("Timer_HomeCheckDue", new Rule("homeCheckAfter", "Home check %s after discharge", "pathway 0: not home within 72 h means a placement")),
      Map.entry("Timer_FollowUpDue", new Rule("followUpAfter", "Still at home %s after discharge?", "Home First outcome measure")),
      Map.entry("Timer_MadeReviewDue", MADE_REVIEW));

  /**
   * Each SLA rule by the {@code slaName} its timer passes to the escalation (processes/README.md),
   * with that timer: the manager console reports by these names.
   */
  static final Map<String, String> TIMER_BY_SLA_NAME = SlaTimers.ALL.stream().collect(Collectors.toMap(
      SlaTimers.SlaTimer::slaName, SlaTimers.SlaTimer::timerId, (a, b) -> a, LinkedHashMap::new));

  /** An SLA rule as the console shows it: its slaName, wording with this locality's duration, and that duration. */
  public record Sla(String name, String wording, Duration target) {}

  private final Supplier<Map<String, String>> clocks;

  @Autowired
  SlaRules(SlaTargets targets) {
    this(targets::inForce);
  }

  SlaRules(Supplier<Map<String, String>> clocks) {
    this.clocks = clocks;
  }

  /** "Triage within 24 h of referral", for a task that has a rule. */
  public Optional<String> of(String elementId) {
    Rule rule = BY_TASK.get(elementId);
    if (rule == null) {
      return Optional.empty();
    }
    return Optional.of(worded(rule));
  }

  private String worded(Rule rule) {
    return worded(rule, clocks.get().get(rule.clock()));
  }

  private static String worded(Rule rule, String value) {
    return rule.wording().formatted(value == null ? "the agreed time" : words(value));
  }

  /** The rule a clock runs by, worded with the given value: "Triage within 12 h of referral". */
  public Optional<String> ofTarget(String clock, String value) {
    return byClock(clock).map(rule -> worded(rule, value));
  }

  /** Where a clock's standard comes from ("local standard", "CHC framework 2022"). */
  public Optional<String> sourceOf(String clock) {
    return byClock(clock).map(Rule::source);
  }

  private static Optional<Rule> byClock(String clock) {
    return BY_TIMER.values().stream().filter(rule -> rule.clock().equals(clock)).findFirst();
  }

  /** The rule of one of the journey's clocks (a timer event's id), with its source. */
  public Optional<String> ofClock(String timerId) {
    Rule rule = BY_TIMER.get(timerId);
    return rule == null ? Optional.empty() : Optional.of(worded(rule) + " (" + rule.source() + ")");
  }

  /** The rule with its source: "Triage within 24 h of referral (local standard)". */
  public Optional<String> withSource(String elementId) {
    return of(elementId).map(w -> w + " (" + BY_TASK.get(elementId).source() + ")");
  }

  /**
   * The rule a task's due time comes from: the task's own, else the running clock that falls due
   * when the task does (a discharge within a rehab bed transfer runs to the transfer's 72 hours).
   */
  public Optional<String> forTask(InboxTask task) {
    return ruleOf(task).map(this::worded);
  }

  /** {@link #forTask} with the rule's source. */
  public Optional<String> forTaskWithSource(InboxTask task) {
    return ruleOf(task).map(rule -> worded(rule) + " (" + rule.source() + ")");
  }

  /** The rule of an SLA by its slaName ("chc-decision"), worded with this locality's duration, with its source. */
  public Optional<String> ofSlaName(String slaName) {
    return Optional.ofNullable(TIMER_BY_SLA_NAME.get(slaName)).flatMap(this::ofClock);
  }

  private static Optional<Rule> ruleOf(InboxTask task) {
    Rule own = BY_TASK.get(task.elementId());
    if (own != null || task.dueAt() == null || task.clock() == null) {
      return Optional.ofNullable(own);
    }
    return Optional.ofNullable(TIMER_BY_SLA_NAME.get(task.clock())).map(BY_TIMER::get);
  }

  /** Every SLA rule of the models, in the order of the journey, with this locality's durations. */
  public List<Sla> slas() {
    return TIMER_BY_SLA_NAME.entrySet().stream().map(e -> {
      Rule rule = BY_TIMER.get(e.getValue());
      String value = clocks.get().get(rule.clock());
      return new Sla(e.getKey(), worded(rule), value == null ? null : duration(value));
    }).toList();
  }

  /** PT24H and P2D as a duration (a day as 24 h: the clocks run on elapsed time). */
  static Duration duration(String iso) {
    if (iso.startsWith("PT")) {
      return Duration.parse(iso);
    }
    Period p = Period.parse(iso.contains("T") ? iso.substring(0, iso.indexOf('T')) : iso);
    Duration time = iso.contains("T") ? Duration.parse("PT" + iso.substring(iso.indexOf('T') + 1)) : Duration.ZERO;
    return Duration.ofDays(p.getDays() + p.getMonths() * 30L + p.getYears() * 365L).plus(time);
  }

  /** PT24H -> "24 h", PT90M -> "90 min", PT30S -> "30 s", P2D -> "2 days", P1D -> "1 day". */
  public static String words(String iso) {
    if (iso.startsWith("PT")) {
      Duration d = Duration.parse(iso);
      if (d.toSecondsPart() != 0) {
        return d.toSeconds() + " s";
      }
      return d.toMinutesPart() == 0 ? d.toHours() + " h" : d.toMinutes() + " min";
    }
    Period p = Period.parse(iso.contains("T") ? iso.substring(0, iso.indexOf('T')) : iso);
    int days = p.getDays() + p.getMonths() * 30 + p.getYears() * 365;
    return days + (days == 1 ? " day" : " days");
  }
}
