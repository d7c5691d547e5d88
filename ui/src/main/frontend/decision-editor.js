import { LitElement, html } from 'lit';
import DmnModeler from 'dmn-js/lib/Modeler';

/**
 * The designer's DMN editor (dmn-js): opens the model's decision table for editing. Loaded only
 * on the designer's routes. The bpmn.io watermark stays visible (licence).
 */
class HfDecisionEditor extends LitElement {
  static properties = {
    xml: { type: String },
  };

  createRenderRoot() {
    return this;
  }

  render() {
    return html`<div class="hf-decision-canvas" aria-label="Decision table editor"></div>`;
  }

  firstUpdated() {
    this.modeler = new DmnModeler({
      container: this.querySelector('.hf-decision-canvas'),
      keyboard: { bindTo: this },
    });
  }

  async updated(changed) {
    if (!this.modeler || !changed.has('xml') || !this.xml || this.xml === this.imported) return;
    try {
      await this.modeler.importXML(this.xml);
      this.imported = this.xml;
      const table = this.modeler.getViews().find((v) => v.type === 'decisionTable');
      if (table) {
        await this.modeler.open(table);
        this.modeler.getActiveViewer().on('elements.changed', () => {
          this.dispatchEvent(new CustomEvent('model-changed'));
        });
      }
      this.setAttribute('data-rendered', 'true');
    } catch (e) {
      this.setAttribute('data-error', String((e && e.message) || e));
    }
  }

  /** The edited model as XML (a promise), for saving a revision. */
  async currentXml() {
    const { xml } = await this.modeler.saveXML({ format: true });
    return xml;
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    if (this.modeler) {
      this.modeler.destroy();
      this.modeler = undefined;
    }
  }
}

customElements.define('hf-decision-editor', HfDecisionEditor);
