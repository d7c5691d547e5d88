package org.homefirst.processes.engine;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.Period;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns what the FEEL engine returns into the values Home First stores as process variables:
 * String, Long (whole numbers) or Double, Boolean, {@link List}, {@link Map} (insertion order kept),
 * null; dates, times and durations as ISO-8601 strings, as Zeebe stored them in its JSON.
 */
public final class FeelValues {

  private FeelValues() {}

  public static Object toJava(Object value) {
    if (value == null || value instanceof String || value instanceof Boolean) {
      return value;
    }
    if (value instanceof Number number) {
      return number(number);
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> result = new LinkedHashMap<>();
      map.forEach((k, v) -> result.put(String.valueOf(k), toJava(v)));
      return result;
    }
    if (value instanceof Collection<?> list) {
      List<Object> result = new ArrayList<>(list.size());
      list.forEach(v -> result.add(toJava(v)));
      return result;
    }
    if (value instanceof ZonedDateTime t) {
      return t.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }
    if (value instanceof OffsetDateTime t) {
      return t.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }
    if (value instanceof LocalDateTime || value instanceof LocalDate || value instanceof LocalTime
        || value instanceof OffsetTime || value instanceof Period) {
      return value.toString();
    }
    if (value instanceof Duration d) {
      return duration(d);
    }
    if (value instanceof Character c) {
      return c.toString();
    }
    throw new IllegalArgumentException("FEEL returned a " + value.getClass().getName()
        + ", which is not a plain value: " + value);
  }

  private static Object number(Number number) {
    if (number instanceof Long || number instanceof Double) {
      return number;
    }
    if (number instanceof Integer || number instanceof Short || number instanceof Byte) {
      return number.longValue();
    }
    if (number instanceof Float f) {
      return f.doubleValue();
    }
    BigDecimal decimal = number instanceof BigDecimal b ? b
        : number instanceof BigInteger i ? new BigDecimal(i) : new BigDecimal(number.toString());
    try {
      return decimal.stripTrailingZeros().longValueExact();
    } catch (ArithmeticException notWholeOrTooBig) {
      return decimal.doubleValue();
    }
  }

  /** FEEL's days-and-time duration as FEEL writes it: P1DT2H, not Java's PT26H. */
  private static String duration(Duration d) {
    if (d.isZero()) {
      return "PT0S";
    }
    boolean negative = d.isNegative();
    Duration abs = d.abs();
    long days = abs.toDays();
    Duration rest = abs.minusDays(days);
    StringBuilder out = new StringBuilder(negative ? "-P" : "P");
    if (days > 0) {
      out.append(days).append('D');
    }
    if (!rest.isZero()) {
      out.append(rest.toString().substring(1));
    }
    return out.toString();
  }
}
