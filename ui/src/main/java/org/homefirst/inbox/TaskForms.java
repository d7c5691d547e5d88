package org.homefirst.inbox;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.homefirst.base.PlainText;
import org.springframework.stereotype.Component;

/**
 * Server-side checks of what people submit to complete a task, from the task's form definition.
 * The engine trusts whatever variables it is given, so the rules of each form live here; fields
 * the form does not have are refused.
 */
@Component
public class TaskForms {

  private final FormCatalog catalog;

  TaskForms(FormCatalog catalog) {
    this.catalog = catalog;
  }

  public Optional<FormDefinition> formOf(String formKey) {
    return catalog.of(formKey);
  }

  /** A recorded choice in the words of the form that asks it ({@link FormCatalog#choiceInWords}). */
  public Optional<String> choiceInWords(String fieldId, Object value) {
    return catalog.choiceInWords(fieldId, value);
  }

  /** Checks the submission; returns field errors (empty when valid). */
  public Map<String, String> problems(String formKey, Map<String, Object> values) {
    return problems(formKey, values, Map.of());
  }

  /**
   * Checks the submission against the form and the task's journey variables (for answers that
   * must differ from, or match, what the journey holds); returns field errors (empty when valid).
   */
  public Map<String, String> problems(String formKey, Map<String, Object> values, Map<String, Object> variables) {
    return problems(formKey, null, values, variables);
  }

  /** As above, for one task (element id) of a form shared by several, whose choices may differ. */
  public Map<String, String> problems(String formKey, String elementId, Map<String, Object> values, Map<String, Object> variables) {
    Map<String, String> errors = new LinkedHashMap<>();
    Optional<FormDefinition> form = catalog.of(formKey);
    if (form.isEmpty()) {
      values.keySet().forEach(k -> errors.put(k, "this task has no form; complete it without answers"));
      return errors;
    }
    for (FormDefinition.Field f : form.get().fields()) {
      if (!f.askedOn(elementId)) {
        continue;
      }
      String problem = problem(f, elementId, values.get(f.id()));
      if (problem != null) {
        errors.put(f.id(), f.message() != null ? f.message() : problem);
      } else if (f.requiredWhen() != null && f.requiredWhen().holds(values, variables) && blank(values.get(f.id()))) {
        String message = f.requiredWhen().message();
        errors.put(f.id(), message != null ? message : (f.label() == null ? f.id() : f.label()) + " is required with that answer");
      }
    }
    String formName = form.get().title() == null ? "this" : "the " + form.get().title().toLowerCase();
    for (String key : values.keySet()) {
      if (form.get().field(key).filter(f -> f.askedOn(elementId)).isEmpty()) {
        errors.put(key, "not a field of " + formName + " form");
      }
    }
    return errors;
  }

  private static String problem(FormDefinition.Field f, String elementId, Object value) {
    String label = f.label() == null ? f.id() : f.label();
    if (value == null || (value instanceof String s && s.isBlank())) {
      return f.required() ? label + " is required" : null;
    }
    switch (f.type()) {
      case "text", "textarea" -> {
        if (!(value instanceof String s)) {
          return label + " must be text";
        }
        if (f.maxLength() != null && s.length() > f.maxLength()) {
          return label + " must be at most " + f.maxLength() + " characters";
        }
        String hidden = "textarea".equals(f.type()) ? PlainText.problemInText(s, label) : PlainText.problemInLine(s, label);
        if (hidden != null) {
          return hidden;
        }
      }
      case "number" -> {
        if (!(value instanceof Number n)) {
          return label + " must be a number";
        }
        if ((f.min() != null && n.doubleValue() < f.min()) || (f.max() != null && n.doubleValue() > f.max())) {
          return label + " must be between " + fmt(f.min()) + " and " + fmt(f.max());
        }
      }
      case "select" -> {
        if (f.option(value).filter(o -> o.offeredFor(elementId)).isEmpty()) {
          return "choose one of the options for " + label;
        }
      }
      case "checkbox" -> {
        if (!(value instanceof Boolean)) {
          return label + " must be yes or no";
        }
      }
      case "date" -> {
        try {
          LocalDate.parse(String.valueOf(value));
        } catch (DateTimeParseException e) {
          return label + " must be a date (YYYY-MM-DD)";
        }
      }
      case "datetime" -> {
        String text = String.valueOf(value);
        if (!parsesWithOffset(text) && (f.offset() || !parsesLocal(text))) {
          return label + " must be a date and time" + (f.offset() ? " with offset" : "");
        }
      }
      default -> {
        return "unknown field type " + f.type();
      }
    }
    return null;
  }

  private static boolean blank(Object value) {
    return value == null || (value instanceof String s && s.isBlank());
  }

  private static boolean parsesWithOffset(String text) {
    try {
      OffsetDateTime.parse(text);
      return true;
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  private static boolean parsesLocal(String text) {
    try {
      LocalDateTime.parse(text);
      return true;
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  private static String fmt(Double d) {
    return d == null ? "…" : (d == Math.rint(d) ? String.valueOf(d.longValue()) : String.valueOf(d));
  }
}
