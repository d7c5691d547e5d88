package org.homefirst.designer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.Tag;
import com.vaadin.flow.component.dependency.CssImport;
import com.vaadin.flow.component.dependency.JsModule;
import com.vaadin.flow.component.dependency.NpmPackage;
import java.util.List;

/**
 * A read-only BPMN diagram with a review's changes marked, each by line style and a text label
 * ({@code model-changes.js}); the list beside it says the same in sentences.
 */
@Tag("hf-model-changes")
@NpmPackage(value = "bpmn-js", version = "18.31.1")
@JsModule("./model-changes.js")
@CssImport("bpmn-js/dist/assets/diagram-js.css")
@CssImport("bpmn-js/dist/assets/bpmn-js.css")
@CssImport("./model-changes.css")
class ChangesDiagram extends Component {

  /** One marked element, as the script reads it. */
  record Mark(String id, String kind) {}

  /** Element ids to mark, by the kind of change. */
  ChangesDiagram(String xml, List<ModelDiff.Change> marked, String label) {
    getElement().setProperty("xml", xml);
    try {
      getElement().setProperty("marks", new ObjectMapper().writeValueAsString(marked.stream()
          .map(c -> new Mark(c.elementId(), c.kind().words)).toList()));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    getElement().setAttribute("role", "img");
    getElement().setAttribute("aria-label", label);
  }

  String marks() {
    return getElement().getProperty("marks");
  }
}
