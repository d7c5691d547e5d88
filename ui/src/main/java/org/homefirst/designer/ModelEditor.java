package org.homefirst.designer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.Tag;
import com.vaadin.flow.component.dependency.CssImport;
import com.vaadin.flow.component.dependency.JsModule;
import com.vaadin.flow.component.dependency.NpmPackage;
import com.vaadin.flow.shared.Registration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The bpmn-js modeler with the properties panel for the engine's extensions, a minimap and
 * search. Referenced only from the designer's routes, so its 2 MB of script is not part of the
 * bundle every other page loads. bpmn-js is the version the journey viewer uses.
 */
@Tag("hf-model-editor")
@NpmPackage(value = "bpmn-js", version = "18.31.1")
@NpmPackage(value = "bpmn-js-properties-panel", version = "5.65.3")
@NpmPackage(value = "@bpmn-io/properties-panel", version = "3.55.0")
@NpmPackage(value = "camunda-bpmn-moddle", version = "8.0.1")
@NpmPackage(value = "diagram-js-minimap", version = "5.5.0")
@NpmPackage(value = "@camunda/linting", version = "3.57.0")
@NpmPackage(value = "bpmnlint", version = "11.15.0")
@NpmPackage(value = "bpmnlint-plugin-camunda-compat", version = "2.61.0")
@NpmPackage(value = "bpmn-js-token-simulation", version = "0.39.4")
@JsModule("./model-editor.js")
@CssImport("bpmn-js/dist/assets/diagram-js.css")
@CssImport("bpmn-js/dist/assets/bpmn-js.css")
@CssImport("bpmn-js/dist/assets/bpmn-font/css/bpmn-embedded.css")
@CssImport("@bpmn-io/properties-panel/dist/assets/properties-panel.css")
@CssImport("diagram-js-minimap/assets/diagram-js-minimap.css")
@CssImport("@camunda/linting/assets/linting.css")
@CssImport("bpmn-js-token-simulation/assets/css/bpmn-js-token-simulation.css")
@CssImport("./model-editor.css")
class ModelEditor extends Component {

  ModelEditor(String xml) {
    getElement().setProperty("xml", xml);
    getElement().setAttribute("aria-label", "BPMN editor: the diagram, and the selected element's properties beside it."
        + " Ctrl+F searches elements by name or id.");
  }

  /** The XML as edited now, given to {@code then} once the browser has it. */
  void currentXml(Consumer<String> then) {
    getElement().callJsFunction("currentXml").then(String.class, then::accept);
  }

  /** Marks these elements as having a problem (the list beside the editor words them). */
  void markProblems(Collection<String> elementIds) {
    try {
      getElement().setProperty("problems", new ObjectMapper().writeValueAsString(elementIds));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  void select(String elementId) {
    getElement().callJsFunction("select", elementId);
  }

  /** A finding of the lint rules that run in the browser as one edits (Camunda's, bpmnlint's). */
  record BrowserLint(String source, String rule, String elementId, String message, String category) {}

  /** The forms the inbox knows (key to title) and the known teams (id to name), offered in the properties panel. */
  void catalog(Map<String, String> forms, Map<String, String> teams) {
    getElement().setProperty("forms", json(forms.entrySet().stream()
        .map(e -> Map.of("key", e.getKey(), "title", e.getValue())).toList()));
    getElement().setProperty("teams", json(teams.entrySet().stream()
        .map(e -> Map.of("id", e.getKey(), "name", e.getValue())).toList()));
  }

  /** Called with the browser's lint findings whenever they are computed (after an import and each change). */
  Registration onLint(Consumer<List<BrowserLint>> listener) {
    return getElement().addEventListener("lint-changed", e -> {
      JsonNode reports;
      try {
        reports = new ObjectMapper().readTree(e.getEventData().getString("event.detail.reports"));
      } catch (JsonProcessingException bad) {
        throw new IllegalStateException(bad);
      }
      List<BrowserLint> found = new ArrayList<>();
      reports.forEach(r -> found.add(new BrowserLint(r.path("source").asText(), r.path("rule").asText(),
          r.path("id").isMissingNode() || r.path("id").isNull() ? null : r.path("id").asText(),
          r.path("message").asText(), r.path("category").asText())));
      listener.accept(found);
    }).addEventData("event.detail.reports");
  }

  private static String json(Object value) {
    try {
      return new ObjectMapper().writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Called on every change in the browser (not saved yet). */
  Registration onChange(Runnable listener) {
    return getElement().addEventListener("model-changed", e -> listener.run());
  }
}
