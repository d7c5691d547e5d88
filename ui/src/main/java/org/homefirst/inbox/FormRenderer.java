package org.homefirst.inbox;

import com.vaadin.flow.component.AbstractField;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.datetimepicker.DateTimePicker;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.NumberField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.homefirst.base.Formats;

/**
 * Turns a {@link FormDefinition} into fields, reads the answers back as engine variables, and
 * shows the server's field errors next to the fields. What is typed stays when the server refuses.
 */
class FormRenderer extends VerticalLayout {

  private final FormDefinition form;
  // Only the fields asked on this task.
  private final Map<String, Component> inputs = new LinkedHashMap<>();

  FormRenderer(FormDefinition form, Map<String, Object> variables) {
    this(form, null, variables);
  }

  /** The form of one task (element id), with the choices offered on that task only. */
  FormRenderer(FormDefinition form, String elementId, Map<String, Object> variables) {
    this.form = form;
    setPadding(false);
    setSpacing(false);
    for (FormDefinition.Field f : form.fields()) {
      if (!f.askedOn(elementId)) {
        continue;
      }
      Component input = input(f, elementId);
      if (f.prefill() != null && variables.get(f.prefill()) != null) {
        prefill(f, input, variables.get(f.prefill()));
      } else if (f.initial() != null) {
        prefill(f, input, f.initial());
      }
      inputs.put(f.id(), input);
      input.getElement().setAttribute("data-field", f.id());
      add(input);
    }
  }

  private static Component input(FormDefinition.Field f, String elementId) {
    String label = f.label();
    return switch (f.type()) {
      case "textarea" -> {
        TextArea a = new TextArea(label);
        a.setWidthFull();
        if (f.maxLength() != null) a.setMaxLength(f.maxLength());
        a.setRequiredIndicatorVisible(f.required());
        a.setHelperText(f.help());
        yield a;
      }
      case "number" -> {
        NumberField n = new NumberField(label);
        if (f.min() != null) n.setMin(f.min());
        if (f.max() != null) n.setMax(f.max());
        n.setRequiredIndicatorVisible(f.required());
        n.setHelperText(f.help());
        yield n;
      }
      case "select" -> {
        Select<Object> s = new Select<>();
        s.setLabel(label);
        s.setItems(f.optionsFor(elementId).stream().map(FormDefinition.Option::value).toList());
        s.setItemLabelGenerator(v -> v == null ? "—" : f.option(v).map(FormDefinition.Option::label).orElse(String.valueOf(v)));
        s.setEmptySelectionAllowed(!f.required());
        s.setEmptySelectionCaption("—");
        s.setRequiredIndicatorVisible(f.required());
        s.setHelperText(f.help());
        s.setWidthFull();
        yield s;
      }
      case "checkbox" -> {
        Checkbox c = new Checkbox(label);
        c.setHelperText(f.help());
        yield c;
      }
      case "date" -> {
        DatePicker d = new DatePicker(label);
        d.setLocale(Locale.UK);
        d.setRequiredIndicatorVisible(f.required());
        d.setHelperText(f.help());
        yield d;
      }
      case "datetime" -> {
        DateTimePicker d = new DateTimePicker(label);
        d.setLocale(Locale.UK);
        d.setRequiredIndicatorVisible(f.required());
        d.setHelperText(f.help());
        yield d;
      }
      default -> {
        TextField t = new TextField(label);
        t.setWidthFull();
        if (f.maxLength() != null) t.setMaxLength(f.maxLength());
        t.setRequiredIndicatorVisible(f.required());
        t.setHelperText(f.help());
        yield t;
      }
    };
  }

  @SuppressWarnings("unchecked")
  private static void prefill(FormDefinition.Field f, Component input, Object value) {
    switch (input) {
      case Select<?> s -> f.option(value).ifPresent(o -> ((Select<Object>) s).setValue(o.value()));
      case Checkbox c when value instanceof Boolean b -> c.setValue(b);
      case NumberField n when value instanceof Number x -> n.setValue(x.doubleValue());
      case TextArea a -> a.setValue(String.valueOf(value));
      case TextField t -> t.setValue(String.valueOf(value));
      default -> {}
    }
  }

  /** The answers as engine variables; empty answers are left out (checkboxes are always sent). */
  Map<String, Object> values() {
    Map<String, Object> values = new HashMap<>();
    for (FormDefinition.Field f : form.fields()) {
      if (!inputs.containsKey(f.id())) {
        continue;
      }
      Object v = ((AbstractField<?, ?>) inputs.get(f.id())).getValue();
      Object converted = switch (v) {
        case null -> null;
        case String s when s.isBlank() -> null;
        case Double d when d == Math.rint(d) && Math.abs(d) < Integer.MAX_VALUE -> d.intValue();
        case LocalDate d -> d.toString();
        case LocalDateTime t -> f.offset()
            ? t.atZone(Formats.LONDON).toOffsetDateTime().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME)
            : t.format(DateTimeFormatter.ISO_LOCAL_DATE_TIME);
        default -> v;
      };
      if (converted != null) {
        values.put(f.id(), converted);
      }
    }
    return values;
  }

  void showErrors(Map<String, String> errors) {
    inputs.forEach((id, input) -> {
      if (input instanceof HasValidation v) {
        v.setInvalid(errors.containsKey(id));
        v.setErrorMessage(errors.get(id));
      }
    });
  }
}
