import { createRequire } from 'node:module';
import { beforeAll, describe, expect, it } from 'vitest';
import { LINT_CONFIG, lintDefinitions } from '../../scripts/processes/lint/lintBpmn.js';
import { type LoadedDiagram, loadDiagrams } from './support/loadDiagrams.js';

const require = createRequire(import.meta.url);

describe('bpmnlint (recommended + camunda-compat for Camunda 8.9)', () => {
  let diagrams: LoadedDiagram[] = [];
  beforeAll(async () => {
    diagrams = await loadDiagrams();
  });

  it('uses a camunda-compat configuration the installed plugin offers', () => {
    // given
    const plugin = require('bpmnlint-plugin-camunda-compat') as { configs: Record<string, unknown> };
    const configName = LINT_CONFIG.extends[1]!.replace('plugin:camunda-compat/', '');

    // then
    expect(Object.keys(plugin.configs)).toContain(configName);
  });

  it('finds the three procedures and their called processes', () => {
    expect(diagrams.map((d) => d.file)).toEqual(expect.arrayContaining([
      'selezione-personale.bpmn', 'procedimento-disciplinare.bpmn', 'formazione.bpmn',
    ]));
    expect(diagrams.length).toBeGreaterThanOrEqual(3);
  });

  it('reports nothing, neither errors nor warnings, on any diagram', async () => {
    // when
    const findings = [];
    for (const d of diagrams) {
      for (const issue of await lintDefinitions(d.definitions)) findings.push(`${d.file}: ${issue.rule} ${issue.id ?? ''} ${issue.message}`);
    }

    // then
    expect(findings).toEqual([]);
  });

  it('catches a broken diagram (the linter is really running)', async () => {
    // given: a user task stripped of its form and candidate groups, and a dangling flow target
    const d = diagrams.find((x) => x.file === 'procedimento-disciplinare.bpmn')!;
    const { createModdle } = await import('../../scripts/processes/model/moddle.js');
    const m = createModdle();
    const { xml } = await m.toXML(d.definitions);
    const broken = xml.replace(/<zeebe:formDefinition formId="disciplinare-notizia-fatto" \/>/, '');
    const { rootElement } = await m.fromXML(broken.replace('name="Registra la notizia del fatto"', 'name=""'));

    // when
    const issues = await lintDefinitions(rootElement);

    // then
    expect(issues.map((i) => i.rule)).toEqual(expect.arrayContaining(['label-required']));
    expect(issues.some((i) => i.rule.includes('user-task-form') || i.id === 'Task_RegistraNotizia')).toBe(true);
  });
});
