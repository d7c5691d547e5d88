package org.homefirst.referral;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.homefirst.patient.NhsNumber;

/** Checks a submitted referral field by field and names every problem at once. */
final class ReferralValidation {

  record ValidReferral(
      NhsNumber nhsNumber,
      String givenName,
      String familyName,
      LocalDate dateOfBirth,
      Borough borough,
      Hospital hospital,
      String ward,
      Instant admittedAt,
      Instant dischargeReadyAt) {}

  private ReferralValidation() {}

  static ValidReferral validate(ReferralRequest r, Clock clock) {
    Map<String, String> errors = new LinkedHashMap<>();
    if (r == null) {
      throw new InvalidReferral(Map.of("body", "a referral is required"));
    }
    String nhsProblem = NhsNumber.problemWith(r.nhsNumber());
    if (nhsProblem != null) {
      errors.put("nhsNumber", nhsProblem);
    }
    String givenName = required(r.givenName(), "givenName", 100, errors);
    String familyName = required(r.familyName(), "familyName", 100, errors);
    String ward = required(r.ward(), "ward", 100, errors);
    LocalDate dob = null;
    if (blank(r.dateOfBirth())) {
      errors.put("dateOfBirth", "date of birth is required (YYYY-MM-DD)");
    } else {
      try {
        dob = LocalDate.parse(r.dateOfBirth().trim());
        if (dob.isAfter(LocalDate.now(clock))) {
          errors.put("dateOfBirth", "date of birth cannot be in the future");
        }
      } catch (DateTimeParseException e) {
        errors.put("dateOfBirth", "not a date: use YYYY-MM-DD");
      }
    }
    Borough borough = null;
    if (blank(r.borough())) {
      errors.put("borough", "borough is required: one of " + codes(Borough.values()));
    } else {
      borough = Borough.ofCode(r.borough().trim()).orElse(null);
      if (borough == null) {
        errors.put("borough", "unknown borough '" + r.borough() + "': one of " + codes(Borough.values()));
      }
    }
    Hospital hospital = null;
    if (blank(r.hospital())) {
      errors.put("hospital", "hospital is required: one of " + codes(Hospital.values()));
    } else {
      hospital = Hospital.ofCode(r.hospital().trim()).orElse(null);
      if (hospital == null) {
        errors.put("hospital", "unknown hospital '" + r.hospital() + "': one of " + codes(Hospital.values()));
      }
    }
    Instant admittedAt = null;
    if (blank(r.admittedAt())) {
      errors.put("admittedAt", "admission time is required (ISO 8601 with offset, e.g. 2026-11-20T09:30:00Z)");
    } else {
      admittedAt = instant(r.admittedAt(), "admittedAt", errors);
      if (admittedAt != null && admittedAt.isAfter(clock.instant())) {
        errors.put("admittedAt", "admission time cannot be in the future");
      }
    }
    Instant readyAt = null;
    if (!blank(r.dischargeReadyAt())) {
      readyAt = instant(r.dischargeReadyAt(), "dischargeReadyAt", errors);
      if (readyAt != null && admittedAt != null && readyAt.isBefore(admittedAt)) {
        errors.put("dischargeReadyAt", "discharge ready time cannot be before admission");
      }
    }
    if (!errors.isEmpty()) {
      throw new InvalidReferral(errors);
    }
    return new ValidReferral(
        NhsNumber.parse(r.nhsNumber()), givenName, familyName, dob, borough, hospital, ward, admittedAt, readyAt);
  }

  private static Instant instant(String text, String field, Map<String, String> errors) {
    try {
      return OffsetDateTime.parse(text.trim()).toInstant();
    } catch (DateTimeParseException e) {
      errors.put(field, "not a date-time: use ISO 8601 with offset, e.g. 2026-11-20T09:30:00Z");
      return null;
    }
  }

  private static String required(String value, String field, int max, Map<String, String> errors) {
    if (blank(value)) {
      errors.put(field, field + " is required");
      return null;
    }
    if (value.trim().length() > max) {
      errors.put(field, field + " must be at most " + max + " characters");
      return null;
    }
    return value.trim();
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }

  private static String codes(Coded[] values) {
    return Coded.codes(values);
  }
}
