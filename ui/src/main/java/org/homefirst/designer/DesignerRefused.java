package org.homefirst.designer;

/** A designer workspace action refused, with the reason in the user's words. */
class DesignerRefused extends RuntimeException {
  DesignerRefused(String message) {
    super(message);
  }
}
