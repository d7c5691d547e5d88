package org.homefirst.inbox;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Server-side checks of what people submit to complete a task, by form key. The engine trusts
 * whatever variables it is given, so the rules of each form live here.
 */
final class TaskForms {

  private TaskForms() {}

  /** Checks the submission; returns field errors (empty when valid). */
  static Map<String, String> problems(String formKey, Map<String, Object> values) {
    Map<String, String> errors = new LinkedHashMap<>();
    if ("homefirst:triage".equals(formKey)) {
      Object pathway = values.get("triagePathway");
      if (!(pathway instanceof Integer p) || p < 0 || p > 3) {
        errors.put("triagePathway", "choose a pathway from 0 to 3");
      }
      Object notes = values.get("triageNotes");
      if (notes != null && !(notes instanceof String)) {
        errors.put("triageNotes", "notes must be text");
      } else if (notes instanceof String s && s.length() > 2000) {
        errors.put("triageNotes", "notes must be at most 2000 characters");
      }
      for (String key : values.keySet()) {
        if (!key.equals("triagePathway") && !key.equals("triageNotes")) {
          errors.put(key, "not a field of the triage form");
        }
      }
    }
    return errors;
  }
}
