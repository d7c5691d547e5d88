package org.homefirst.console;

/** A console action refused, with the reason in the user's words. */
public class ConsoleRefused extends RuntimeException {
  ConsoleRefused(String message) {
    super(message);
  }
}
