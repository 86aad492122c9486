import * as v89 from '@camunda/camunda-api-zod-schemas/8.9';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BODY_FIELDS } from '../../src/gateway/rest/closedBodies.js';
import { bpmn } from '../support/engineHarness.js';
import { straight, task } from '../support/bpmnSnippets.js';
import { deploy, http, startRestHarness, type RestHarness } from './restHarness.js';

/** Top-level field names of a zod object schema (or of the members of a union of them). */
function fieldsOf(schema: unknown): string[] {
  const s = schema as { shape?: Record<string, unknown>; options?: unknown[]; _def?: { options?: unknown[]; innerType?: unknown } };
  if (s.shape) return Object.keys(s.shape);
  const options = s.options ?? s._def?.options;
  if (options) return [...new Set(options.flatMap(fieldsOf))];
  return s._def?.innerType ? fieldsOf(s._def.innerType) : [];
}

describe('REST request bodies are closed, as Camunda 8.9 has them', () => {
  let h: RestHarness;
  beforeAll(async () => {
    h = await startRestHarness();
    await deploy(h.base, [{ name: 'closed.bpmn', content: bpmn('closed', straight({ id: 'work', xml: task('work', 'closed-work') })) }]);
  });
  afterAll(async () => {
    await h.stop();
  });

  it('answers 400 naming an unknown field, and creates nothing', async () => {
    // when: a misspelt field ("variabels") and an invented one
    const create = await http(h.base, 'POST', '/v2/process-instances', { processDefinitionId: 'closed', variabels: { codiceIstat: '108033' } });
    const search = await http(h.base, 'POST', '/v2/variables/search', { filter: {}, everything: true });
    const publish = await http(h.base, 'POST', '/v2/messages/publication', { name: 'm', correlationKey: 'k', actor: 'someone' });
    const instances = await http(h.base, 'POST', '/v2/process-instances/search', { filter: { processDefinitionId: 'closed' } });
    // then
    expect(create.status).toBe(400);
    expect(create.body).toMatchObject({ title: 'INVALID_ARGUMENT', detail: expect.stringContaining('[variabels]') });
    expect(search.body).toMatchObject({ status: 400, detail: expect.stringContaining('[everything]') });
    expect(publish.body).toMatchObject({ status: 400, detail: expect.stringContaining('[actor]') });
    expect(instances.body.items).toEqual([]);
  });

  it('accepts the fields Camunda has: the table is the 8.9 OpenAPI schemas', () => {
    for (const rule of BODY_FIELDS) {
      expect(fieldsOf((v89 as Record<string, unknown>)[rule.schema]).sort(), rule.schema).toEqual([...rule.fields].sort());
    }
  });
});
