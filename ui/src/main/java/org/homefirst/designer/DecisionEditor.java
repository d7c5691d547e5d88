package org.homefirst.designer;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.Tag;
import com.vaadin.flow.component.dependency.CssImport;
import com.vaadin.flow.component.dependency.JsModule;
import com.vaadin.flow.component.dependency.NpmPackage;
import com.vaadin.flow.shared.Registration;
import java.util.function.Consumer;

/** dmn-js opening a model's decision table for editing; on the designer's routes only. */
@Tag("hf-decision-editor")
@NpmPackage(value = "dmn-js", version = "17.10.2")
@JsModule("./decision-editor.js")
@CssImport("dmn-js/dist/assets/diagram-js.css")
@CssImport("dmn-js/dist/assets/dmn-js-shared.css")
@CssImport("dmn-js/dist/assets/dmn-js-drd.css")
@CssImport("dmn-js/dist/assets/dmn-js-decision-table.css")
@CssImport("dmn-js/dist/assets/dmn-js-decision-table-controls.css")
@CssImport("dmn-js/dist/assets/dmn-js-literal-expression.css")
@CssImport("dmn-js/dist/assets/dmn-font/css/dmn.css")
@CssImport("./model-editor.css")
class DecisionEditor extends Component {

  DecisionEditor(String xml) {
    getElement().setProperty("xml", xml);
  }

  /** The XML as edited now, given to {@code then} once the browser has it. */
  void currentXml(Consumer<String> then) {
    getElement().callJsFunction("currentXml").then(String.class, then::accept);
  }

  /** Called on every change in the browser (not saved yet). */
  Registration onChange(Runnable listener) {
    return getElement().addEventListener("model-changed", e -> listener.run());
  }
}
