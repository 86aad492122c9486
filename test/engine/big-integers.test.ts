import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bpmn, deployXml, waitFor } from '../support/engineHarness.js';
import { flow, task } from '../support/bpmnSnippets.js';
import { rawGateway, type RawGateway } from '../support/rawGateway.js';
import { authorizationFor, startRestHarness, type RestHarness } from '../rest/restHarness.js';

// Integers beyond 2^53 (Number.MAX_SAFE_INTEGER = 9007199254740991) keep their digits end to end, as in Zeebe,
// whose variables hold int64: gRPC variables are JSON text, REST bodies are JSON.
const BIG = '9007199254740993'; // 2^53 + 1: a double cannot hold it
const INT64_MAX = '9223372036854775807';

const PROCESS = bpmn('big-int', [
  '<bpmn:startEvent id="start"/>',
  task('first', 'big-first'),
  // FEEL reads the big integer (as a double): it must evaluate, not raise an incident.
  `<bpmn:scriptTask id="feel"><bpmn:extensionElements><zeebe:script expression="=big + 1" resultVariable="approx"/></bpmn:extensionElements></bpmn:scriptTask>`,
  '<bpmn:exclusiveGateway id="check" default="low"/>',
  task('second', 'big-second'),
  '<bpmn:endEvent id="end"/>',
  '<bpmn:endEvent id="lowEnd"/>',
  flow('f1', 'start', 'first'),
  flow('f2', 'first', 'feel'),
  flow('f3', 'feel', 'check'),
  flow('high', 'check', 'second', '=big > 9007199254740000'),
  flow('low', 'check', 'lowEnd'),
  flow('f4', 'second', 'end'),
].join('\n'));

describe('integers above 2^53 in variables', () => {
  let h: RestHarness;
  let raw: RawGateway;
  beforeAll(async () => {
    h = await startRestHarness();
    raw = rawGateway(h.embedded.grpcAddress);
    await deployXml(h.zeebe, 'big-int.bpmn', PROCESS);
  });
  afterAll(async () => {
    raw.close();
    await h.stop();
  });

  const activate = async (type: string) => {
    const [job] = await raw.activate({ type, worker: 'w', timeout: 60_000, maxJobsToActivate: 1, requestTimeout: 5_000 });
    return job as { key: string; variables: string };
  };
  const restText = async (method: string, path: string, body: string): Promise<{ status: number; text: string }> => {
    const auth = authorizationFor(h.base);
    const response = await fetch(h.base + path, body === '' ? { method, headers: auth } : { method, headers: { ...auth, 'content-type': 'application/json' }, body });
    return { status: response.status, text: await response.text() };
  };
  const storedValue = async (processInstanceKey: string, name: string) =>
    ((await h.embedded.engine.knex('variables').where({ process_instance_key: Number(processInstanceKey), name }).first()) as { value: string } | undefined)?.value;

  it('keeps them through gRPC: create, job variables, completion, and FEEL reads them without an incident', async () => {
    // given
    const created = await raw.call('CreateProcessInstance', { bpmnProcessId: 'big-int', version: -1, variables: `{"big":${BIG},"nested":{"ids":[${INT64_MAX},1]}}` });
    // when
    const first = await activate('big-first');
    await raw.call('CompleteJob', { jobKey: first.key, variables: `{"fromWorker":${INT64_MAX}}` });
    const second = await activate('big-second');
    // then
    expect(first.variables).toContain(`"big":${BIG}`);
    expect(first.variables).toContain(`"ids":[${INT64_MAX},1]`);
    expect(second.variables).toContain(`"fromWorker":${INT64_MAX}`);
    expect(await storedValue(created.processInstanceKey, 'big')).toBe(BIG);
    expect(Number(await storedValue(created.processInstanceKey, 'approx'))).toBeGreaterThan(9007199254740000);
    expect(await h.embedded.engine.knex('incidents').where('process_instance_key', Number(created.processInstanceKey))).toEqual([]);
  });

  it('keeps them through REST: create, variable search and get, job activation and completion', async () => {
    // given
    const created = await restText('POST', '/v2/process-instances', `{"processDefinitionId":"big-int","variables":{"big":${BIG}}}`);
    expect(created.status).toBe(200);
    const processInstanceKey = (JSON.parse(created.text) as { processInstanceKey: string }).processInstanceKey;
    // when
    const activated = await waitFor(async () => {
      const reply = await restText('POST', '/v2/jobs/activation', '{"type":"big-first","worker":"rest","timeout":60000,"maxJobsToActivate":1,"requestTimeout":1000}');
      return reply.text.includes('jobKey') ? reply.text : undefined;
    });
    const jobKey = /"jobKey":"(\d+)"/.exec(activated)![1];
    const completed = await restText('POST', `/v2/jobs/${jobKey}/completion`, `{"variables":{"fromRest":${INT64_MAX}}}`);
    const search = await restText('POST', '/v2/variables/search', `{"filter":{"processInstanceKey":"${processInstanceKey}","name":"fromRest"}}`);
    const variableKey = /"variableKey":"(\d+)"/.exec(search.text)![1];
    const one = await restText('GET', `/v2/variables/${variableKey}`, '');
    // then
    expect(activated).toContain(`"big":${BIG}`);
    expect(completed.status).toBe(204);
    expect((JSON.parse(one.text) as { value: string }).value).toBe(INT64_MAX);
    expect(await storedValue(processInstanceKey, 'big')).toBe(BIG);
  });

  it('leaves every other number as it was: decimals and safe integers', async () => {
    // when
    const created = await raw.call('CreateProcessInstance', { bpmnProcessId: 'big-int', version: -1, variables: '{"big":9007199254740991,"ratio":0.1,"long":12345678901234567.5}' });
    // then
    expect(await storedValue(created.processInstanceKey, 'big')).toBe('9007199254740991');
    expect(await storedValue(created.processInstanceKey, 'ratio')).toBe('0.1');
    expect(await storedValue(created.processInstanceKey, 'long')).toBe(String(12345678901234567.5));
  });
});
