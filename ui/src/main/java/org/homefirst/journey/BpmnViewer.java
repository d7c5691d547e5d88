package org.homefirst.journey;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.Tag;
import com.vaadin.flow.component.dependency.CssImport;
import com.vaadin.flow.component.dependency.JsModule;
import com.vaadin.flow.component.dependency.NpmPackage;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** A read-only BPMN diagram (bpmn-js) with the journey's current elements marked. */
@Tag("hf-bpmn-viewer")
@NpmPackage(value = "bpmn-js", version = "18.31.1")
@JsModule("./bpmn-viewer.js")
@CssImport("bpmn-js/dist/assets/diagram-js.css")
@CssImport("bpmn-js/dist/assets/bpmn-js.css")
@CssImport("./bpmn-viewer.css")
public class BpmnViewer extends Component {

  /** A label on one element and how strongly to shade it (0 none, 1-4 light to dark). */
  public record Overlay(String elementId, String text, int level) {}

  public BpmnViewer(String xml, Collection<String> activeElementIds) {
    getElement().setProperty("xml", xml);
    getElement().setProperty("active", String.join(",", activeElementIds));
    getElement().setAttribute("role", "img");
  }

  /** Labels (and shades) on elements, e.g. the console's heatmap: the text carries the meaning. */
  public BpmnViewer overlays(List<Overlay> overlays) {
    try {
      getElement().setProperty("overlays", new ObjectMapper().writeValueAsString(overlays.stream()
          .map(o -> Map.of("id", o.elementId(), "text", o.text(), "level", o.level())).toList()));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    return this;
  }

  /** A taller drawing, for a page that is about the diagram. */
  public BpmnViewer tall() {
    getElement().getClassList().add("hf-tall");
    return this;
  }
}
