package org.homefirst.referral;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.homefirst.base.PlainText;
import org.homefirst.patient.NhsNumber;

/**
 * Checks a submitted referral field by field and names every problem at once. Names and the ward
 * are plain text ({@link PlainText}); dates must be plausible: a date of birth within the last
 * {@value #OLDEST_AGE} years, an admission after birth, within the last {@value #LONGEST_STAY_YEARS}
 * years and not later than now (give or take {@link #CLOCK_SKEW}, for a sender's clock a little
 * ahead), a discharge ready time between admission and now; a postcode, when given, has the shape
 * of a UK postcode ({@link Postcodes}) and is kept in its normal form.
 */
final class ReferralValidation {

  /** Nobody referred is older than this (the oldest people recorded lived to 122). */
  static final int OLDEST_AGE = 125;
  /** An admission longer ago than this is a typing error in the year, not an acute stay. */
  static final int LONGEST_STAY_YEARS = 5;
  /** How far ahead of ours a sender's clock may be. */
  static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

  record ValidReferral(
      NhsNumber nhsNumber,
      String givenName,
      String familyName,
      LocalDate dateOfBirth,
      Borough borough,
      Hospital hospital,
      String ward,
      Instant admittedAt,
      Instant dischargeReadyAt,
      String postcode) {}

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
    String givenName = required(r.givenName(), "givenName", "the given name", 100, errors);
    String familyName = required(r.familyName(), "familyName", "the family name", 100, errors);
    String ward = required(r.ward(), "ward", "the ward", 100, errors);
    LocalDate today = LocalDate.now(clock);
    LocalDate dob = null;
    if (blank(r.dateOfBirth())) {
      errors.put("dateOfBirth", "date of birth is required (YYYY-MM-DD)");
    } else {
      try {
        dob = LocalDate.parse(r.dateOfBirth().trim());
        if (dob.isAfter(today)) {
          errors.put("dateOfBirth", "date of birth cannot be in the future");
        } else if (dob.isBefore(today.minusYears(OLDEST_AGE))) {
          errors.put("dateOfBirth", "date of birth is more than " + OLDEST_AGE + " years ago: check the year");
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
      if (admittedAt != null && admittedAt.isAfter(clock.instant().plus(CLOCK_SKEW))) {
        errors.put("admittedAt", "admission time cannot be in the future");
      } else if (admittedAt != null && admittedAt.isBefore(
          today.minusYears(LONGEST_STAY_YEARS).atStartOfDay(clock.getZone()).toInstant())) {
        errors.put("admittedAt", "admission is more than " + LONGEST_STAY_YEARS + " years ago: check the year");
      } else if (admittedAt != null && dob != null
          // a day's grace: the date of birth is local to wherever the patient was born
          && admittedAt.isBefore(dob.atStartOfDay(ZoneOffset.UTC).minusDays(1).toInstant())) {
        errors.put("admittedAt", "admission time cannot be before the date of birth");
      }
    }
    Instant readyAt = null;
    if (!blank(r.dischargeReadyAt())) {
      readyAt = instant(r.dischargeReadyAt(), "dischargeReadyAt", errors);
      if (readyAt != null && admittedAt != null && readyAt.isBefore(admittedAt)) {
        errors.put("dischargeReadyAt", "discharge ready time cannot be before admission");
      } else if (readyAt != null && readyAt.isAfter(clock.instant().plus(CLOCK_SKEW))) {
        errors.put("dischargeReadyAt", "discharge ready time cannot be in the future: leave it empty until the"
            + " patient no longer meets the criteria to reside");
      }
    }
    String postcode = null;
    if (!blank(r.postcode())) {
      String problem = Postcodes.problemWith(r.postcode());
      if (problem != null) {
        errors.put("postcode", problem);
      } else {
        postcode = Postcodes.normal(r.postcode());
      }
    }
    if (!errors.isEmpty()) {
      throw new InvalidReferral(errors);
    }
    return new ValidReferral(
        NhsNumber.parse(r.nhsNumber()), givenName, familyName, dob, borough, hospital, ward, admittedAt, readyAt,
        postcode);
  }

  private static Instant instant(String text, String field, Map<String, String> errors) {
    try {
      return OffsetDateTime.parse(text.trim()).toInstant();
    } catch (DateTimeParseException e) {
      errors.put(field, "not a date-time: use ISO 8601 with offset, e.g. 2026-11-20T09:30:00Z");
      return null;
    }
  }

  private static String required(String value, String field, String words, int max, Map<String, String> errors) {
    String label = FieldLabels.of(field);
    if (blank(value)) {
      errors.put(field, label + " is required");
      return null;
    }
    if (value.trim().length() > max) {
      errors.put(field, label + " must be at most " + max + " characters");
      return null;
    }
    String hidden = PlainText.problemInLine(value, words);
    if (hidden != null) {
      errors.put(field, hidden);
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
