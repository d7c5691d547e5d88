import { LitElement, html } from 'lit';
import NavigatedViewer from 'bpmn-js/lib/NavigatedViewer';

const WORDS = { added: '+ added', changed: '~ changed', renamed: '→ renamed', removed: '− removed' };

/**
 * A read-only diagram of a draft (or of the deployed version) with the review's changes marked:
 * each marked element gets an outline whose line style says the kind (solid added, dashed changed,
 * dotted removed, double renamed) AND a text label above it saying it, so colour is never the only
 * carrier. Labels sit above the element's top left; the bpmn.io watermark in the canvas's bottom
 * right corner stays on top of the diagram and its overlays (licence).
 */
class HfModelChanges extends LitElement {
  static properties = {
    xml: { type: String },
    // JSON [{id, kind}] with kind added | changed | renamed | removed
    marks: { type: String },
  };

  createRenderRoot() {
    return this;
  }

  render() {
    return html`<div class="hf-changes-canvas"></div>`;
  }

  firstUpdated() {
    this.viewer = new NavigatedViewer({ container: this.querySelector('.hf-changes-canvas') });
  }

  async updated(changed) {
    if (!this.viewer || !this.xml || !(changed.has('xml') || changed.has('marks'))) return;
    try {
      await this.viewer.importXML(this.xml);
      const canvas = this.viewer.get('canvas');
      const registry = this.viewer.get('elementRegistry');
      const overlays = this.viewer.get('overlays');
      canvas.zoom('fit-viewport');
      let marked = 0;
      for (const m of JSON.parse(this.marks || '[]')) {
        if (!registry.get(m.id)) continue;
        canvas.addMarker(m.id, `hf-diff-${m.kind}`);
        const label = document.createElement('div');
        label.className = `hf-diff-label hf-diff-label-${m.kind}`;
        label.textContent = WORDS[m.kind] || m.kind;
        overlays.add(m.id, 'hf-diff', { position: { top: -20, left: 0 }, html: label });
        marked++;
      }
      this.setAttribute('data-marked', String(marked));
      this.setAttribute('data-rendered', 'true');
    } catch (e) {
      this.setAttribute('data-error', String((e && e.message) || e));
    }
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    if (this.viewer) {
      this.viewer.destroy();
      this.viewer = undefined;
    }
  }

  connectedCallback() {
    super.connectedCallback();
    if (this.hasUpdated && !this.viewer) {
      this.firstUpdated();
      this.requestUpdate('xml');
    }
  }
}

customElements.define('hf-model-changes', HfModelChanges);
