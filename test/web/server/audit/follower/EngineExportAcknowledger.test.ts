import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditTrail, verifyAuditChain } from '../../../../../src/audit/index.js';
import { openAppDatabase, type AppDatabase } from '../../../../../src/db/index.js';
import { RetentionPolicy } from '../../../../../src/retentionPolicy.js';
import { CamundaEventSource } from '../../../../../web/server/audit/follower/CamundaEventSource.js';
import { EmbeddedEngineExports } from '../../../../../web/server/audit/follower/EngineExportAcknowledger.js';
import { EngineEventFollower } from '../../../../../web/server/audit/follower/EngineEventFollower.js';
import { bpmn, deployXml, startHarness, waitFor, webAppSdkConfig, type Harness } from '../../../../support/engineHarness.js';

/**
 * The audit follower acknowledges to the embedded engine how far the trail holds the engine's history, and the
 * engine's retention deletes only what the trail already has: each case's trail stays whole after its runtime rows
 * are gone, and a case that ended after the follower's pass is kept until a later pass has recorded it.
 */
const DAY = 24 * 60 * 60 * 1000;
const T0 = Date.parse('2026-04-07T07:30:00.000Z');
const PROCESS_ID = 'ret-pratica';
// A user task completed outside the web app, then a step whose job fails to an incident that is resolved.
const XML = bpmn(PROCESS_ID, `<bpmn:startEvent id="start"/>
  <bpmn:userTask id="istruttoria"><bpmn:extensionElements><zeebe:userTask/></bpmn:extensionElements></bpmn:userTask>
  <bpmn:serviceTask id="protocollo"><bpmn:extensionElements><zeebe:taskDefinition type="ret-protocollo"/></bpmn:extensionElements></bpmn:serviceTask>
  <bpmn:endEvent id="end"/>
  <bpmn:sequenceFlow id="f0" sourceRef="start" targetRef="istruttoria"/><bpmn:sequenceFlow id="f1" sourceRef="istruttoria" targetRef="protocollo"/>
  <bpmn:sequenceFlow id="f2" sourceRef="protocollo" targetRef="end"/>`);

let h: Harness;
let db: AppDatabase;
let trail: AuditTrail;
let source: CamundaEventSource;
let follower: EngineEventFollower;

