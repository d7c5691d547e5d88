package org.homefirst.inbox;

import java.time.Duration;
import java.time.Period;
import java.util.Map;
import java.util.Optional;
import org.homefirst.referral.JourneyClocks;
import org.springframework.stereotype.Component;

/**
 * The service standard behind each task's clock, so a coordinator sees not only that a task is
 * due but by which rule: the models set a task's due time from a clock variable (e.g. {@code
 * =now() + duration(triageWithin)}); this names that rule and where it comes from
 * ({@code ../shared/domain.md}), with the duration this locality configured.
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

  private final JourneyClocks clocks;

  SlaRules(JourneyClocks clocks) {
    this.clocks = clocks;
  }

  /** "Triage within 24 h of referral", for a task that has a rule. */
  public Optional<String> of(String elementId) {
    Rule rule = BY_TASK.get(elementId);
    if (rule == null) {
      return Optional.empty();
    }
    String value = clocks.getClocks().get(rule.clock());
    return Optional.of(rule.wording().formatted(value == null ? "the agreed time" : words(value)));
  }

  /** The rule with its source: "Triage within 24 h of referral (local standard)". */
  public Optional<String> withSource(String elementId) {
    return of(elementId).map(w -> w + " (" + BY_TASK.get(elementId).source() + ")");
  }

  /** PT24H -> "24 h", PT90M -> "90 min", P2D -> "2 days", P1D -> "1 day". */
  static String words(String iso) {
    if (iso.startsWith("PT")) {
      Duration d = Duration.parse(iso);
      return d.toMinutesPart() == 0 && d.toSecondsPart() == 0 ? d.toHours() + " h" : d.toMinutes() + " min";
    }
    Period p = Period.parse(iso.contains("T") ? iso.substring(0, iso.indexOf('T')) : iso);
    int days = p.getDays() + p.getMonths() * 30 + p.getYears() * 365;
    return days + (days == 1 ? " day" : " days");
  }
}
