import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RetentionPolicy } from '../../../src/retentionPolicy.js';
import { bpmn, deployXml, startHarness, waitFor, type Harness } from '../../support/engineHarness.js';

/**
 * ENGINE_RETENTION on the embedded engine (real SQLite file, gRPC and REST on loopback): ended instances are deleted
 * once past their time to live AND before the exporter position the audit follower acknowledged; nothing else.
 */
const DAY = 24 * 60 * 60 * 1000;
const T0 = Date.parse('2026-03-02T08:00:00.000Z');
const TYPES = ['ret-a', 'ret-b', 'ret-c'];

const task = (id: string, type: string) => `<bpmn:serviceTask id="${id}"><bpmn:extensionElements><zeebe:taskDefinition type="${type}"/></bpmn:extensionElements></bpmn:serviceTask>`;
const THREE_TASKS = bpmn('ret-three', `<bpmn:startEvent id="start"/>${TYPES.map((t, i) => task(`t${i}`, t)).join('')}<bpmn:endEvent id="end"/>
  <bpmn:sequenceFlow id="f0" sourceRef="start" targetRef="t0"/><bpmn:sequenceFlow id="f1" sourceRef="t0" targetRef="t1"/>
  <bpmn:sequenceFlow id="f2" sourceRef="t1" targetRef="t2"/><bpmn:sequenceFlow id="f3" sourceRef="t2" targetRef="end"/>`);
const CALLER = bpmn('ret-caller', `<bpmn:startEvent id="start"/><bpmn:callActivity id="call"><bpmn:extensionElements><zeebe:calledElement processId="ret-three"/></bpmn:extensionElements></bpmn:callActivity><bpmn:endEvent id="end"/>
  <bpmn:sequenceFlow id="f0" sourceRef="start" targetRef="call"/><bpmn:sequenceFlow id="f1" sourceRef="call" targetRef="end"/>`);
const RULE_DMN = `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="ret-drg" name="Ret" namespace="http://camunda.org/schema/1.0/dmn">
  <decision id="ret-decision" name="Ret decision"><literalExpression id="le"><text>"ok"</text></literalExpression></decision>
</definitions>`;
const RULE = bpmn('ret-rule', `<bpmn:startEvent id="start"/><bpmn:businessRuleTask id="rule"><bpmn:extensionElements><zeebe:calledDecision decisionId="ret-decision" resultVariable="esito"/></bpmn:extensionElements></bpmn:businessRuleTask><bpmn:endEvent id="end"/>
  <bpmn:sequenceFlow id="f0" sourceRef="start" targetRef="rule"/><bpmn:sequenceFlow id="f1" sourceRef="rule" targetRef="end"/>`);
const WAITING = bpmn('ret-waiting', `<bpmn:startEvent id="start"/>${task('wait', 'ret-nobody')}<bpmn:endEvent id="end"/>
  <bpmn:sequenceFlow id="f0" sourceRef="start" targetRef="wait"/><bpmn:sequenceFlow id="f1" sourceRef="wait" targetRef="end"/>`);

let h: Harness;
let base: string;
const basic = (id: string) => {
  const client = h.embedded.client(id);
  return `Basic ${Buffer.from(`${client.id}:${client.secret}`).toString('base64')}`;
};
const rest = async (method: string, path: string, body?: unknown, as = 'operator') => {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { authorization: basic(as), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : undefined };
};
const acknowledge = (at: number, as = 'web-app') => rest('PUT', '/engine/retention/exported-position', { exportedUntil: new Date(at).toISOString() }, as);
const clock = (at: number) => h.embedded.engine.clock.pin(at);
const start = async (processId: string) => String((await h.zeebe.createProcessInstance({ bpmnProcessId: processId, variables: { pratica: processId } })).processInstanceKey);
const countRows = async (table: string, keys: string[]) =>
  Number(((await h.embedded.engine.knex(table).whereIn('process_instance_key', keys.map(Number)).count({ n: '*' }).first()) as { n: number }).n);

/** Works every job of the three types until `keys` have all ended. */
async function runToEnd(keys: string[]): Promise<void> {
  const ended = async () => Number(((await h.embedded.engine.knex('process_instances').whereIn('key', keys.map(Number)).whereNot('state', 'ACTIVE').count({ n: '*' }).first()) as { n: number }).n) === keys.length;
  await waitFor(async () => {
    for (const type of TYPES) {
      const jobs = await h.zeebe.activateJobs({ type, worker: 'retention-test', timeout: 60_000, maxJobsToActivate: 100, requestTimeout: -1 } as never);
      for (const job of jobs) await h.zeebe.completeJob({ jobKey: job.key, variables: { [type.replace('-', '_')]: true } });
    }
    return ended();
  }, 20_000, 'the instances to end');
}

