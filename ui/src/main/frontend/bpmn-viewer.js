import { LitElement, html } from 'lit';
import NavigatedViewer from 'bpmn-js/lib/NavigatedViewer';

/**
 * Read-only BPMN diagram (bpmn-js) with markers on the elements where the journey is now.
 * Renders into light DOM so the bpmn-js stylesheets apply. Keep the bpmn.io watermark (licence).
 */
class HfBpmnViewer extends LitElement {
  static properties = {
    xml: { type: String },
    active: { type: String },
    // JSON [{id, text, level}]: a label on each element and a shade of level 1-4 (0: none).
    overlays: { type: String },
  };

  createRenderRoot() {
    return this;
  }

  render() {
    return html`<div class="hf-bpmn-canvas"></div>`;
  }

  firstUpdated() {
    this.viewer = new NavigatedViewer({ container: this.querySelector('.hf-bpmn-canvas') });
  }

  async updated(changed) {
    if (!this.viewer || !this.xml || !(changed.has('xml') || changed.has('active') || changed.has('overlays'))) {
      return;
    }
    try {
      await this.viewer.importXML(this.xml);
      const canvas = this.viewer.get('canvas');
      canvas.zoom('fit-viewport');
      const registry = this.viewer.get('elementRegistry');
      const active = (this.active || '').split(',').filter((id) => id && registry.get(id));
      active.forEach((id) => canvas.addMarker(id, 'hf-active'));
      this.drawOverlays(registry, canvas);
      // A large model fitted whole is too small to read: show where the journey is, readable,
      // and leave the rest a drag (or a scroll) away.
      if (active.length && canvas.zoom() < 0.6) {
        canvas.zoom(0.8);
        // the last one activated is the innermost (a called pathway inside its sub-process)
        const at = registry.get(active[active.length - 1]);
        const box = canvas.viewbox();
        canvas.viewbox({
          x: at.x + at.width / 2 - box.width / 2,
          y: at.y + at.height / 2 - box.height / 2,
          width: box.width,
          height: box.height,
        });
      }
      this.setAttribute('data-rendered', 'true');
    } catch (e) {
      this.setAttribute('data-error', String((e && e.message) || e));
    }
  }

  /** Numbers on the elements, written out: the shade only repeats what the label says. */
  drawOverlays(registry, canvas) {
    if (!this.overlays) return;
    const overlays = this.viewer.get('overlays');
    for (const o of JSON.parse(this.overlays)) {
      if (!registry.get(o.id)) continue;
      if (o.level > 0) canvas.addMarker(o.id, `hf-heat-${Math.min(4, o.level)}`);
      const label = document.createElement('div');
      label.className = 'hf-heat-label';
      label.textContent = o.text;
      overlays.add(o.id, 'hf-heat', { position: { bottom: 4, left: 0 }, html: label });
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

customElements.define('hf-bpmn-viewer', HfBpmnViewer);
