package org.homefirst.console;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.homefirst.base.Formats;

/** The dates a return covers, both included, as calendar days in Europe/London. */
record ReturnPeriod(LocalDate from, LocalDate to) {

  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.UK);

  ReturnPeriod {
    if (from == null || to == null || to.isBefore(from)) {
      throw new IllegalArgumentException("A return's period needs a start date on or before its end date");
    }
  }

  /** The last full calendar month before today. */
  static ReturnPeriod lastMonth(LocalDate today) {
    LocalDate first = today.withDayOfMonth(1).minusMonths(1);
    return new ReturnPeriod(first, first.plusMonths(1).minusDays(1));
  }

  /** The last full calendar quarter before today. */
  static ReturnPeriod lastQuarter(LocalDate today) {
    LocalDate thisQuarter = today.withDayOfMonth(1).withMonth((today.getMonthValue() - 1) / 3 * 3 + 1);
    LocalDate first = thisQuarter.minusMonths(3);
    return new ReturnPeriod(first, thisQuarter.minusDays(1));
  }

  Instant start() {
    return from.atStartOfDay(Formats.LONDON).toInstant();
  }

  /** The first instant after the period: the start of the day after its last. */
  Instant end() {
    return to.plusDays(1).atStartOfDay(Formats.LONDON).toInstant();
  }

  String words() {
    return DAY.format(from) + " to " + DAY.format(to);
  }
}
