package org.homefirst.processes;

import java.util.List;

/**
 * Variables the application reads or writes by name outside a form or a worker's record. The full
 * list of variables is in {@code processes/README.md}.
 */
public final class ProcessVariables {

  /** The referral id: start variable and business key of every instance of a journey. */
  public static final String REFERRAL_ID = "referralId";

  /**
   * Local variable of each wait for {@link Messages#PARTNER_DECIDED}: the key of the request it
   * waits for (copied from e.g. {@code rehabBedRequestKey} when the wait starts).
   */
  public static final String PARTNER_REQUEST_KEY = "partnerRequestKey";

  /**
   * Start variable: the team of the ward therapists (physiotherapists, occupational therapists) of
   * the patient's hospital, who may do the trusted assessment beside the discharge team.
   */
  public static final String WARD_THERAPY_TEAM = "wardTherapyTeam";

  /**
   * What triage records about the patient (the triage form's answers), in the order the form asks
   * them; all but {@code wishesInOwnWords} are inputs of the pathway suggestion DMN.
   */
  public static final List<String> TRIAGE_FACTS = List.of("fastTrack", "livesAlone", "carerAvailable", "cognition",
      "mobility", "recentFalls", "infection", "homeEnvironment", "carePackage", "patientWishes", "wishesInOwnWords");

  /** Who did the trusted assessment: their profession (the assessment form's first answer). */
  public static final String ASSESSOR_PROFESSION = "assessorProfession";

  /**
   * The domains of a trusted assessment, in the order the form asks them: the domain's code (what
   * the receiving service names as {@link #FLAW_DOMAIN}) and the variable holding the assessor's
   * findings.
   */
  public static final List<AssessmentDomain> ASSESSMENT_DOMAINS = List.of(
      new AssessmentDomain("mobility", "assessmentMobility"),
      new AssessmentDomain("personal-care", "assessmentPersonalCare"),
      new AssessmentDomain("continence", "assessmentContinence"),
      new AssessmentDomain("cognition", "assessmentCognition"),
      new AssessmentDomain("skin", "assessmentSkin"),
      new AssessmentDomain("medication", "assessmentMedication"),
      new AssessmentDomain("home", "assessmentHome"),
      new AssessmentDomain("equipment", "assessmentEquipment"),
      new AssessmentDomain("risks", "assessmentRisks"),
      new AssessmentDomain("goals", "assessmentGoals"));

  /** A domain of the trusted assessment and the variable of its findings. */
  public record AssessmentDomain(String code, String variable) {}

  /** The receiving service's answer when it flags an assessment: the domain at fault (a code above). */
  public static final String FLAW_DOMAIN = "flawDomain";

  /** The flaws found in the assessments: a list of {@code {kind, domain, reason, flaggedBy, at}}. */
  public static final String ASSESSMENT_FLAWS = "assessmentFlaws";

  /**
   * Set when the patient declined further assessment in hospital ({@link
   * Messages#HOSPITAL_ASSESSMENT_DECLINED}): {@code {hasCapacityForDecision, recordedBy, onPathway, at}}.
   */
  public static final String HOSPITAL_ASSESSMENT_DECLINED = "hospitalAssessmentDeclined";

  private ProcessVariables() {}
}
