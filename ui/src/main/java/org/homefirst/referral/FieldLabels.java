package org.homefirst.referral;

import java.util.Locale;
import java.util.Map;

/**
 * What the fields of the referral and event API are called in messages: the refer page's labels,
 * not the JSON names (a caller reads "given name", never "givenName"). A field without a label of
 * its own is spelt out from its name.
 */
final class FieldLabels {

  private static final Map<String, String> LABELS = Map.ofEntries(
      Map.entry("nhsNumber", "NHS number"),
      Map.entry("givenName", "given name"),
      Map.entry("familyName", "family name"),
      Map.entry("dateOfBirth", "date of birth"),
      Map.entry("admittedAt", "admission time"),
      Map.entry("dischargeReadyAt", "discharge ready time"),
      Map.entry("meetsCriteriaToReside", "meets the criteria to reside"),
      Map.entry("reviewedAt", "time of the review"),
      Map.entry("delayAttribution", "who the delay is attributed to"),
      Map.entry("delaySetting", "where the delay is (acute or non-acute)"),
      Map.entry("dischargedAt", "discharge time"),
      Map.entry("readmittedAt", "readmission time"),
      Map.entry("newPathway", "new pathway"),
      Map.entry("pathwayChangeReason", "reason for the change"),
      Map.entry("diedAt", "time of death"),
      Map.entry("declinedSupport", "support declined and advice given"),
      Map.entry("type", "event type"),
      Map.entry("body", "request body"));

  private FieldLabels() {}

  static String of(String field) {
    String label = LABELS.get(field);
    if (label != null) {
      return label;
    }
    // camelCase to words: "wardName" -> "ward name"
    return field.replaceAll("([a-z0-9])([A-Z])", "$1 $2").toLowerCase(Locale.UK);
  }
}
