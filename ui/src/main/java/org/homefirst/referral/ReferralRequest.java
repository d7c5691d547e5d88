package org.homefirst.referral;

/**
 * A referral as submitted to the intake API. Fields are text so that every bad value can be
 * reported against its field, rather than failing the whole body at the first one.
 * {@code postcode} (the patient's home) is optional for senders that do not know it yet.
 */
public record ReferralRequest(
    String nhsNumber,
    String givenName,
    String familyName,
    String dateOfBirth,
    String borough,
    String hospital,
    String ward,
    String admittedAt,
    String dischargeReadyAt,
    String postcode) {

  /** A referral without the postcode. */
  public ReferralRequest(String nhsNumber, String givenName, String familyName, String dateOfBirth, String borough,
      String hospital, String ward, String admittedAt, String dischargeReadyAt) {
    this(nhsNumber, givenName, familyName, dateOfBirth, borough, hospital, ward, admittedAt, dischargeReadyAt, null);
  }
}
