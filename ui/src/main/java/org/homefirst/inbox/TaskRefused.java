package org.homefirst.inbox;

import java.util.Map;

/** A task action that cannot be done, with a message fit to show the person who tried. */
public class TaskRefused extends RuntimeException {

  private final Map<String, String> fieldErrors;

  TaskRefused(String message) {
    this(message, Map.of());
  }

  TaskRefused(String message, Map<String, String> fieldErrors) {
    super(message);
    this.fieldErrors = Map.copyOf(fieldErrors);
  }

  public Map<String, String> fieldErrors() {
    return fieldErrors;
  }
}
