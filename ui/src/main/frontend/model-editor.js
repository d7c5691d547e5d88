import { LitElement, html } from 'lit';
import BpmnModeler from 'bpmn-js/lib/Modeler';
import {
  BpmnPropertiesPanelModule,
  BpmnPropertiesProviderModule,
  CamundaPlatformPropertiesProviderModule,
} from 'bpmn-js-properties-panel';
import CamundaBpmnModdle from 'camunda-bpmn-moddle/resources/camunda.json';
import MinimapModule from 'diagram-js-minimap';
import { Linter } from '@camunda/linting';
import LintingModule from '@camunda/linting/modeler';
import TokenSimulationModule from 'bpmn-js-token-simulation';
import { HfPropertiesModule, structureRules } from './model-editor-extras.js';

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
    // JSON [{key, title}]: the forms the inbox knows, offered for a user task's form key
    forms: { type: String },
    // JSON [{id, name}]: the known teams, checked in candidate groups
    teams: { type: String },
  };

  createRenderRoot() {
    return this;
  }

  render() {
    return html`<div class="hf-editor-tools">
        <button type="button" class="hf-simulate" aria-pressed="false" @click=${() => this.toggleSimulation()}>
          Simulate paths
        </button>
        <span class="hf-simulate-note" role="status">Walk-through aid: tokens follow the paths you choose at each
          gateway; nothing runs on the engine.</span>
      </div>
      <div class="hf-editor">
      <div class="hf-editor-canvas" aria-label="Diagram editor"></div>
      <div class="hf-editor-panel" aria-label="Properties of the selected element"></div>
    </div>`;
  }

  firstUpdated() {
    // a live object: the properties panel reads it on every render, so lists set later still show
    this.catalog = { forms: [], teams: [] };
    this.readCatalog();
    // Camunda's rules for Camunda Platform 7.x (the models declare 7.24, the line Operaton continues),
    // plus bpmnlint's structural rules that our models pass today
    this.linter = new Linter({ type: 'platform', modeler: 'web', plugins: [structureRules] });
    this.modeler = new BpmnModeler({
      container: this.querySelector('.hf-editor-canvas'),
      keyboard: { bindTo: this },
      propertiesPanel: { parent: this.querySelector('.hf-editor-panel') },
      hfCatalog: this.catalog,
      linting: { active: true },
      additionalModules: [
        BpmnPropertiesPanelModule,
        BpmnPropertiesProviderModule,
        CamundaPlatformPropertiesProviderModule,
        MinimapModule,
        LintingModule,
        TokenSimulationModule,
        HfPropertiesModule,
      ],
      moddleExtensions: { camunda: CamundaBpmnModdle },
    });
    this.modeler.on('commandStack.changed', () => {
      this.dispatchEvent(new CustomEvent('model-changed'));
      this.lintSoon();
    });
    this.modeler.on('tokenSimulation.toggleMode', ({ active }) => this.simulationToggled(active));
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
        this.lintSoon();
      } catch (e) {
        this.setAttribute('data-error', String((e && e.message) || e));
      }
    }
    if (changed.has('problems')) {
      this.markProblems();
    }
    if (changed.has('forms') || changed.has('teams')) {
      this.readCatalog();
    }
  }

  readCatalog() {
    if (!this.catalog) return;
    this.catalog.forms = JSON.parse(this.forms || '[]');
    this.catalog.teams = JSON.parse(this.teams || '[]');
    if (this.modeler) {
      // re-render the panel with the lists
      this.modeler.get('eventBus').fire('propertiesPanel.providersChanged');
    }
  }

  /** Camunda's lint rules for the engine (Camunda Platform 7.x, the line Operaton continues), as one edits. */
  lintSoon() {
    clearTimeout(this.lintTimer);
    this.lintTimer = setTimeout(() => this.lint(), 400);
  }

  async lint() {
    if (!this.modeler) return;
    try {
      const { xml } = await this.modeler.saveXML();
      const reports = await this.linter.lint(xml);
      if (!this.modeler) return;
      this.modeler.get('linting').setErrors(reports);
      const found = reports.map((r) => ({
        id: r.id,
        rule: r.rule,
        source: structureRules.owns(r.rule) ? 'bpmnlint rule' : 'Camunda rule',
        message: r.message,
        category: r.category,
      }));
      this.setAttribute('data-lint', String(found.length));
      this.dispatchEvent(new CustomEvent('lint-changed', { detail: { reports: JSON.stringify(found) } }));
    } catch (e) {
      this.setAttribute('data-lint-error', String((e && e.message) || e));
    }
  }

  /** Token simulation on or off; the modeler is editable again once it is off. */
  toggleSimulation() {
    this.modeler.get('toggleMode').toggleMode();
  }

  simulationToggled(active) {
    const button = this.querySelector('.hf-simulate');
    button.setAttribute('aria-pressed', String(active));
    button.textContent = active ? 'Stop simulating (back to editing)' : 'Simulate paths';
    this.toggleAttribute('data-simulating', active);
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
