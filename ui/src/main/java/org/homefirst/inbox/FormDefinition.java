package org.homefirst.inbox;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;
import java.util.Optional;

/**
 * The form of one task type (form key), read from {@code forms/<name>.json}: the inbox renders it
 * and {@link TaskForms} validates submissions against the same definition.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record FormDefinition(String formKey, String title, String submitLabel, String doneMessage, List<Field> fields) {

  public FormDefinition {
    fields = fields == null ? List.of() : List.copyOf(fields);
  }

  /** One answer. {@code type}: text, textarea, number, select, checkbox, date, datetime. */
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
      boolean offset) {

    public List<Option> options() {
      return options == null ? List.of() : options;
    }

    public Optional<Option> option(Object value) {
      return options().stream().filter(o -> sameValue(o.value(), value)).findFirst();
    }

    static boolean sameValue(Object a, Object b) {
      if (a instanceof Number x && b instanceof Number y) {
        return x.doubleValue() == y.doubleValue();
      }
      return a != null && a.equals(b);
    }
  }

  /** A choice of a select: the value sent to the engine (number or text) and what people read. */
  public record Option(Object value, String label) {}

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
