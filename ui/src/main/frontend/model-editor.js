import { LitElement, html } from 'lit';
import BpmnModeler from 'bpmn-js/lib/Modeler';
import {
  BpmnPropertiesPanelModule,
  BpmnPropertiesProviderModule,
  CamundaPlatformPropertiesProviderModule,
} from 'bpmn-js-properties-panel';
import CamundaBpmnModdle from 'camunda-bpmn-moddle/resources/camunda.json';
import MinimapModule from 'diagram-js-minimap';

/**
 * The designer's BPMN editor: bpmn-js modeler with the properties panel for the engine's
 * extensions (Camunda Platform provider: topics, candidate groups, due dates, form keys, timers,
 * messages, errors, mappings, called processes), a minimap and search (Ctrl+F). Loaded only on
 * the designer's routes. The properties panel sits beside the canvas, never over it, so the
 * bpmn.io watermark (bottom right of the canvas, licence) stays fully visible.
 */
class HfModelEditor extends LitElement {
  static properties = {
    xml: { type: String },
    // JSON [id, ...]: elements with a lint or validation problem, marked on the diagram
    problems: { type: String },
  };

  createRenderRoot() {
    return this;
  }

  render() {
    return html`<div class="hf-editor">
      <div class="hf-editor-canvas" aria-label="Diagram editor"></div>
      <div class="hf-editor-panel" aria-label="Properties of the selected element"></div>
    </div>`;
  }

  firstUpdated() {
    this.modeler = new BpmnModeler({
      container: this.querySelector('.hf-editor-canvas'),
      keyboard: { bindTo: this },
      propertiesPanel: { parent: this.querySelector('.hf-editor-panel') },
      additionalModules: [
        BpmnPropertiesPanelModule,
        BpmnPropertiesProviderModule,
        CamundaPlatformPropertiesProviderModule,
        MinimapModule,
      ],
      moddleExtensions: { camunda: CamundaBpmnModdle },
    });
    this.modeler.on('commandStack.changed', () => {
      this.dispatchEvent(new CustomEvent('model-changed'));
    });
    this.tabIndex = 0;
  }

  async updated(changed) {
    if (!this.modeler) return;
    if (changed.has('xml') && this.xml && this.xml !== this.imported) {
      try {
        const result = await this.modeler.importXML(this.xml);
        this.imported = this.xml;
        this.modeler.get('canvas').zoom('fit-viewport');
        this.setAttribute('data-rendered', 'true');
        this.removeAttribute('data-error');
        if (result.warnings && result.warnings.length) {
          this.setAttribute('data-warnings', String(result.warnings.length));
        }
      } catch (e) {
        this.setAttribute('data-error', String((e && e.message) || e));
      }
    }
    if (changed.has('problems')) {
      this.markProblems();
    }
  }

  markProblems() {
    const canvas = this.modeler.get('canvas');
    const registry = this.modeler.get('elementRegistry');
    (this.marked || []).forEach((id) => registry.get(id) && canvas.removeMarker(id, 'hf-problem'));
    this.marked = JSON.parse(this.problems || '[]').filter((id) => id && registry.get(id));
    this.marked.forEach((id) => canvas.addMarker(id, 'hf-problem'));
  }

  /** The edited model as XML (a promise), for saving a revision. */
  async currentXml() {
    const { xml } = await this.modeler.saveXML({ format: true });
    return xml;
  }

  /** Selects an element and brings it into view (from the list of problems). */
  select(id) {
    const element = this.modeler.get('elementRegistry').get(id);
    if (!element) return;
    this.modeler.get('selection').select(element);
    this.modeler.get('canvas').scrollToElement(element);
    this.focus();
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    if (this.modeler) {
      this.modeler.destroy();
      this.modeler = undefined;
    }
  }
}

customElements.define('hf-model-editor', HfModelEditor);
