package org.homefirst.patient;

import java.util.Objects;

/**
 * A valid NHS number: ten digits whose last is the Modulus 11 check digit of the first nine.
 * Every system we talk to keys the patient on it, so an invalid one is rejected at the door.
 */
public final class NhsNumber {

  private final String digits;

  private NhsNumber(String digits) {
    this.digits = digits;
  }

  /**
   * Reads an NHS number, allowing the spaces or dashes people type (e.g. {@code 943 476 5919}).
   *
   * @throws IllegalArgumentException with a message fit to show the person who typed it
   */
  public static NhsNumber parse(String text) {
    String problem = problemWith(text);
    if (problem != null) {
      throw new IllegalArgumentException(problem);
    }
    return new NhsNumber(normalise(text));
  }

  public static boolean isValid(String text) {
    return problemWith(text) == null;
  }

  /** Why the text is not a valid NHS number, or null if it is one. */
  public static String problemWith(String text) {
    if (text == null || text.isBlank()) {
      return "NHS number is required";
    }
    String digits = normalise(text);
    if (!digits.matches("\\d{10}")) {
      return "NHS number must be 10 digits";
    }
    int sum = 0;
    for (int i = 0; i < 9; i++) {
      sum += (digits.charAt(i) - '0') * (10 - i);
    }
    int check = 11 - (sum % 11);
    if (check == 11) {
      check = 0;
    }
    if (check == 10 || check != digits.charAt(9) - '0') {
      return "NHS number fails the Modulus 11 check";
    }
    return null;
  }

  private static String normalise(String text) {
    return text.replaceAll("[\\s-]", "");
  }

  /** The ten digits, as systems exchange them. */
  public String value() {
    return digits;
  }

  /** The 3-3-4 form people read, e.g. {@code 943 476 5919}. */
  public String formatted() {
    return digits.substring(0, 3) + " " + digits.substring(3, 6) + " " + digits.substring(6);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NhsNumber other && digits.equals(other.digits);
  }

  @Override
  public int hashCode() {
    return Objects.hash(digits);
  }

  @Override
  public String toString() {
    return digits;
  }
}
