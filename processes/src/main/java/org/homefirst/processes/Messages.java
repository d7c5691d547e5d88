package org.homefirst.processes;

import java.util.Set;

/**
 * Message names the application correlates. The models carry no correlation keys: journey events
 * are correlated by business key (the referral id) to every instance waiting for them;
 * {@link #PARTNER_DECIDED} by the waiting task's local {@link ProcessVariables#PARTNER_REQUEST_KEY}.
 */
public final class Messages {

  /** A partner's decision on one request; correlate with {@code localVariableEquals(PARTNER_REQUEST_KEY, key)}. */
  public static final String PARTNER_DECIDED = "homefirst.partner-decided";
  public static final String CRITERIA_TO_RESIDE_REVIEWED = "homefirst.criteria-to-reside-reviewed";
  public static final String DELAY_REPORTED = "homefirst.delay-reported";
  public static final String PATIENT_DISCHARGED = "homefirst.patient-discharged";
  public static final String PATHWAY_CHANGED = "homefirst.pathway-changed";
  public static final String PATIENT_READMITTED = "homefirst.patient-readmitted";
  public static final String PATIENT_DIED = "homefirst.patient-died";
  public static final String PATIENT_DECLINED = "homefirst.patient-declined";
  /** The patient declines further assessment in hospital: assessed at home on pathway 0 or 1 instead. */
  public static final String HOSPITAL_ASSESSMENT_DECLINED = "homefirst.hospital-assessment-declined";

  /** The journey events: correlated by business key = referral id. */
  public static final Set<String> JOURNEY_EVENTS = Set.of(CRITERIA_TO_RESIDE_REVIEWED, DELAY_REPORTED,
      PATIENT_DISCHARGED, PATHWAY_CHANGED, PATIENT_READMITTED, PATIENT_DIED, PATIENT_DECLINED,
      HOSPITAL_ASSESSMENT_DECLINED);

  public static final Set<String> ALL = Set.of(PARTNER_DECIDED, CRITERIA_TO_RESIDE_REVIEWED, DELAY_REPORTED,
      PATIENT_DISCHARGED, PATHWAY_CHANGED, PATIENT_READMITTED, PATIENT_DIED, PATIENT_DECLINED,
      HOSPITAL_ASSESSMENT_DECLINED);

  private Messages() {}
}
