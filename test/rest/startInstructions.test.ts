import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { records, waitFor } from '../support/engineHarness.js';
import { NESTED, REFUSALS, SHARED } from '../engine/fixtures/startInstructionModels.js';
import { deploy, http, startRestHarness, type RestHarness } from './restHarness.js';

describe('REST v2: POST /v2/process-instances with startInstructions', () => {
  let h: RestHarness;
  beforeAll(async () => {
    h = await startRestHarness();
    const deployed = await deploy(h.base, [{ name: 'nested.bpmn', content: NESTED }, { name: 'shared.bpmn', content: SHARED }, { name: 'refusals.bpmn', content: REFUSALS }]);
    expect(deployed.status).toBe(200);
  });
  afterAll(async () => {
    await h.stop();
  });

  const instanceCount = async (): Promise<number> => Number((await h.embedded.engine.knex('process_instances').count({ n: '*' }))[0].n);
  const elementLog = async (key: string) => (await records(h.embedded, key, 'PROCESS_INSTANCE')).map((r) => `${r.element_id}:${r.intent}`);

  it('starts at an element two sub-processes deep, with the variables on the process', async () => {
    // when
    const created = await http(h.base, 'POST', '/v2/process-instances', { processDefinitionId: 'nested', variables: { caso: 'P-7' }, startInstructions: [{ elementId: 'review' }] });
    // then
    expect(created.status).toBe(200);
    const key = created.body.processInstanceKey as string;
    const log = await elementLog(key);
    expect(log).toEqual(expect.arrayContaining(['outer:ELEMENT_ACTIVATED', 'inner:ELEMENT_ACTIVATED', 'review:ELEMENT_ACTIVATED']));
    expect(log.some((entry) => /^(start|outerStart|innerStart):/.test(entry))).toBe(false);
    const variables = await h.embedded.engine.knex('variables').where('name', 'caso');
    expect(variables.map((v: { scope_key: number }) => String(v.scope_key))).toEqual([key]);
  });

  it('shares one sub-process instance between two instructions and completes through it', async () => {
    // when
    const created = await http(h.base, 'POST', '/v2/process-instances', { processDefinitionId: 'shared', startInstructions: [{ elementId: 'left' }, { elementId: 'right' }] });
    // then
    expect(created.status).toBe(200);
    const key = created.body.processInstanceKey as string;
    await waitFor(async () => (await h.embedded.engine.knex('process_instances').where('key', Number(key)).first())?.state === 'COMPLETED', 3000, 'completion');
    const log = await elementLog(key);
    expect(log.filter((entry) => entry === 'box:ELEMENT_ACTIVATED')).toHaveLength(1);
    expect(log.filter((entry) => entry.endsWith(':ELEMENT_COMPLETED')).map((entry) => entry.split(':')[0])).toEqual(['left', 'right', 'join', 'boxEnd', 'box', 'end', 'shared']);
  });

  const refusals: [string, unknown, string][] = [
    ['an unknown element', [{ elementId: 'nowhere' }], "no element found with id 'nowhere'."],
    ['an element inside a multi-instance sub-process', [{ elementId: 'item' }], "the element with id 'item' is inside a multi-instance subprocess."],
    ['the start event of an event sub-process', [{ elementId: 'timerStart' }], "the element with id 'timerStart' targets unsupported element type 'START_EVENT'."],
    ['a boundary event', [{ elementId: 'late' }], "the element with id 'late' targets unsupported element type 'BOUNDARY_EVENT'."],
    ['an event after an event-based gateway', [{ elementId: 'reply' }], "the element with id 'reply' belongs to an event-based gateway."],
    ['a flow scope whose subscription fails', [{ elementId: 'guarded' }], "Expected to subscribe to catch event(s) of 'watched' but "],
    ['an instruction without elementId', [{}], 'No elementId provided in startInstructions[0]'],
    ['startInstructions that are not an array', { elementId: 'wait' }, "Property 'startInstructions' must be an array"],
  ];
  for (const [what, startInstructions, detail] of refusals) {
    it(`answers 400 for ${what} and creates nothing`, async () => {
      // given
      const before = await instanceCount();
      // when
      const answer = await http(h.base, 'POST', '/v2/process-instances', { processDefinitionId: 'refusals', startInstructions });
      // then
      expect(answer.status).toBe(400);
      expect(answer.contentType).toContain('application/problem+json');
      expect(answer.body).toMatchObject({ status: 400, title: 'INVALID_ARGUMENT' });
      expect(answer.body.detail).toContain(detail);
      expect(await instanceCount()).toBe(before);
    });
  }
});
