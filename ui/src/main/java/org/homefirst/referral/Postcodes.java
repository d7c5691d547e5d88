package org.homefirst.referral;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * UK postcodes as people type them: any case, any spacing ({@code ig11aa}, {@code IG1  1AA}),
 * kept in the Royal Mail form {@code IG1 1AA}. Checks the shape only (outward code, space, inward
 * code), not that the postcode exists.
 */
public final class Postcodes {

  private static final Pattern SHAPE = Pattern.compile("^([A-Z]{1,2}[0-9][A-Z0-9]?)([0-9][A-Z]{2})$");
  private static final String EXAMPLE = "e.g. IG1 1AA";

  private Postcodes() {}

  /** The postcode in the form {@code IG1 1AA}; the text must be one ({@link #problemWith} is null). */
  public static String normal(String text) {
    var m = SHAPE.matcher(compact(text));
    if (!m.matches()) {
      throw new IllegalArgumentException(problemWith(text));
    }
    return m.group(1) + " " + m.group(2);
  }

  /** What is wrong with the text as a UK postcode, in words, or null when it is one. */
  public static String problemWith(String text) {
    if (text == null || text.isBlank()) {
      return "postcode is empty: " + EXAMPLE;
    }
    String compact = compact(text);
    if (compact.length() > 7 || !SHAPE.matcher(compact).matches()) {
      return "\u201c" + text.strip() + "\u201d is not a UK postcode: write it like IG1 1AA or RM6 4XY";
    }
    return null;
  }

  /** The district and sector of a normal postcode, longest first: {@code IG1 4}, {@code IG1}. */
  static String[] prefixes(String normal) {
    String outward = normal.substring(0, normal.indexOf(' '));
    return new String[] {normal.substring(0, normal.indexOf(' ') + 2), outward};
  }

  private static String compact(String text) {
    return text == null ? "" : text.replaceAll("\\s+", "").toUpperCase(Locale.ROOT);
  }
}
