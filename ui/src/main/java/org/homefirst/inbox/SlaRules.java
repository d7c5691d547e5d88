package org.homefirst.inbox;

import java.time.Duration;
import java.time.Period;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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

  static final Map<String, Rule> BY_TASK = Map.of(
      "Task_Triage", new Rule("triageWithin", "Triage within %s of referral", "local standard"),
      "Task_TrustedAssessment", new Rule("assessmentWithin", "Trusted assessment within %s", "joint assessment 24-48 h, Redbridge"),
      "Task_FastTrackDecision", new Rule("fastTrackAcceptWithin", "Fast Track accepted within %s", "local norm"),
      "Task_ConfirmServiceStarted", new Rule("reablementStartWithin", "Support starts within %s", "NHS Long Term Plan"),
      "Task_AssessAtHome", new Rule("homeAssessmentWithin", "Assessment at home within %s", "pathway 1, local examples"),
      "Task_ReablementReview", new Rule("reablementReviewWithin", "Reablement reviewed within %s", "support up to 6 weeks"),
      "Task_BedStayReview", new Rule("bedStayReviewAfter", "Bed stay reviewed after %s", "pathway 2, local example"));

  /**
   * The journey's clocks: each timer event of the models (SLA boundaries, the day-91 check, ...),
   * by its id. A task's SLA boundary runs by the task's rule. The daily delay check is no service
   * standard and has none.
   */
  static final Map<String, Rule> BY_TIMER = Map.ofEntries(
      Map.entry("Timer_TriageSla", BY_TASK.get("Task_Triage")),
      Map.entry("Timer_AssessmentSla", BY_TASK.get("Task_TrustedAssessment")),
      Map.entry("Timer_FastTrackSla", BY_TASK.get("Task_FastTrackDecision")),
      Map.entry("Timer_ReablementStartSla", BY_TASK.get("Task_ConfirmServiceStarted")),
      Map.entry("Timer_HomeAssessmentSla", BY_TASK.get("Task_AssessAtHome")),
      Map.entry("Timer_ReablementReviewSla", BY_TASK.get("Task_ReablementReview")),
      Map.entry("Timer_BedStayReviewSla", BY_TASK.get("Task_BedStayReview")),
      Map.entry("Timer_TransferSla", new Rule("rehabTransferWithin", "Transfer to a community rehab bed within %s", "contract KPI, BHR plan")),
      Map.entry("Timer_ChcDecisionSla", new Rule("chcDecisionWithin", "CHC funding decision within %s of the checklist", "CHC framework 2022")),
      Map.entry("Timer_InterimPlacementSla", new Rule("interimPlacementReviewAfter", "Interim placement reviewed after %s", "pathway 3, local example")),
      Map.entry("Timer_HomeCheckDue", new Rule("homeCheckAfter", "Home check %s after discharge", "pathway 0: not home within 72 h means a placement")),
      Map.entry("Timer_FollowUpDue", new Rule("followUpAfter", "Still at home %s after discharge?", "Home First outcome measure")),
      Map.entry("Timer_MadeReviewDue", new Rule("escalateToMadeAfter", "Escalated to a MADE review if not resolved within %s", "local escalation")));

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
