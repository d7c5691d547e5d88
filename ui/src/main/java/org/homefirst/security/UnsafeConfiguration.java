package org.homefirst.security;

import java.util.List;

/** Home First was asked to start in a shape that {@link StartupChecks} refuses. */
class UnsafeConfiguration extends IllegalStateException {

  private final List<String> refusals;

  UnsafeConfiguration(List<String> refusals) {
    super("Home First refuses to start: " + String.join("; ", refusals));
    this.refusals = List.copyOf(refusals);
  }

  List<String> refusals() {
    return refusals;
  }
}
