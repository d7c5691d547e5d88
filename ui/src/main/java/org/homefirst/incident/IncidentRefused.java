package org.homefirst.incident;

/** An operator action refused, with the reason in the user's words. */
public class IncidentRefused extends RuntimeException {
  IncidentRefused(String message) {
    super(message);
  }
}
