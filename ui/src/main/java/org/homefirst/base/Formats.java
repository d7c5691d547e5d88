package org.homefirst.base;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How dates, clocks and NHS numbers read in the UI: UK formats, Europe/London time. */
public final class Formats {

  public static final ZoneId LONDON = ZoneId.of("Europe/London");
  private static final DateTimeFormatter DATE_TIME =
      DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm", Locale.UK).withZone(LONDON);

  private Formats() {}

  public static String dateTime(Instant at) {
    return at == null ? "" : DATE_TIME.format(at);
  }

  public static String nhsNumber(String digits) {
    if (digits == null || digits.length() != 10) {
      return digits == null ? "" : digits;
    }
    return digits.substring(0, 3) + " " + digits.substring(3, 6) + " " + digits.substring(6);
  }

  /** "2 h 15 m left" or "OVERDUE by 1 d 3 h": words, so it does not rely on colour. */
  public static String clock(Duration left) {
    if (left == null) {
      return "no clock";
    }
    String span = span(left.abs());
    return left.isNegative() ? "OVERDUE by " + span : span + " left";
  }

  /** "3 d 4 h", "5 h 10 m", "12 m". */
  public static String span(Duration d) {
    long days = d.toDays();
    long hours = d.toHoursPart();
    long minutes = d.toMinutesPart();
    if (days > 0) {
      return days + " d " + hours + " h";
    }
    if (hours > 0) {
      return hours + " h " + minutes + " m";
    }
    return minutes + " m";
  }
}
