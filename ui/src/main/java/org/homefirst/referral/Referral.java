package org.homefirst.referral;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * A patient referred for discharge support: one open referral per patient at a time.
 * {@code locality}: for Redbridge residents, the locality id whose team takes community handoffs.
 */
public record Referral(
    UUID id,
    String nhsNumber,
    String givenName,
    String familyName,
    LocalDate dateOfBirth,
    Borough borough,
    Hospital hospital,
    String ward,
    Instant admittedAt,
    Instant dischargeReadyAt,
    String status,
    Long processInstanceKey,
    Instant createdAt,
    String createdBy,
    Instant closedAt,
    String postcode,
    String locality) {

  public String patientName() {
    return givenName + " " + familyName;
  }
}
