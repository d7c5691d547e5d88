package org.homefirst.referral;

import java.util.Map;

/** The referral has bad fields: each named with what is wrong. Nothing was stored. */
public class InvalidReferral extends RuntimeException {

  private final Map<String, String> fieldErrors;

  InvalidReferral(Map<String, String> fieldErrors) {
    super("Invalid referral: " + fieldErrors);
    this.fieldErrors = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(fieldErrors));
  }

  public Map<String, String> fieldErrors() {
    return fieldErrors;
  }
}
