package org.homefirst.console;

import java.util.Locale;

/**
 * One figure of a return: its value (a count, a percentage or days, rounded to one decimal place as
 * submitted), the numerator and denominator of a share, the target where there is one and whether
 * it is met (null: no target to judge by), and the definition and source a reader checks it against.
 */
record Figure(String code, String label, Double value, String unit, Long numerator, Long denominator, String target,
    Boolean met, String definition, String source) {

  static final String COUNT = "patients";
  static final String PERCENT = "%";
  static final String DAYS = "days";

  static Figure count(String code, String label, long n, String definition, String source) {
    return new Figure(code, label, (double) n, COUNT, null, null, null, null, definition, source);
  }

  static Figure percent(String code, String label, long numerator, long denominator, String target, Boolean met,
      String definition, String source) {
    Double share = denominator == 0 ? null : ReturnMeasures.round1(numerator * 100.0 / denominator);
    return new Figure(code, label, share, PERCENT, numerator, denominator, target, met, definition, source);
  }

  static Figure days(String code, String label, Double days, String definition, String source) {
    return new Figure(code, label, ReturnMeasures.round1(days), DAYS, null, null, null, null, definition, source);
  }

  /** "62.5% (5 of 8)", "3.4 days", "12": how the figure reads, the same on screen and in exports. */
  String shown() {
    if (value == null) {
      return denominator != null ? "no data (0 of 0)" : "no data";
    }
    return switch (unit) {
      case PERCENT -> String.format(Locale.UK, "%.1f%% (%d of %d)", value, numerator, denominator);
      case DAYS -> String.format(Locale.UK, "%.1f days", value);
      default -> String.valueOf(value.longValue());
    };
  }

  /** "met", "not met" or "" in words, so a target is never shown by colour alone. */
  String judged() {
    return met == null ? "" : met ? "met" : "not met";
  }
}