beforeAll(async () => {
  h = await startHarness({ rest: { host: '127.0.0.1', port: 0 }, retention: RetentionPolicy.parse('P1D'), retentionSweeper: { autoStart: false, batchSize: 2 } });
  base = h.embedded.restAddress!;
  await deployXml(h.zeebe, 'ret-three.bpmn', THREE_TASKS);
  await deployXml(h.zeebe, 'ret-caller.bpmn', CALLER);
  await deployXml(h.zeebe, 'ret-waiting.bpmn', WAITING);
  await h.zeebe.deployResource({ name: 'ret.dmn', decision: Buffer.from(RULE_DMN) } as never);
  await deployXml(h.zeebe, 'ret-rule.bpmn', RULE);
}, 60_000);

afterAll(async () => {
  await h?.stop();
});

describe('retention of ended instances (ENGINE_RETENTION)', () => {
  let exported: string[];
  let caller: string;
  let ruled: string;
  let child: string;
  let unexported: string[];
  let running: string;

  it('deletes nothing while the exporter has acknowledged nothing, nor before the time to live has passed', async () => {
    // given: at T0 a waiting instance and four cases run to their end (one calls the three-task process)
    clock(T0);
    running = await start('ret-waiting');
    exported = [await start('ret-three'), await start('ret-three'), await start('ret-three')];
    caller = await start('ret-caller');
    child = String(((await waitFor(() => h.embedded.engine.knex('process_instances').where('parent_process_instance_key', Number(caller)).first(), 5000, 'the called instance')) as { key: number }).key);
    // and a case whose business rule task evaluates a decision, and a standalone evaluation
    ruled = await start('ret-rule');
    await h.zeebe.evaluateDecision({ decisionId: 'ret-decision', variables: {} });
    await runToEnd([...exported, caller, child, ruled]);
    // and, belonging to no instance: a message nobody waits for, one buffered for 30 days, a signal
    await h.zeebe.publishMessage({ name: 'ret-nobody', correlationKey: 'k-1', timeToLive: 0, variables: {} });
    await h.zeebe.publishMessage({ name: 'ret-buffered', correlationKey: 'k-2', timeToLive: 30 * DAY, variables: {} });
    await h.zeebe.broadcastSignal({ signalName: 'ret-signal', variables: {} });
    // an hour later two more cases end
    clock(T0 + 60 * 60 * 1000);
    unexported = [await start('ret-three'), await start('ret-three'), await start('ret-rule')];
    await runToEnd(unexported);

    // when: a sweep three days later with no acknowledgement
    clock(T0 + 3 * DAY);
    const sweeper = h.embedded.retention!;
    const first = await sweeper.sweepOnce();
    // and one after an acknowledgement, but inside the time to live (on a clock moved back to T0 + 2 h)
    clock(T0 + 2 * 60 * 60 * 1000);
    expect((await acknowledge(T0 + 30 * 60 * 1000)).status).toBe(204);
    const second = await sweeper.sweepAll();

    // then
    expect(first).toEqual({ instances: 0, records: 0, waitingFor: 'exporter' });
    expect(second).toBe(0);
    expect(await countRows('element_instances', [...exported, caller, child, ...unexported])).toBeGreaterThan(0);
    for (const key of [...exported, caller, ...unexported]) expect((await rest('GET', `/v2/process-instances/${key}`)).status).toBe(200);
  });

  it('deletes, past the time to live, only the ended instances that ended before the acknowledged position, with their called instances', async () => {
    // given: the acknowledgement of T0 + 30 min (above); the runtime rows the exported cases hold
    const gone = [...exported, caller, child, ruled];
    expect(await countRows('decision_instances', [ruled])).toBe(1);
    expect(await countRows('records', gone)).toBeGreaterThan(0);
    expect(await countRows('variables', gone)).toBeGreaterThan(0);
    const runningBefore = { elements: await countRows('element_instances', [running]), records: await countRows('records', [running]), jobs: await countRows('jobs', [running]) };

    // when: three days later, batch after batch (two roots per transaction)
    clock(T0 + 3 * DAY);
    const deleted = await h.embedded.retention!.sweepAll();

    // then: the exported cases and the called one are gone, row by row and through the REST API as after Camunda's cleanup
    expect(deleted).toBe(gone.length);
    for (const table of ['element_instances', 'variables', 'jobs', 'incidents', 'user_tasks', 'message_subscriptions', 'timers', 'decision_instances', 'records']) {
      expect({ table, rows: await countRows(table, gone) }).toEqual({ table, rows: 0 });
    }
    for (const key of gone) {
      const answer = await rest('GET', `/v2/process-instances/${key}`);
      expect(answer.status).toBe(404);
      expect(answer.body).toMatchObject({ status: 404, title: 'NOT_FOUND' });
    }
    const searched = await rest('POST', '/v2/process-instances/search', { filter: { processInstanceKey: { $in: gone } } });
    expect(searched.body).toMatchObject({ items: [], page: { totalItems: 0 } });
    const elements = await rest('POST', '/v2/element-instances/search', { filter: { processInstanceKey: exported[0] } });
    expect(elements.body).toMatchObject({ items: [], page: { totalItems: 0 } });
    const variables = await rest('POST', '/v2/variables/search', { filter: { processInstanceKey: exported[0] } });
    expect(variables.body).toMatchObject({ items: [], page: { totalItems: 0 } });
    // the message and signal records go, but not those of the message still buffered
    const loose = (await h.embedded.engine.knex('records').whereIn('value_type', ['MESSAGE', 'SIGNAL']).select('value_type', 'intent', 'value')) as { value_type: string; intent: string; value: string }[];
    expect(loose.map((r) => [r.value_type, r.intent, (JSON.parse(r.value) as { name?: string }).name])).toEqual([['MESSAGE', 'PUBLISHED', 'ret-buffered']]);
    // the cases that ended after the acknowledged position stay, whole
    for (const key of unexported) expect((await rest('GET', `/v2/process-instances/${key}`)).body).toMatchObject({ processInstanceKey: key, state: 'COMPLETED' });
    expect(await countRows('records', unexported)).toBeGreaterThan(0);
    expect(await countRows('decision_instances', unexported)).toBe(1);
    // the standalone evaluation belongs to no instance and stays
    const standalone = await rest('POST', '/v2/decision-instances/search', { filter: { decisionDefinitionId: 'ret-decision' } });
    expect((standalone.body?.items as { processInstanceKey: string | null }[]).map((i) => i.processInstanceKey)).toEqual([null, unexported[2]]);
    // the running instance is untouched and still runs to its end
    expect({ elements: await countRows('element_instances', [running]), records: await countRows('records', [running]), jobs: await countRows('jobs', [running]) }).toEqual(runningBefore);
    const [job] = await h.zeebe.activateJobs({ type: 'ret-nobody', worker: 'retention-test', timeout: 60_000, maxJobsToActivate: 1, requestTimeout: -1 } as never);
    await h.zeebe.completeJob({ jobKey: job.key, variables: {} });
    expect((await rest('GET', `/v2/process-instances/${running}`)).body).toMatchObject({ state: 'COMPLETED' });
  });

  it('answers commands on a deleted instance as Camunda does for an unknown one', async () => {
    // when
    const cancel = await rest('POST', `/v2/process-instances/${exported[1]}/cancellation`, {});
    // then
    expect(cancel.status).toBe(404);
  });

  it('reports the setting and the position, and refuses a position from another client, in the future or not a date-time', async () => {
    // given
    const now = h.embedded.engine.clock.now();
    // when
    const status = await rest('GET', '/engine/retention');
    const byOperator = await acknowledge(now - 1000, 'operator');
    const future = await acknowledge(now + DAY);
    const garbled = await rest('PUT', '/engine/retention/exported-position', { exportedUntil: 'yesterday' }, 'web-app');
    const unknownField = await rest('PUT', '/engine/retention/exported-position', { exportedUntil: new Date(now).toISOString(), lag: 1 }, 'web-app');
    // then
    expect(status.body).toEqual({ retention: 'P1D', exporters: [{ exporterId: 'audit-trail', exportedUntil: new Date(T0 + 30 * 60 * 1000).toISOString(), updatedAt: expect.any(String) }] });
    expect(byOperator.status).toBe(403);
    expect(future).toMatchObject({ status: 400, body: { detail: expect.stringContaining('must not be after the engine clock') } });
    expect(garbled).toMatchObject({ status: 400, body: { detail: expect.stringContaining("exportedUntil is 'yesterday'") } });
    expect(unknownField).toMatchObject({ status: 400, body: { detail: expect.stringContaining('[lag]') } });
    // and the position is unchanged
    expect((await rest('GET', '/engine/retention')).body).toEqual(status.body);
  });
});
