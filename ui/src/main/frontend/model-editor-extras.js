import { useService } from 'bpmn-js-properties-panel';
import { SelectEntry, TextFieldEntry, isSelectEntryEdited, isTextFieldEntryEdited } from '@bpmn-io/properties-panel';
import { getBusinessObject } from 'bpmn-js/lib/util/ModelUtil';
import StaticResolver from 'bpmnlint/lib/resolver/static-resolver';
import noDisconnected from 'bpmnlint/rules/no-disconnected';
import noImplicitSplit from 'bpmnlint/rules/no-implicit-split';
import noImplicitEnd from 'bpmnlint/rules/no-implicit-end';
import endEventRequired from 'bpmnlint/rules/end-event-required';
import superfluousGateway from 'bpmnlint/rules/superfluous-gateway';
import noGatewayJoinFork from 'bpmnlint/rules/no-gateway-join-fork';
import noComplexGateway from 'bpmnlint/rules/no-complex-gateway';
import superfluousTermination from 'bpmnlint/rules/superfluous-termination';

/**
 * bpmnlint's structural rules, added to Camunda's own (which for Camunda 7.x check little
 * structure). Built by hand as bpmnlint's config compiler would (rules imported, a static
 * resolver), since Vite has no bpmnlint plugin. fake-join and label-required are left out: our
 * models join loops on tasks and leave some events unnamed on purpose.
 */
const STRUCTURE = {
  'no-disconnected': noDisconnected,
  'no-implicit-split': noImplicitSplit,
  'no-implicit-end': noImplicitEnd,
  'end-event-required': endEventRequired,
  'superfluous-gateway': superfluousGateway,
  'no-gateway-join-fork': noGatewayJoinFork,
  'no-complex-gateway': noComplexGateway,
  'superfluous-termination': superfluousTermination,
};
export const structureRules = {
  config: { rules: Object.fromEntries(Object.keys(STRUCTURE).map((name) => [`bpmnlint/${name}`, 'warn'])) },
  resolver: new StaticResolver(Object.fromEntries(Object.entries(STRUCTURE)
    .map(([name, rule]) => [`rule:bpmnlint/${name}`, rule]))),
  owns: (rule) => Object.keys(STRUCTURE).some((name) => rule === name || rule === `bpmnlint/${name}`),
};

/**
 * Home First's entries in the properties panel: the form key of a user task is chosen from the
 * forms the inbox knows, and candidate groups are checked against the known teams. Both read the
 * lists the server passed in (config.hfCatalog: {forms: [{key, title}], teams: [{id, name}]}), a
 * live object so lists that arrive after the modeler was built still show.
 */
class HfPropertiesProvider {
  static $inject = ['propertiesPanel'];

  constructor(propertiesPanel) {
    // lower than the Camunda Platform provider (500): runs after it, so its entries are there to replace
    propertiesPanel.registerProvider(200, this);
  }

  getGroups() {
    return (groups) => {
      for (const group of groups) {
        if (group.id === 'CamundaPlatform__Form') {
          replace(group, 'formKey', { id: 'formKey', component: FormKeySelect, isEdited: isSelectEntryEdited });
        }
        if (group.id === 'CamundaPlatform__UserAssignment') {
          replace(group, 'candidateGroups',
            { id: 'candidateGroups', component: CandidateGroups, isEdited: isTextFieldEntryEdited });
        }
      }
      return groups;
    };
  }
}

function replace(group, id, entry) {
  const at = (group.entries || []).findIndex((e) => e.id === id);
  if (at >= 0) group.entries[at] = entry;
}

function FormKeySelect({ element }) {
  const modeling = useService('modeling');
  const catalog = useService('config.hfCatalog');
  const businessObject = getBusinessObject(element);
  const known = (key) => catalog.forms.some((f) => f.key === key);
  const getValue = () => businessObject.get('camunda:formKey') || '';
  const setValue = (value) => modeling.updateProperties(element, { 'camunda:formKey': value || '' });
  const getOptions = () => {
    const current = getValue();
    const options = [{ value: '', label: '(choose a form)' }];
    catalog.forms.forEach((f) => options.push({ value: f.key, label: `${f.title} (${f.key})` }));
    if (current && !known(current)) {
      options.push({ value: current, label: `${current}: unknown form` });
    }
    return options;
  };
  return SelectEntry({
    element,
    id: 'formKey',
    label: 'Form (from the forms the inbox knows)',
    description: 'The form the inbox shows for this task.',
    getValue,
    setValue,
    getOptions,
    validate: (value) => (value && !known(value)
      ? `Unknown form: the inbox has no form "${value}", so the task could not be completed there.` : null),
  });
}

function CandidateGroups({ element }) {
  const modeling = useService('modeling');
  const debounce = useService('debounceInput');
  const catalog = useService('config.hfCatalog');
  const businessObject = getBusinessObject(element);
  const getValue = () => businessObject.get('camunda:candidateGroups');
  const setValue = (value) => modeling.updateProperties(element, { 'camunda:candidateGroups': value || undefined });
  return TextFieldEntry({
    element,
    id: 'candidateGroups',
    label: 'Candidate groups (teams, comma separated)',
    description: 'Known teams: ' + catalog.teams.map((t) => t.id).join(', '),
    getValue,
    setValue,
    debounce,
    validate: (value) => {
      const unknown = (value || '').split(',').map((s) => s.trim())
        .filter((s) => s && !s.includes('$') && !catalog.teams.some((t) => t.id === s));
      return unknown.length ? `Unknown team: ${unknown.join(', ')}` : null;
    },
  });
}

export const HfPropertiesModule = {
  __init__: ['hfPropertiesProvider'],
  hfPropertiesProvider: ['type', HfPropertiesProvider],
};
