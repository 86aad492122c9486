import type { JSONDoc } from '@camunda8/sdk/dist/zeebe/lib/interfaces-1.0.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bpmn, completedElements, deployXml, records, startHarness, type Harness } from '../../support/engineHarness.js';
import { chain, flow } from '../../support/bpmnSnippets.js';

/**
 * A comparison of values of different types gives null in Camunda's FEEL, and Zeebe evaluates a
 * sequence-flow condition as BOOLEAN: null is an EXTRACT_VALUE_ERROR incident on the gateway
 * ("Expected result of the expression ... to be 'BOOLEAN', but was 'NULL'."), never false
 * (ExpressionProcessor.evaluateBooleanExpression; ZEEBE-SEMANTICS.md §5). Before this fix the
 * comparison gave false here and the default flow was taken silently.
 */
describe('comparing values of different types in gateway conditions', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.stop();
  });

  const start = async (id: string, variables: JSONDoc) => (await h.zeebe.createProcessInstance({ bpmnProcessId: id, variables })).processInstanceKey;
  const incidents = async (key: string) => (await records(h.embedded, key, 'INCIDENT')).filter((r) => r.intent === 'CREATED');
  const takenFlows = async (key: string) =>
    (await records(h.embedded, key, 'PROCESS_INSTANCE')).filter((r) => r.intent === 'SEQUENCE_FLOW_TAKEN').map((r) => r.element_id);

  // `importo` arrives as a number; the model compares it with a string.
  const model = (id: string, condition: string, withDefault: boolean) =>
    bpmn(id, [
      '<bpmn:startEvent id="start"/>',
      `<bpmn:exclusiveGateway id="soglia"${withDefault ? ' default="sottoSoglia"' : ''}/>`,
      '<bpmn:endEvent id="gara"/><bpmn:endEvent id="affidamento"/>',
      chain('start', 'soglia'),
      flow('sopraSoglia', 'soglia', 'gara', condition),
      flow('sottoSoglia', 'soglia', 'affidamento', withDefault ? undefined : '=importo <= 1000'),
    ].join('\n'));

  it.each([
    ['with a default flow', 'feel-mixed-default', true],
    ['without a default flow', 'feel-mixed-nodefault', false],
  ])('raises EXTRACT_VALUE_ERROR %s, takes no flow, and re-evaluates on resolve', async (_, id, withDefault) => {
    // given
    await deployXml(h.zeebe, `${id}.bpmn`, model(id, '=importo > "1000"', withDefault));
    // when
    const key = await start(id, { importo: 1500 });
    // then
    const [incident] = await incidents(key);
    expect(incident.value).toMatchObject({ errorType: 'EXTRACT_VALUE_ERROR', elementId: 'soglia' });
    expect(String(incident.value.errorMessage)).toContain(`Expected result of the expression 'importo > "1000"' to be 'BOOLEAN', but was 'NULL'.`);
    expect(await takenFlows(key)).toEqual(['start_soglia']);

    // when: the variable gets the type the model expects, and the incident is resolved
    await h.zeebe.setVariables({ elementInstanceKey: key, variables: { importo: '1500' }, local: false });
    await h.zeebe.resolveIncident({ incidentKey: String(incident.key) });
    // then
    expect(await completedElements(h.embedded, key)).toEqual(['start', 'soglia', 'gara', id]);
  });

  it('takes the else branch of an if whose condition compares different types', async () => {
    // given: the model guards the comparison itself
    await deployXml(h.zeebe, 'feel-mixed-if.bpmn', model('feel-mixed-if', '=if importo > "1000" then true else false', true));
    // when
    const key = await start('feel-mixed-if', { importo: 1500 });
    // then
    expect(await incidents(key)).toEqual([]);
    expect(await completedElements(h.embedded, key)).toEqual(['start', 'soglia', 'affidamento', 'feel-mixed-if']);
  });

  it('still routes on comparisons of one type', async () => {
    // given
    await deployXml(h.zeebe, 'feel-same-type.bpmn', model('feel-same-type', '=importo > 1000', true));
    // when
    const above = await start('feel-same-type', { importo: 1500 });
    const below = await start('feel-same-type', { importo: 500 });
    // then
    expect(await completedElements(h.embedded, above)).toEqual(['start', 'soglia', 'gara', 'feel-same-type']);
    expect(await completedElements(h.embedded, below)).toEqual(['start', 'soglia', 'affidamento', 'feel-same-type']);
  });
});
