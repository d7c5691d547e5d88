package org.homefirst.designer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.Tag;
import com.vaadin.flow.component.dependency.CssImport;
import com.vaadin.flow.component.dependency.JsModule;
import com.vaadin.flow.component.dependency.NpmPackage;
import com.vaadin.flow.shared.Registration;
import java.util.Collection;
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
@JsModule("./model-editor.js")
@CssImport("bpmn-js/dist/assets/diagram-js.css")
@CssImport("bpmn-js/dist/assets/bpmn-js.css")
@CssImport("bpmn-js/dist/assets/bpmn-font/css/bpmn-embedded.css")
@CssImport("@bpmn-io/properties-panel/dist/assets/properties-panel.css")
@CssImport("diagram-js-minimap/assets/diagram-js-minimap.css")
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

  /** Called on every change in the browser (not saved yet). */
  Registration onChange(Runnable listener) {
    return getElement().addEventListener("model-changed", e -> listener.run());
  }
}
