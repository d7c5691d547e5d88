package org.homefirst.processes;

import java.util.Set;

/**
 * Form keys of the user tasks ({@code camunda:formKey}): the inbox picks the form by this key.
 * Several tasks share {@link #RESOLVE_REJECTION}.
 */
public final class Forms {

  public static final String ACUTE_DST_REASON = "homefirst:acute-dst-reason";
  public static final String ASSESSMENT_AT_HOME = "homefirst:assessment-at-home";
  public static final String BED_STAY_REVIEW = "homefirst:bed-stay-review";
  public static final String CARE_HOME_CHOICE = "homefirst:care-home-choice";
  public static final String CHC_CHECKLIST = "homefirst:chc-checklist";
  public static final String CHC_DECISION = "homefirst:chc-decision";
  public static final String CHC_DST = "homefirst:chc-dst";
  public static final String CHC_FAST_TRACK = "homefirst:chc-fast-track";
  public static final String CONFIRM_DISCHARGE = "homefirst:confirm-discharge";
  public static final String CONFIRM_PATHWAY = "homefirst:confirm-pathway";
  public static final String FOLLOW_UP_CHECK = "homefirst:follow-up-check";
  public static final String HOME_CHECK = "homefirst:home-check";
  public static final String MADE_REVIEW = "homefirst:made-review";
  public static final String OUT_OF_HOURS_REASON = "homefirst:out-of-hours-reason";
  public static final String PATIENT_DECLINED = "homefirst:patient-declined";
  public static final String PLAN_DISCHARGE = "homefirst:plan-discharge";
  public static final String REABLEMENT_REVIEW = "homefirst:reablement-review";
  public static final String RECORD_DELAY = "homefirst:record-delay";
  public static final String RESOLVE_REJECTION = "homefirst:resolve-rejection";
  public static final String REVIEW_TRUSTED_ASSESSMENT = "homefirst:review-trusted-assessment";
  public static final String S117_DISPUTE = "homefirst:s117-dispute";
  public static final String S117_FUNDING = "homefirst:s117-funding";
  public static final String S117_COUNCIL_FUNDING = "homefirst:s117-council-funding";
  public static final String SLA_ESCALATION = "homefirst:sla-escalation";
  public static final String SUPPORT_STARTED = "homefirst:support-started";
  public static final String TRIAGE = "homefirst:triage";
  public static final String TRUSTED_ASSESSMENT = "homefirst:trusted-assessment";

  public static final Set<String> ALL = Set.of(
      ACUTE_DST_REASON, ASSESSMENT_AT_HOME, BED_STAY_REVIEW, CARE_HOME_CHOICE, CHC_CHECKLIST, CHC_DECISION,
      CHC_DST, CHC_FAST_TRACK, CONFIRM_DISCHARGE, CONFIRM_PATHWAY, FOLLOW_UP_CHECK, HOME_CHECK, MADE_REVIEW,
      OUT_OF_HOURS_REASON, PATIENT_DECLINED, PLAN_DISCHARGE, REABLEMENT_REVIEW, RECORD_DELAY,
      RESOLVE_REJECTION, REVIEW_TRUSTED_ASSESSMENT, S117_DISPUTE, S117_FUNDING, S117_COUNCIL_FUNDING, SLA_ESCALATION,
      SUPPORT_STARTED, TRIAGE, TRUSTED_ASSESSMENT);

  private Forms() {}
}
