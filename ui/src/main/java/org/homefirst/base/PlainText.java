package org.homefirst.base;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * What a name, a ward or a note may contain: text people can read, nothing hidden. Control
 * characters (a bell, an escape, a null) cannot be shown and break exports and letters; a
 * direction override or isolate left open (the "Trojan Source" trick) makes the rest of a line
 * read in another order than it is stored, so a name could show as someone else's. Marks that only
 * hint direction (U+200E, U+200F, U+061C) are part of writing Arabic or Hebrew names and stay.
 */
public final class PlainText {

  private static final char PDF = '\u202C';
  private static final char PDI = '\u2069';

  private PlainText() {}

  /**
   * What is wrong with a one-line value (a name, a ward), in words naming the field, or null when
   * it is fine. {@code field} is how the user calls it ("the given name").
   */
  public static String problemInLine(String value, String field) {
    return problem(value, field, false);
  }

  /** As {@link #problemInLine}, for free text where line breaks and tabs are allowed. */
  public static String problemInText(String value, String field) {
    return problem(value, field, true);
  }

  private static String problem(String value, String field, boolean multiLine) {
    if (value == null) {
      return null;
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
        i++;
        continue;
      }
      if (Character.isSurrogate(c)) {
        return field + " contains a broken character (" + code(c) + "); type it again";
      }
      if (multiLine && (c == '\n' || c == '\r' || c == '\t')) {
        continue;
      }
      if (Character.getType(c) == Character.CONTROL) {
        return field + " contains a hidden control character (" + code(c) + " at position " + (i + 1)
            + "); type it again without it";
      }
    }
    // Direction controls end at a line break (Unicode bidi paragraphs): each line must close its own.
    for (String line : value.split("\\R", -1)) {
      String unpaired = unpairedDirection(line);
      if (unpaired != null) {
        return field + " contains " + unpaired + " that is not closed or not opened; remove the hidden direction"
            + " characters and type it again";
      }
    }
    return null;
  }

  /** The first direction control without its partner in the line, in words, or null. */
  private static String unpairedDirection(String line) {
    Deque<Character> open = new ArrayDeque<>();
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      switch (c) {
        case '\u202A', '\u202B', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068' -> open.push(c);
        case PDF, PDI -> {
          // A closer pops its own kind only: an isolate cannot close an embedding and vice versa.
          if (open.isEmpty() || isIsolate(open.peek()) != (c == PDI)) {
            return "a direction mark (" + code(c) + ")";
          }
          open.pop();
        }
        default -> { }
      }
    }
    return open.isEmpty() ? null : "a direction override (" + code(open.peek()) + ")";
  }

  private static boolean isIsolate(char c) {
    return c >= '\u2066' && c <= '\u2068';
  }

  private static String code(char c) {
    return String.format("U+%04X", (int) c);
  }
}
