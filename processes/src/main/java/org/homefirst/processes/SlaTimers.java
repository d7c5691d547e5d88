package org.homefirst.processes;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The SLA timers of the models: each non-interrupting boundary timer whose path starts a
 * {@link Processes#SLA_ESCALATION} instance, with the {@code slaName} that escalation gets, the
 * clock variable its duration comes from and the team it escalates to ({@code escalateTo}, as a
 * FEEL expression: a plain value in the model is written here as a FEEL string). The application
 * keeps a row per running clock from these; {@code SlaTimersTest} holds them to the models.
 */
public final class SlaTimers {

  /** One SLA timer of the models. */
  public record SlaTimer(String timerId, String slaName, String clock, String escalateTo) {}

  public static final List<SlaTimer> ALL = List.of(
      new SlaTimer("Timer_TriageSla", "triage", "triageWithin", "dischargeTeam"),
      new SlaTimer("Timer_AssessmentSla", "trusted-assessment", "assessmentWithin", "assessorTeam"),
      new SlaTimer("Timer_ReablementStartSla", "reablement-start", "reablementStartWithin", "reablementTeam"),
      new SlaTimer("Timer_HomeAssessmentSla", "home-assessment", "homeAssessmentWithin", "homeAssessmentTeam"),
      new SlaTimer("Timer_ReablementReviewSla", "reablement-review", "reablementReviewWithin", "reablementTeam"),
      new SlaTimer("Timer_TransferSla", "rehab-transfer", "rehabTransferWithin", "dischargeTeam"),
      new SlaTimer("Timer_BedStayReviewSla", "bed-stay-review", "bedStayReviewAfter", "\"nelft-irs\""),
      new SlaTimer("Timer_InterimPlacementSla", "interim-placement", "interimPlacementReviewAfter",
          "\"council-\" + borough"),
      new SlaTimer("Timer_ChcDecisionSla", "chc-decision", "chcDecisionWithin", "\"chc\""),
      new SlaTimer("Timer_FastTrackSla", "chc-fast-track", "fastTrackAcceptWithin", "\"chc\""));

  /** By timer element id. */
  public static final Map<String, SlaTimer> BY_TIMER =
      ALL.stream().collect(Collectors.toUnmodifiableMap(SlaTimer::timerId, Function.identity()));

  private SlaTimers() {}
}
