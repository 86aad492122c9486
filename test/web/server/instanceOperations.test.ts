import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { searchAuditTrail } from '../../../src/audit/index.js';
import { signedInClient, type WebClient } from '../support/webClient.js';
import { startWebStack, updTestProcess, waitFor, type WebStack } from '../support/webStack.js';

/** Operator actions on a case through the web app's API, against the embedded engine over REST v2. */
let stack: WebStack;
let v1Key: string;
const PROCESS = 'procedimento-disciplinare-web';

const deploy = async (xml: string): Promise<string> => (await stack.zeebe.deployResource({ name: `${PROCESS}.bpmn`, process: Buffer.from(xml) } as never)).deployments[0].process.processDefinitionKey;
const client = (username: string): Promise<WebClient> => signedInClient(stack.url, username);

/** A case of the Comune of Monza waiting at the automated step Task_Registra. */
async function startCase(): Promise<string> {
  const { processInstanceKey } = await stack.zeebe.createProcessInstance({ bpmnProcessId: PROCESS, version: 1, variables: { codiceIstat: '108033', idProcedimento: `UPD-${Date.now()}`, scadenzaContestazione: '2026-06-30T00:00:00+02:00' } } as never);
  await waitFor(async () => (await stack.engine.searchElementInstances(processInstanceKey)).some((e) => e.elementId === 'Task_Registra' && e.state === 'ACTIVE'), 5000, 'Task_Registra');
  return processInstanceKey;
}

/** The same case with an incident: the registration job failed with no retries left. */
async function caseWithIncident(): Promise<{ pik: string; jobKey: string; incidentKey: string }> {
  const pik = await startCase();
  const jobs = await stack.zeebe.activateJobs({ type: 'web-test-registra', worker: 'test', timeout: 60_000, maxJobsToActivate: 50, requestTimeout: -1 } as never);
  const job = jobs.find((j) => j.processInstanceKey === pik);
  if (!job) throw new Error('no job');
  await stack.zeebe.failJob({ jobKey: job.key, retries: 0, errorMessage: 'protocollo informatico non raggiungibile' } as never);
  const incident = await waitFor(async () => (await stack.engine.searchIncidents(pik))[0], 5000, 'incident');
  return { pik, jobKey: job.key, incidentKey: incident.incidentKey };
}

const trail = async (action: string, entityKey: string) => (await searchAuditTrail(stack.db, { action: action as never, entityKey })).items;
const stateOf = async (pik: string) => (await stack.engine.getProcessInstance(pik))?.state;

beforeAll(async () => {
  stack = await startWebStack();
  v1Key = await deploy(updTestProcess(PROCESS));
});

afterAll(async () => {
  await stack?.stop();
});

describe('operator actions: who may act', () => {
  const actions = (pik: string, incidentKey: string): Array<[string, unknown]> => [
    [`/api/instances/${pik}/incidents/${incidentKey}/resolution`, { retries: 1, reason: 'nuovo tentativo' }],
    [`/api/instances/${pik}/cancellation`, { reason: 'segnalazione ritirata' }],
    [`/api/instances/${pik}/variables/scadenzaContestazione`, { value: '"2026-07-01T00:00:00+02:00"', reason: 'data errata' }],
    [`/api/instances/${pik}/modification`, { fromElementId: 'Task_Registra', toElementId: 'Task_Contestazione', reason: 'già registrata' }],
    [`/api/instances/${pik}/migration`, { targetProcessDefinitionKey: v1Key, reason: 'nuova versione' }],
  ];

  it.each(['comune', 'auditor', 'designer'])('refuses every action to %s with 403 and changes nothing', async (username) => {
    // given
    const { pik, incidentKey } = await caseWithIncident();
    const c = await client(username);
    // when
    const statuses = [];
    for (const [path, body] of actions(pik, incidentKey)) statuses.push((await c.post(path, body)).status);
    // then
    expect(statuses).toEqual([403, 403, 403, 403, 403]);
    expect(await stateOf(pik)).toBe('ACTIVE');
    expect((await stack.engine.searchIncidents(pik))[0].state).toBe('ACTIVE');
    expect((await c.get(`/api/instances/${pik}/operations`)).body).toEqual({ mayOperate: false });
  });
});

