package org.homefirst.inbox;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;
import java.util.Optional;

/**
 * The form of one task type (form key), read from {@code forms/<name>.json}: the inbox renders it
 * and {@link TaskForms} validates submissions against the same definition.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record FormDefinition(
    String formKey, String title, String submitLabel, String doneMessage, String intro, List<Context> context, List<Field> fields) {

  public FormDefinition {
    fields = fields == null ? List.of() : List.copyOf(fields);
    context = context == null ? List.of() : List.copyOf(context);
  }

  /**
   * A journey variable the person needs to see to do the task (the suggested pathway, the
   * assessment under review, why a partner rejected a request); shown read-only above the form.
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Context(String variable, String label) {}

  /**
   * Makes a field required depending on another answer: when {@code field}'s answer equals
   * {@code equals}, or when it differs from the journey variable {@code differsFromVariable}.
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Condition(String field, Object equals, String differsFromVariable, String message) {

    boolean holds(java.util.Map<String, Object> answers, java.util.Map<String, Object> variables) {
      Object answer = answers.get(field);
      if (differsFromVariable != null) {
        Object other = variables.get(differsFromVariable);
        return answer != null && other != null && !Field.sameValue(answer, other);
      }
      return answer != null && Field.sameValue(answer, equals);
    }
  }

  /**
   * One answer. {@code type}: text, textarea, number, select, checkbox, date, datetime.
   * {@code prefill} names a journey variable whose value starts in the field (e.g. the suggested
   * pathway); {@code initial} is the answer the field starts with otherwise (the usual answer, so
   * that a form for a patient with no needs is quick); {@code requiredWhen} makes an optional field required depending on another answer;
   * {@code tasks} (element ids) asks the field only on those tasks of a shared form.
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Field(
      String id,
      String label,
      String type,
      boolean required,
      List<Option> options,
      Integer maxLength,
      Double min,
      Double max,
      String help,
      String message,
      boolean offset,
      String prefill,
      Object initial,
      Condition requiredWhen,
      List<String> tasks) {

    /** Whether the field is asked on this task (element id; null: always). */
    public boolean askedOn(String elementId) {
      return tasks == null || tasks.isEmpty() || elementId == null || tasks.contains(elementId);
    }

    public List<Option> options() {
      return options == null ? List.of() : options;
    }

    public Optional<Option> option(Object value) {
      return options().stream().filter(o -> sameValue(o.value(), value)).findFirst();
    }

    /** The choices offered on one task (element id; null: every choice). */
    public List<Option> optionsFor(String elementId) {
      return options().stream().filter(o -> o.offeredFor(elementId)).toList();
    }

    static boolean sameValue(Object a, Object b) {
      if (a instanceof Number x && b instanceof Number y) {
        return x.doubleValue() == y.doubleValue();
      }
      return a != null && a.equals(b);
    }
  }

  /**
   * A choice of a select: the value sent to the engine (number or text) and what people read.
   * {@code tasks} (element ids) limits the choice to those tasks when one form serves several
   * (e.g. "care package instead" only where a reablement request was rejected); empty: all.
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Option(Object value, String label, List<String> tasks) {

    public Option {
      tasks = tasks == null ? List.of() : List.copyOf(tasks);
    }

    public boolean offeredFor(String elementId) {
      return tasks.isEmpty() || elementId == null || tasks.contains(elementId);
    }
  }

  public String submitLabel() {
    return submitLabel == null ? "Complete" : submitLabel;
  }

  public String doneMessage() {
    return doneMessage == null ? title + ": done" : doneMessage;
  }

  public Optional<Field> field(String id) {
    return fields.stream().filter(f -> f.id().equals(id)).findFirst();
  }
}
