package org.homefirst.journey;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.Tag;
import com.vaadin.flow.component.dependency.CssImport;
import com.vaadin.flow.component.dependency.JsModule;
import com.vaadin.flow.component.dependency.NpmPackage;
import java.util.Collection;

/** A read-only BPMN diagram (bpmn-js) with the journey's current elements marked. */
@Tag("hf-bpmn-viewer")
@NpmPackage(value = "bpmn-js", version = "18.6.2")
@JsModule("./bpmn-viewer.js")
@CssImport("bpmn-js/dist/assets/diagram-js.css")
@CssImport("bpmn-js/dist/assets/bpmn-js.css")
@CssImport("./bpmn-viewer.css")
public class BpmnViewer extends Component {

  public BpmnViewer(String xml, Collection<String> activeElementIds) {
    getElement().setProperty("xml", xml);
    getElement().setProperty("active", String.join(",", activeElementIds));
    getElement().setAttribute("role", "img");
  }
}