describe('operator actions of a Provincia officer', () => {
  it('retries and resolves an incident: the job gets its retries back, the trail names the officer and the reason', async () => {
    // given
    const { pik, jobKey, incidentKey } = await caseWithIncident();
    const upd = await client('provincia');
    const offered = await upd.get(`/api/instances/${pik}/operations`);
    expect(offered.body.incidents.map((i: { incidentKey: string; jobKey: string }) => [i.incidentKey, i.jobKey])).toEqual([[incidentKey, jobKey]]);
    // when
    const resolved = await upd.post(`/api/instances/${pik}/incidents/${incidentKey}/resolution`, { retries: 2, reason: 'protocollo di nuovo raggiungibile' });
    // then
    expect(resolved.status).toBe(200);
    expect((await stack.engine.searchIncidents(pik)).filter((i) => i.state === 'ACTIVE')).toEqual([]);
    const again = await stack.zeebe.activateJobs({ type: 'web-test-registra', worker: 'test', timeout: 60_000, maxJobsToActivate: 50, requestTimeout: -1 } as never);
    expect(again.find((j) => j.key === jobKey)?.retries).toBe(2);
    const [entry] = await trail('incident.resolve', incidentKey);
    expect(entry.actor).toMatchObject({ type: 'user', id: 'provincia' });
    expect(entry.data).toMatchObject({ reason: 'protocollo di nuovo raggiungibile', retries: 2, jobKey, errorType: 'JOB_NO_RETRIES' });
    expect(entry.entity).toMatchObject({ processInstanceKey: pik, comune: '108033' });
  });

  it('cancels a case only with a reason; the trail keeps it; a finished case cannot be cancelled again', async () => {
    // given
    const pik = await startCase();
    const upd = await client('provincia');
    // when
    const withoutReason = await upd.post(`/api/instances/${pik}/cancellation`, {});
    // then
    expect(withoutReason.status).toBe(400);
    expect(withoutReason.body.code).toBe('REASON_REQUIRED');
    expect(await stateOf(pik)).toBe('ACTIVE');
    // when
    const cancelled = await upd.post(`/api/instances/${pik}/cancellation`, { reason: 'Il Comune ha ritirato la segnalazione (nota prot. 1234)' });
    // then
    expect(cancelled.status).toBe(200);
    expect(await stateOf(pik)).toBe('TERMINATED');
    const [entry] = await trail('instance.cancel', pik);
    expect(entry.actor.id).toBe('provincia');
    expect(entry.data.reason).toBe('Il Comune ha ritirato la segnalazione (nota prot. 1234)');
    expect((await upd.post(`/api/instances/${pik}/cancellation`, { reason: 'di nuovo' })).status).toBe(409);
  });

  it('corrects a case variable; the trail keeps the old and the new value; bad JSON is refused', async () => {
    // given
    const pik = await startCase();
    const admin = await client('admin');
    // when
    const bad = await admin.post(`/api/instances/${pik}/variables/scadenzaContestazione`, { value: '2026-07-01', reason: 'data errata nella notizia' });
    const corrected = await admin.post(`/api/instances/${pik}/variables/scadenzaContestazione`, { value: '"2026-07-01T00:00:00+02:00"', reason: 'data errata nella notizia' });
    // then
    expect(bad.status).toBe(400);
    expect(corrected.status).toBe(200);
    const [variable] = await stack.engine.searchVariables({ processInstanceKey: pik, name: 'scadenzaContestazione' });
    expect(JSON.parse(variable.value)).toBe('2026-07-01T00:00:00+02:00');
    const [entry] = await trail('variable.update', pik);
    expect(entry.data).toMatchObject({ name: 'scadenzaContestazione', previous: '2026-06-30T00:00:00+02:00', value: '2026-07-01T00:00:00+02:00', reason: 'data errata nella notizia' });
    expect((await admin.post(`/api/instances/${pik}/variables/nonEsiste`, { value: '1', reason: 'prova di correzione' })).status).toBe(404);
  });

  it('moves the token to another step', async () => {
    // given
    const pik = await startCase();
    const upd = await client('provincia');
    // when
    const moved = await upd.post(`/api/instances/${pik}/modification`, { fromElementId: 'Task_Registra', toElementId: 'Task_Contestazione', reason: 'segnalazione già registrata a protocollo' });
    // then
    expect(moved.status).toBe(200);
    const active = (await stack.engine.searchElementInstances(pik)).filter((e) => e.state === 'ACTIVE' && e.type !== 'PROCESS').map((e) => e.elementId);
    expect(active).toEqual(['Task_Contestazione']);
    const [entry] = await trail('instance.modify', pik);
    expect(entry.data).toMatchObject({ from: { elementId: 'Task_Registra' }, to: { elementId: 'Task_Contestazione' }, reason: 'segnalazione già registrata a protocollo' });
    expect((await upd.post(`/api/instances/${pik}/modification`, { fromElementId: 'Task_Registra', toElementId: 'Task_Contestazione', reason: 'di nuovo, per errore' })).status).toBe(400);
  });

  it('migrates a running case to the new diagram version; a version without its current step is refused', async () => {
    // given: version 2 renames a step; version 3 drops the step the case stands at
    const pik = await startCase();
    const v2Key = await deploy(updTestProcess(PROCESS).replace('Registra la segnalazione', 'Registra la segnalazione a protocollo'));
    const v3Key = await deploy(updTestProcess(PROCESS).replace(/Task_Registra/g, 'Task_Protocolla'));
    const upd = await client('provincia');
    const offered = await upd.get(`/api/instances/${pik}/operations`);
    expect(offered.body.versions.map((v: { processDefinitionKey: string }) => v.processDefinitionKey)).toEqual([v3Key, v2Key]);
    // when
    const refused = await upd.post(`/api/instances/${pik}/migration`, { targetProcessDefinitionKey: v3Key, reason: 'nuova versione del procedimento' });
    const migrated = await upd.post(`/api/instances/${pik}/migration`, { targetProcessDefinitionKey: v2Key, reason: 'nuova versione del procedimento' });
    // then
    expect(refused.status).toBe(409);
    expect(refused.body.unmapped).toEqual(['Task_Registra']);
    expect(migrated.status).toBe(200);
    expect((await stack.engine.getProcessInstance(pik))?.processDefinitionKey).toBe(v2Key);
    const [entry] = await trail('instance.migrate', pik);
    expect(entry.data).toMatchObject({ from: { processDefinitionKey: v1Key, version: 1 }, to: { processDefinitionKey: v2Key, version: 2 }, reason: 'nuova versione del procedimento' });
    // when: the version without the step, with the user's own mapping
    const mapped = await upd.post(`/api/instances/${pik}/migration`, { targetProcessDefinitionKey: v3Key, mappings: [{ sourceElementId: 'Task_Registra', targetElementId: 'Task_Protocolla' }], reason: 'passo rinominato nella versione 3' });
    // then
    expect(mapped.status).toBe(200);
    expect((await stack.engine.searchElementInstances(pik)).some((e) => e.elementId === 'Task_Protocolla' && e.state === 'ACTIVE')).toBe(true);
  });
});