const operator = () => {
  const c = h.embedded.client('operator');
  return `Basic ${Buffer.from(`${c.id}:${c.secret}`).toString('base64')}`;
};
const rest = async (method: string, path: string, body?: unknown) => {
  const response = await fetch(`${h.embedded.restAddress}${path}`, {
    method,
    headers: { authorization: operator(), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : undefined) as { items?: Record<string, string>[] } & Record<string, unknown> };
};
const clock = (at: number) => h.embedded.engine.clock.pin(at);
const start = async () => String((await h.zeebe.createProcessInstance({ bpmnProcessId: PROCESS_ID, variables: { codiceIstat: '108033' } })).processInstanceKey);

/** Completes the user task through Camunda's REST API, fails the next job to an incident, resolves it and completes. */
async function runCaseToEnd(pik: string): Promise<void> {
  const task = await waitFor(async () => (await rest('POST', '/v2/user-tasks/search', { filter: { processInstanceKey: pik } })).body.items?.[0], 5000, 'the user task');
  expect((await rest('POST', `/v2/user-tasks/${task.userTaskKey}/completion`, { variables: { esito: 'ammessa' } })).status).toBe(204);
  const activate = async () => (await h.zeebe.activateJobs({ type: 'ret-protocollo', worker: 'retention-follower-test', timeout: 60_000, maxJobsToActivate: 10, requestTimeout: -1 } as never)).find((j) => String(j.processInstanceKey) === pik);
  const job = await waitFor(activate, 5000, 'the protocol job');
  await h.zeebe.failJob({ jobKey: job.key, retries: 0, errorMessage: 'protocollo non raggiungibile', retryBackOff: 0 });
  const incident = await waitFor(async () => (await rest('POST', '/v2/incidents/search', { filter: { processInstanceKey: pik } })).body.items?.[0], 5000, 'the incident');
  await h.zeebe.updateJobRetries({ jobKey: job.key, retries: 1 });
  await h.zeebe.resolveIncident({ incidentKey: incident.incidentKey });
  await h.zeebe.completeJob({ jobKey: (await waitFor(activate, 5000, 'the job again')).key, variables: { protocollo: 'P-1' } });
  await waitFor(async () => (await rest('GET', `/v2/process-instances/${pik}`)).body.state === 'COMPLETED', 5000, 'the case to complete');
}

/** The trail of one case: its actions (the follower appends stream by stream, so sorted) with the entity of each. */
async function trailOf(pik: string): Promise<string[]> {
  const rows = (await db.knex('audit_entries').where('process_instance_key', pik).orWhere({ entity_type: 'process-instance', entity_key: pik }).select('action', 'entity_type')) as { action: string; entity_type: string }[];
  return rows.map((r) => `${r.action} ${r.entity_type}`).sort();
}
const WHOLE_CASE = ['incident.create incident', 'incident.resolve incident', 'instance.start process-instance', 'task.complete user-task'];

beforeAll(async () => {
  h = await startHarness({ rest: { host: '127.0.0.1', port: 0 }, retention: RetentionPolicy.parse('P7D'), retentionSweeper: { autoStart: false } });
  await deployXml(h.zeebe, `${PROCESS_ID}.bpmn`, XML);
  db = await openAppDatabase({ dataDir: path.join(h.dataDir, 'app'), log: () => undefined });
  trail = new AuditTrail(db);
  source = new CamundaEventSource({ restAddress: h.embedded.restAddress, sdkConfig: webAppSdkConfig(h.embedded) });
  const exports = new EmbeddedEngineExports({ restAddress: h.embedded.restAddress!, sdkConfig: webAppSdkConfig(h.embedded) });
  follower = new EngineEventFollower(db, trail, source, { graceMs: 0, pageSize: 2, batchSize: 2, exports, onError: (e) => console.error(e) });
}, 60_000);

afterAll(async () => {
  await source?.close();
  await db?.close();
  await h?.stop();
});

describe('retention after export to the audit trail', () => {
  const completed: string[] = [];
  let cancelled: string;
  let late: string;
  let trailsBefore: Record<string, string[]>;

  it('deletes the cases the follower has recorded, keeping each one whole in the trail', async () => {
    // given: on the first day two cases run to their end and one is cancelled; the follower records them
    clock(T0);
    for (let i = 0; i < 2; i++) {
      const pik = await start();
      await runCaseToEnd(pik);
      completed.push(pik);
    }
    cancelled = await start();
    expect((await rest('POST', `/v2/process-instances/${cancelled}/cancellation`, {})).status).toBe(204);
    clock(T0 + 60_000);
    await follower.pollOnce();
    // a case that ends after the follower's pass, and one that keeps running
    clock(T0 + 120_000);
    late = await start();
    await runCaseToEnd(late);
    const running = await start();
    trailsBefore = Object.fromEntries(await Promise.all([...completed, cancelled].map(async (k) => [k, await trailOf(k)] as const)));

    // when: eight days later retention runs
    clock(T0 + 8 * DAY);
    const deleted = await h.embedded.retention!.sweepAll();

    // then: the recorded cases are gone from the engine, as Camunda answers after its cleanup
    expect(deleted).toBe(3);
    for (const key of [...completed, cancelled]) expect((await rest('GET', `/v2/process-instances/${key}`)).status).toBe(404);
    expect((await rest('POST', '/v2/incidents/search', { filter: { processInstanceKey: completed[0] } })).body.items).toEqual([]);
    expect((await rest('POST', '/v2/user-tasks/search', { filter: { processInstanceKey: completed[0] } })).body.items).toEqual([]);
    // each one's trail is whole: every step the follower records
    for (const key of completed) expect(trailsBefore[key]).toEqual(WHOLE_CASE);
    expect(trailsBefore[cancelled]).toEqual(['instance.cancel process-instance', 'instance.start process-instance']);
    // the case that ended after the pass, and the running one, are still in the engine
    expect((await rest('GET', `/v2/process-instances/${late}`)).body).toMatchObject({ state: 'COMPLETED' });
    expect((await rest('GET', `/v2/process-instances/${running}`)).body).toMatchObject({ state: 'ACTIVE' });
    expect(await trailOf(late)).toEqual([]);
    expect((await verifyAuditChain(db)).ok).toBe(true);
  });

  it('reads on after the deletion without losing or doubling a step, and the later case goes once recorded', async () => {
    // when: the follower's next pass (the deleted cases no longer in the API), then retention again
    await follower.pollOnce();
    const lateTrail = await trailOf(late);
    const deleted = await h.embedded.retention!.sweepAll();

    // then: the deleted cases' trails are unchanged (no incident 'resolved' for a vanished incident, no duplicate)
    for (const [key, actions] of Object.entries(trailsBefore)) expect(await trailOf(key)).toEqual(actions);
    expect(lateTrail).toEqual(WHOLE_CASE);
    expect(deleted).toBe(1);
    expect((await rest('GET', `/v2/process-instances/${late}`)).status).toBe(404);
    expect(await trailOf(late)).toEqual(lateTrail);
    const chain = await verifyAuditChain(db);
    expect(chain.ok).toBe(true);
  });

  it('keeps feeding the trail when the engine refuses the acknowledgement, and the position stays where it was', async () => {
    // given: a follower signed in as a client that may not acknowledge (the operator), and a new case
    const before = (await rest('GET', '/engine/retention')).body;
    const c = h.embedded.client('operator');
    const errors: string[] = [];
    const refused = new EngineEventFollower(db, trail, source, {
      graceMs: 0,
      exports: new EmbeddedEngineExports({ restAddress: h.embedded.restAddress!, sdkConfig: { CAMUNDA_BASIC_AUTH_USERNAME: c.id, CAMUNDA_BASIC_AUTH_PASSWORD: c.secret } }),
      onError: (e) => errors.push((e as Error).message),
    });
    const pik = await start();

    // when
    await refused.pollOnce();

    // then
    expect(await trailOf(pik)).toEqual(['instance.start process-instance']);
    expect(errors).toEqual([expect.stringMatching(/^exported position not acknowledged \(retention waits\): POST \/engine\/retention\/export-mark answered 403/)]);
    expect((await rest('GET', '/engine/retention')).body).toEqual(before);
  });

  it('acknowledges nothing past a case still waiting out its grace period, nor while a deadline waits for a check', async () => {
    // given: a case with a term set by a worker, then cancelled, and a follower that leaves each item to the app for a minute
    clock(T0 + 9 * DAY);
    const pik = await start();
    await trail.append({ actor: { type: 'worker', id: 'termini' }, action: 'deadline.set', entity: { type: 'deadline', key: 'termineIstruttoria', processInstanceKey: pik }, data: { variabile: 'termineIstruttoria', scadeIl: new Date(T0 + 39 * DAY).toISOString() } });
    expect((await rest('POST', `/v2/process-instances/${pik}/cancellation`, {})).status).toBe(204);
    let offset = 0;
    const exports = new EmbeddedEngineExports({ restAddress: h.embedded.restAddress!, sdkConfig: webAppSdkConfig(h.embedded) });
    const patient = new EngineEventFollower(db, trail, source, { graceMs: 60_000, now: () => Date.now() + offset, exports, onError: (e) => console.error(e) });
    const position = async () => ((await rest('GET', '/engine/retention')).body.exporters as { exportedUntil: string }[])[0].exportedUntil;
    const before = await position();

    // when: a pass without the deadline check, then one with it, then retention far past the time to live
    await patient.pollOnce({ deadlines: false });
    const withoutDeadlines = await position();
    await patient.pollOnce();
    const whileWaiting = await position();
    clock(T0 + 20 * DAY);
    const deletedWhileWaiting = await h.embedded.retention!.sweepAll();

    // then: the position stops at the case's start, which the trail does not have yet, and the case stays
    expect(withoutDeadlines).toBe(before);
    expect(whileWaiting).toBe(new Date(T0 + 9 * DAY).toISOString());
    expect(deletedWhileWaiting).toBe(0);
    expect((await rest('GET', `/v2/process-instances/${pik}`)).body).toMatchObject({ state: 'TERMINATED' });
    expect(await trailOf(pik)).toEqual(['deadline.set deadline']);

    // and when the grace period is over it is recorded, acknowledged, and then deleted
    offset += 61_000;
    await patient.pollOnce();
    expect(await trailOf(pik)).toEqual(['deadline.set deadline', 'instance.cancel process-instance', 'instance.start process-instance']);
    expect(await h.embedded.retention!.sweepAll()).toBe(1);
    expect((await rest('GET', `/v2/process-instances/${pik}`)).status).toBe(404);
    expect((await verifyAuditChain(db)).ok).toBe(true);
  });
});
