import type { Component, FormSpec } from './fields.js';

/** The schema version @bpmn-io/form-js 1.23 writes. */
export const FORM_SCHEMA_VERSION = 19;

/** Camunda Form JSON as the Camunda Modeler saves it; undefined properties are dropped. */
export function toCamundaForm(spec: FormSpec): Record<string, unknown> {
  const heading: Component = {
    type: 'text', id: 'Text_titolo',
    text: `# ${spec.title}${spec.intro ? `\n\n${spec.intro}` : ''}`,
  };
  return {
    executionPlatform: 'Camunda Cloud',
    executionPlatformVersion: '8.9.0',
    exporter: { name: 'province-comuni-hr scripts/processes', version: '1.0.0' },
    schemaVersion: FORM_SCHEMA_VERSION,
    id: spec.id,
    type: 'default',
    components: [heading, ...spec.components].map(clean),
  };
}

function clean(component: Component): Component {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(component)) {
    if (v === undefined) continue;
    if (k === 'components' && Array.isArray(v)) {
      out[k] = (v as Component[]).map((c) => clean({ ...c, id: `${component.id}_${c.id}` }));
    } else if (v && typeof v === 'object' && !Array.isArray(v)) {
      out[k] = Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined));
    } else {
      out[k] = v;
    }
  }
  return out as Component;
}
