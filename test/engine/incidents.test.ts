import type { JSONDoc } from '@camunda8/sdk/dist/zeebe/lib/interfaces-1.0.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bpmn, completedElements, deployXml, records, startHarness, type Harness } from '../support/engineHarness.js';
import { chain, task } from '../support/bpmnSnippets.js';
import { grpc, rawGateway, type RawGateway } from '../support/rawGateway.js';

/** Incidents and their resolution (ZEEBE-SEMANTICS.md §3, §4). */
describe('incidents', () => {
  let h: Harness;
  let raw: RawGateway;
  beforeAll(async () => {
    h = await startHarness();
    raw = rawGateway(h.address);
  });
  afterAll(async () => {
    raw.close();
    await h.stop();
  });

  const deploy = (id: string, body: string) => deployXml(h.zeebe, `${id}.bpmn`, bpmn(id, body));
  const start = async (id: string, variables: JSONDoc = {}) => (await h.zeebe.createProcessInstance({ bpmnProcessId: id, variables })).processInstanceKey;
  const activate = (type: string) => raw.activate({ type, worker: 'w', timeout: 60_000, maxJobsToActivate: 10, requestTimeout: -1 });
  const incidentRecords = (key: string) => records(h.embedded, key, 'INCIDENT');
  async function activeIncident(key: string) {
    const all = await incidentRecords(key);
    const resolved = new Set(all.filter((r) => r.intent === 'RESOLVED').map((r) => r.key));
    const open = all.filter((r) => r.intent === 'CREATED' && !resolved.has(r.key));
    expect(open).toHaveLength(1);
    return { key: String(open[0].key), ...open[0].value } as Record<string, unknown> & { key: string };
  }
  const oneTask = (id: string, type: string, options: Parameters<typeof task>[2] = {}) =>
    deploy(id, ['<bpmn:startEvent id="start"/>', task('t', type, options), '<bpmn:endEvent id="end"/>', chain('start', 't', 'end')].join('\n'));
  const isCompleted = async (key: string) => (await completedElements(h.embedded, key)).includes((await records(h.embedded, key))[0]?.value.bpmnProcessId as string);

  it('a job failed to 0 retries raises JOB_NO_RETRIES; UpdateJobRetries then ResolveIncident make it activatable again', async () => {
    // given
    await oneTask('inc-job', 'inc-job');
    const key = await start('inc-job');
    const [job] = await activate('inc-job');
    // when
    await raw.call('FailJob', { jobKey: job.key, retries: 0, errorMessage: 'archive offline' });
    // then
    const incident = await activeIncident(key);
    expect(incident).toMatchObject({ errorType: 'JOB_NO_RETRIES', errorMessage: 'archive offline', elementId: 't', jobKey: Number(job.key) });
    expect(await activate('inc-job')).toEqual([]);

    // when: resolving while the job still has no retries
    const early = await raw.fail('ResolveIncident', { incidentKey: incident.key });
    // then
    expect(early.code).toBe(grpc.status.FAILED_PRECONDITION);
    expect(early.details).toContain(job.key);

    // when: retries are updated — this alone does not clear the incident
    await raw.call('UpdateJobRetries', { jobKey: job.key, retries: 2 });
    expect(await activate('inc-job')).toEqual([]);
    expect((await activeIncident(key)).key).toBe(incident.key);
    // and the incident is resolved
    await raw.call('ResolveIncident', { incidentKey: incident.key });
    // then
    const [again] = await activate('inc-job');
    expect(again).toMatchObject({ key: job.key, retries: 2 });
    await raw.call('CompleteJob', { jobKey: again.key });
    expect(await isCompleted(key)).toBe(true);
    expect((await incidentRecords(key)).map((r) => r.intent)).toEqual(['CREATED', 'RESOLVED']);
  });

  it('uses "No more retries left." when the failing worker gave no message', async () => {
    // given
    await oneTask('inc-job-msg', 'inc-job-msg');
    const key = await start('inc-job-msg');
    const [job] = await activate('inc-job-msg');
    // when
    await raw.call('FailJob', { jobKey: job.key, retries: 0 });
    // then
    expect((await activeIncident(key)).errorMessage).toBe('No more retries left.');
  });

  it('an input mapping that fails at run time raises IO_MAPPING_ERROR; SetVariables and ResolveIncident continue', async () => {
    // given
    await oneTask('inc-input', 'inc-input', { inputs: [['=assert(amount, amount != null)', 'checked']] });
    const key = await start('inc-input');
    const incident = await activeIncident(key);
    expect(incident).toMatchObject({ errorType: 'IO_MAPPING_ERROR', elementId: 't' });
    expect(await activate('inc-input')).toEqual([]);
    // when
    await h.zeebe.setVariables({ elementInstanceKey: key, variables: { amount: 5 }, local: false });
    await h.zeebe.resolveIncident({ incidentKey: incident.key });
    // then
    const [job] = await activate('inc-input');
    expect(JSON.parse(job.variables)).toEqual({ amount: 5, checked: 5 });
  });

  it('an output mapping that fails raises IO_MAPPING_ERROR while completing; a fix on the task scope lets it complete', async () => {
    // given
    await oneTask('inc-output', 'inc-output', { outputs: [['=assert(score, score >= 0)', 'score']] });
    const key = await start('inc-output');
    const [job] = await activate('inc-output');
    // when
    await raw.call('CompleteJob', { jobKey: job.key, variables: JSON.stringify({ score: null }) });
    // then
    const incident = await activeIncident(key);
    expect(incident).toMatchObject({ errorType: 'IO_MAPPING_ERROR', elementId: 't' });
    const tIntents = (await records(h.embedded, key, 'PROCESS_INSTANCE')).filter((r) => r.element_id === 't').map((r) => r.intent);
    expect(tIntents.at(-1)).toBe('ELEMENT_COMPLETING');
    // when: the job result lives on the task scope (output mappings), so fix it there
    await h.zeebe.setVariables({ elementInstanceKey: job.elementInstanceKey, variables: { score: 3 }, local: true });
    await h.zeebe.resolveIncident({ incidentKey: incident.key });
    // then
    expect(await isCompleted(key)).toBe(true);
    const root = (await h.embedded.engine.knex('variables').where('scope_key', Number(key))) as { name: string; value: string }[];
    expect(root.map((r) => [r.name, JSON.parse(r.value)])).toEqual([['score', 3]]);
  });

  it('a job type expression that fails raises EXTRACT_VALUE_ERROR; a repeated failure raises a new incident', async () => {
    // given
    await oneTask('inc-type', '=jobType');
    const key = await start('inc-type');
    const first = await activeIncident(key);
    expect(first).toMatchObject({ errorType: 'EXTRACT_VALUE_ERROR', elementId: 't' });
    // when: resolved without fixing anything
    await h.zeebe.resolveIncident({ incidentKey: first.key });
    // then: a new incident with a new key
    const second = await activeIncident(key);
    expect(second.key).not.toBe(first.key);
    expect(second.errorType).toBe('EXTRACT_VALUE_ERROR');
    // when: fixed and resolved
    await h.zeebe.setVariables({ elementInstanceKey: key, variables: { jobType: 'inc-type-fixed' }, local: false });
    await h.zeebe.resolveIncident({ incidentKey: second.key });
    // then
    const [job] = await activate('inc-type-fixed');
    expect(job.processInstanceKey).toBe(key);
  });

  it('answers NOT_FOUND for an unknown or already resolved incident', async () => {
    // given
    await oneTask('inc-twice', '=missingType');
    const key = await start('inc-twice');
    const incident = await activeIncident(key);
    await h.zeebe.setVariables({ elementInstanceKey: key, variables: { missingType: 'inc-twice-ok' }, local: false });
    await raw.call('ResolveIncident', { incidentKey: incident.key });
    // when
    const again = await raw.fail('ResolveIncident', { incidentKey: incident.key });
    const unknown = await raw.fail('ResolveIncident', { incidentKey: String(2 ** 51 + 987_654) });
    // then
    expect(again.code).toBe(grpc.status.NOT_FOUND);
    expect(unknown.code).toBe(grpc.status.NOT_FOUND);
    expect(unknown.details).toContain(String(2 ** 51 + 987_654));
  });

  it('canceling an instance with an incident resolves the incident with it', async () => {
    // given
    await oneTask('inc-cancel', '=nope');
    const key = await start('inc-cancel');
    await activeIncident(key);
    // when
    await h.zeebe.cancelProcessInstance(key);
    // then
    expect((await incidentRecords(key)).map((r) => r.intent)).toEqual(['CREATED', 'RESOLVED']);
    const instance = (await h.embedded.engine.knex('process_instances').where('key', Number(key)).first()) as { state: string };
    expect(instance.state).toBe('TERMINATED');
  });
});