describe('migrating all running cases of a version', () => {
  it('moves the other running cases along, each audited, and lists those that cannot move', async () => {
    // given: three cases on a fresh version 1 of another procedure; one of them already moved past the step version 2 lacks
    const processId = 'procedimento-disciplinare-massivo';
    const deployAs = async (xml: string) => (await stack.zeebe.deployResource({ name: `${processId}.bpmn`, process: Buffer.from(xml) } as never)).deployments[0].process.processDefinitionKey as string;
    await deployAs(updTestProcess(processId));
    const start = async () => (await stack.zeebe.createProcessInstance({ bpmnProcessId: processId, variables: { codiceIstat: '108033' } } as never)).processInstanceKey;
    const [first, second, third] = [await start(), await start(), await start()];
    const upd = await client('provincia');
    expect((await upd.post(`/api/instances/${third}/modification`, { fromElementId: 'Task_Registra', toElementId: 'Task_Contestazione', reason: 'registrata su carta' })).status).toBe(200);
    const v2 = await deployAs(updTestProcess(processId).replace(/Task_Contestazione/g, 'Task_Contestazione_v2'));
    // when
    const result = await upd.post(`/api/instances/${first}/migration`, { targetProcessDefinitionKey: v2, reason: 'nuova versione del procedimento', allRunning: true });
    // then
    expect(result.status).toBe(200);
    expect(result.body).toMatchObject({ version: 2, others: 1, refused: [{ processInstanceKey: third, detail: expect.stringContaining('Task_Contestazione') }] });
    expect((await stack.engine.getProcessInstance(second))?.processDefinitionKey).toBe(v2);
    expect((await stack.engine.getProcessInstance(third))?.processDefinitionKey).not.toBe(v2);
    expect((await trail('instance.migrate', second)).map((e) => e.actor.id)).toEqual(['provincia']);
  });
});
