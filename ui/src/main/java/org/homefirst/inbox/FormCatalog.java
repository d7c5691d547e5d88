package org.homefirst.inbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/** Every task form the application knows, loaded once from {@code classpath:forms/*.json}. */
@Component
public class FormCatalog {

  private final Map<String, FormDefinition> byKey = new TreeMap<>();

  FormCatalog() {
    ObjectMapper json = new ObjectMapper();
    try {
      for (Resource r : new PathMatchingResourcePatternResolver().getResources("classpath*:forms/*.json")) {
        try (InputStream in = r.getInputStream()) {
          FormDefinition form = json.readValue(in, FormDefinition.class);
          if (form.formKey() == null) {
            throw new IllegalStateException("Form " + r.getFilename() + " has no formKey");
          }
          byKey.put(form.formKey(), form);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the task forms", e);
    }
  }

  public Optional<FormDefinition> of(String formKey) {
    return Optional.ofNullable(formKey == null ? null : byKey.get(formKey));
  }

  /**
   * A recorded choice in the words of the form that asks it (the option's label), when a form has
   * a field of that id with that choice: e.g. the domain a reviewer flagged, shown to the assessor.
   */
  public Optional<String> choiceInWords(String fieldId, Object value) {
    return byKey.values().stream().flatMap(f -> f.field(fieldId).stream())
        .flatMap(f -> f.option(value).stream()).map(FormDefinition.Option::label).findFirst();
  }

  public Collection<FormDefinition> all() {
    return byKey.values();
  }
}
