import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { searchAuditTrail, type AuditAction, type AuditEntry, type AuditSearchFilter } from '../../src/audit/index.js';
import { waitFor } from '../support/engineHarness.js';
import { WebClient, signedInClient } from '../web/support/webClient.js';
import { tamperAsDatabaseOwner } from '../audit/auditFixtures.js';
import { CamundaEventSource } from '../../web/server/audit/follower/CamundaEventSource.js';
import { EngineEventFollower } from '../../web/server/audit/follower/EngineEventFollower.js';
import { AUDIT_PROCESS_ID, auditTestProcess } from './support/auditProcess.js';
import { DEFAULT_DUE, LEGAL_RULE, startAuditStack, type AuditStack } from './support/auditStack.js';

const MONZA = '108033';
const LISSONE = '108028';

let stack: AuditStack;
let a: string; // Monza: incident and resolution, task claimed, assigned, completed, BPMN error, deadline met
let b: string; // Lissone: the perentorio term passes, deadline missed
let c: string; // Monza: cancelled

const signedIn = (username: string) => signedInClient(stack.url, username);

const find = async (filter: AuditSearchFilter): Promise<AuditEntry[]> => (await searchAuditTrail(stack.db, filter, { limit: 500 })).items;
const one = async (filter: AuditSearchFilter): Promise<AuditEntry> => {
  const found = await find(filter);
  expect(found, JSON.stringify(filter)).toHaveLength(1);
  return found[0];
};
const waitForEntry = (action: AuditAction, processInstanceKey: string) =>
  waitFor(async () => (await find({ action, processInstanceKey }))[0], 15_000, `${action} of ${processInstanceKey}`);
const start = async (variables: Record<string, unknown>) =>
  String((await stack.zeebe.createProcessInstance({ bpmnProcessId: AUDIT_PROCESS_ID, variables } as never)).processInstanceKey);

async function openTask(client: WebClient, processInstanceKey: string): Promise<string> {
  return waitFor(async () => {
    const res = await client.get('/api/tasks');
    const item = (res.body.items ?? []).find((t: { processInstanceKey: string }) => t.processInstanceKey === processInstanceKey);
    return item?.userTaskKey as string | undefined;
  }, 15_000, `task of ${processInstanceKey}`);
}

beforeAll(async () => {
  stack = await startAuditStack();
}, 60_000);

afterAll(async () => {
  await stack?.stop();
});

describe('what happens through the app and the engine is in the trail, with actor and data', () => {
  it('records sign-ins, successful and failed', async () => {
    // given / when
    await signedIn('designer');
    const intruder = new WebClient(stack.url);
    await intruder.get('/api/session');
    expect((await intruder.post('/api/session', { username: 'mallory', password: 'guess' })).status).toBe(401);

    // then
    expect((await one({ action: 'auth.sign-in', actorId: 'designer' })).actor).toMatchObject({ type: 'user', id: 'designer', role: 'designer' });
    expect((await one({ action: 'auth.sign-in-failed', actorId: 'mallory' })).data).toHaveProperty('ip');
  });

  it('records a deploy with the designer as actor', async () => {
    // when
    const designer = await signedIn('designer');
    const res = await designer.post('/api/deployments', { resources: [{ name: `${AUDIT_PROCESS_ID}.bpmn`, content: auditTestProcess() }] });

    // then
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const entry = await one({ action: 'process.deploy', entityKey: res.body.deployed[0].key });
    expect(entry).toMatchObject({ actor: { type: 'user', id: 'designer' }, data: { id: AUDIT_PROCESS_ID, version: 1 } });
  });

  it('records the start, the worker steps (deadline with its rule, document SHA-256, outputs), the failure and the incident with its resolution', async () => {
    // given: the protocol register is down, so the protocol job fails into an incident
    a = await start({ codiceIstat: MONZA, idProcedimento: 'UPD-2026-1' });
    const failed = await waitForEntry('job.fail', a);
    await waitFor(async () => (await stack.engine.searchIncidents(a)).length > 0, 10_000, 'incident');
    await stack.follower.pollOnce();

    // then: start (by the engine, from a gRPC client), deadline set, document, job outputs, failure, incident
    expect(await one({ action: 'instance.start', entityKey: a })).toMatchObject({ actor: { type: 'engine' }, entity: { comune: MONZA }, data: { processDefinitionId: AUDIT_PROCESS_ID } });
    const deadline = await one({ action: 'deadline.set', processInstanceKey: a });
    expect(deadline).toMatchObject({ legalRule: LEGAL_RULE, actor: { type: 'worker' }, data: { variabile: 'scadenzaContestazione', scadeIl: DEFAULT_DUE } });
    const document = await one({ action: 'document.produce', processInstanceKey: a });
    expect(document.entity.key).toMatch(/^[0-9a-f]{64}$/);
    expect(document.data.sha256).toBe(document.entity.key);
    const completed = (await find({ action: 'job.complete', processInstanceKey: a }))[0];
    expect(completed.actor).toMatchObject({ type: 'worker', id: 'audit-test-calcola-scadenze' });
    expect(completed.entity.comune).toBe(MONZA);
    expect(completed.data.outputs).toMatchObject({ scadenzaContestazione: DEFAULT_DUE, segnalazione: { sha256: document.entity.key } });
    expect(failed).toMatchObject({ actor: { type: 'worker', id: 'audit-test-protocollo' }, data: { kind: 'input' } });
    expect(String(failed.data.message)).toContain('registro di protocollo non disponibile');
    const incident = await one({ action: 'incident.create', processInstanceKey: a });
    expect(incident).toMatchObject({ actor: { type: 'engine' }, entity: { type: 'incident', comune: MONZA }, data: { errorType: 'JOB_NO_RETRIES', elementId: 'Service_Protocollo', jobKey: failed.actor.jobKey } });

    // when: an operator fixes the data, gives the job a retry and resolves the incident (any Camunda client)
    await stack.zeebe.setVariables({ elementInstanceKey: a, variables: { protocolloOk: true } } as never);
    await stack.zeebe.updateJobRetries({ jobKey: failed.actor.jobKey!, retries: 1 } as never);
    await stack.zeebe.resolveIncident({ incidentKey: incident.entity.key } as never);
    await waitFor(async () => (await find({ action: 'job.complete', processInstanceKey: a })).length >= 2, 10_000, 'protocol job completed');
    await stack.follower.pollOnce();

    // then
    expect(await one({ action: 'incident.resolve', entityKey: incident.entity.key })).toMatchObject({ actor: { type: 'engine' }, entity: { processInstanceKey: a } });
    const protocol = (await find({ action: 'job.complete', processInstanceKey: a })).find((e) => e.actor.id === 'audit-test-protocollo');
    expect(protocol?.data.outputs).toEqual({ protocollo: 'PROT-2026-0042' });
  });

  it('records the task claimed, assigned and completed with the form values, the BPMN error, and the deadline met', async () => {
    // given
    const provincia = await signedIn('provincia');
    const taskKey = await openTask(provincia, a);

    // when
    expect((await provincia.post(`/api/tasks/${taskKey}/claim`)).status).toBe(200);
    expect((await provincia.post(`/api/tasks/${taskKey}/assign`, { assignee: 'upd2' })).status).toBe(200);
    const upd2 = await signedIn('upd2');
    const values = { testoContestazione: 'Assenza ingiustificata del 3 marzo', pecNonConsegnata: true };
    const done = await upd2.post(`/api/tasks/${taskKey}/complete`, { variables: values });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    await waitForEntry('job.error', a);
    await waitFor(async () => (await stack.engine.getProcessInstance(a))?.state === 'COMPLETED', 10_000, 'instance A completed');
    await stack.follower.pollOnce();

    // then
    expect(await one({ action: 'task.claim', entityKey: taskKey })).toMatchObject({ actor: { id: 'provincia' }, data: { assignee: 'provincia' } });
    expect(await one({ action: 'task.assign', entityKey: taskKey })).toMatchObject({ actor: { id: 'provincia' }, data: { assignee: 'upd2', previousAssignee: 'provincia' } });
    const completion = await one({ action: 'task.complete', entityKey: taskKey });
    expect(completion).toMatchObject({ actor: { type: 'user', id: 'upd2' }, entity: { comune: MONZA }, data: { variables: values } });
    expect(await one({ action: 'job.error', processInstanceKey: a })).toMatchObject({ actor: { id: 'audit-test-verifica' }, data: { kind: 'business' } });
    const met = await one({ action: 'deadline.met', processInstanceKey: a });
    expect(met).toMatchObject({ legalRule: LEGAL_RULE, actor: { type: 'engine' }, data: { variabile: 'scadenzaContestazione', how: 'completed-in-time', elementId: 'Task_Contestazione' } });
    expect(await find({ action: 'deadline.missed', processInstanceKey: a })).toHaveLength(0);
  });

  it('records a deadline missed when the perentorio timer fires, with its legal rule', async () => {
    // when: a term already over when the task opens
    b = await start({ codiceIstat: LISSONE, idProcedimento: 'UPD-2026-2', protocolloOk: true, scadenzaOverride: '2020-01-01T00:00:00+01:00' });
    await waitFor(async () => (await stack.engine.getProcessInstance(b))?.state === 'COMPLETED', 15_000, 'instance B extinguished');
    await stack.follower.pollOnce();

    // then
    const missed = await one({ action: 'deadline.missed', processInstanceKey: b });
    expect(missed).toMatchObject({ legalRule: LEGAL_RULE, entity: { comune: LISSONE }, data: { how: 'timer-fired', elementId: 'Timer_Perentorio' } });
  });

  it('records a cancellation and every read of a disciplinary case', async () => {
    // given
    c = await start({ codiceIstat: MONZA, idProcedimento: 'UPD-2026-3', protocolloOk: true });
    const provincia = await signedIn('provincia');
    await openTask(provincia, c);

    // when
    expect((await provincia.get(`/api/instances/${c}/status`)).status).toBe(200);
    await stack.zeebe.cancelProcessInstance(c);
    await waitFor(async () => (await stack.engine.getProcessInstance(c))?.state === 'TERMINATED', 10_000, 'instance C cancelled');
    await stack.follower.pollOnce();

    // then
    expect(await one({ action: 'case.read', entityKey: c })).toMatchObject({ actor: { type: 'user', id: 'provincia' }, entity: { comune: MONZA }, data: { view: 'status' } });
    expect(await one({ action: 'instance.cancel', entityKey: c })).toMatchObject({ actor: { type: 'engine' }, entity: { comune: MONZA } });
  });

  it('follows the engine idempotently: polling again, or after a restart, adds nothing', async () => {
    // given
    const before = (await stack.app.services.audit.head()).seq;

    // when: the same follower again, and a new one as after a restart (cursors from the table)
    await stack.follower.pollOnce();
    const source = new CamundaEventSource({ restAddress: stack.embedded.restAddress });
    const restarted = new EngineEventFollower(stack.db, stack.app.services.audit, source, { graceMs: 0 });
    await restarted.pollOnce();
    await source.close();

    // then
    expect((await stack.app.services.audit.head()).seq).toBe(before);
    const cursors = await stack.db.knex('audit_follower_cursors').pluck('name');
    expect(cursors.sort()).toEqual(['incidents', 'incidents-open', 'instances-cancelled', 'instances-started', 'tasks-completed']);
  });
});

describe('/api/audit: read-only, for auditors and administrators, scoped to their Comuni', () => {
  it('refuses other roles', async () => {
    const provincia = await signedIn('provincia');
    expect((await provincia.get('/api/audit/chain')).status).toBe(403);
    expect((await provincia.get(`/api/audit/instances/${a}`)).status).toBe(403);
  });

  it("shows a Comune auditor their Comune's trail only: another Comune's entries are empty or 404", async () => {
    // given: the auditor is scoped to Monza
    const auditor = await signedIn('auditor');

    // when
    const own = await auditor.get(`/api/audit/instances/${a}`);
    const other = await auditor.get(`/api/audit/instances/${b}`);
    const otherSearch = await auditor.get(`/api/audit/entries?comune=${LISSONE}`);
    const otherByKey = await auditor.get(`/api/audit/entries?processInstanceKey=${b}`);
    const everything = await auditor.get('/api/audit/entries?limit=500');
    const otherCsv = await auditor.get(`/api/audit/instances/${b}/export.csv`);

    // then
    expect(own.status).toBe(200);
    expect(own.body.entries.map((e: AuditEntry) => e.action)).toEqual(expect.arrayContaining(['instance.start', 'task.complete', 'incident.resolve', 'deadline.met']));
    expect(own.body.steps.map((s: { elementId: string }) => s.elementId)).toContain('Task_Contestazione');
    expect(own.body.flows).toContain('F4');
    expect(other.status).toBe(404);
    expect(otherCsv.status).toBe(404);
    expect(otherSearch.body.items).toEqual([]);
    expect(otherByKey.body.items).toEqual([]);
    expect(everything.body.items.length).toBeGreaterThan(0);
    for (const e of everything.body.items as AuditEntry[]) {
      expect(e.entity.comune === MONZA || (e.entity.comune === undefined && [a, c].includes(e.entity.processInstanceKey!))).toBe(true);
    }
    // and the timeline itself is a read of a disciplinary case
    expect((await find({ action: 'case.read', actorId: 'auditor', entityKey: a })).length).toBe(1);
  });

  it('lets an administrator see every Comune and search by actor, action and period', async () => {
    const admin = await signedIn('admin');
    expect((await admin.get(`/api/audit/instances/${b}`)).status).toBe(200);
    const res = await admin.get(`/api/audit/entries?actor=upd2&action=task.complete&from=${encodeURIComponent(new Date(Date.now() - 3_600_000).toISOString())}`);
    expect(res.body.items).toHaveLength(1);
    expect(res.body.items[0].actor.id).toBe('upd2');
    expect((await admin.get('/api/audit/entries?action=nonsense')).status).toBe(400);
  });

  it("exports one instance's trail as CSV and as the PDF report", async () => {
    const auditor = await signedIn('auditor');
    const csv = await auditor.request('GET', `/api/audit/instances/${a}/export.csv`);
    expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
    expect(csv.headers.get('content-disposition')).toContain(`audit-${a}.csv`);
    const lines = String(csv.body).trim().split('\r\n');
    expect(lines[0]).toBe('N. voce;Data e ora (Europe/Rome);Istante UTC (ISO 8601);Tipo attore;Attore;Ruolo;Chiave job;Azione;Codice azione;Tipo oggetto;Chiave oggetto;Istanza di processo;Comune (ISTAT);Norma;Dati (JSON canonico);Hash precedente;Hash');
    expect(lines.some((l) => l.includes(';Attività completata;task.complete;') && l.includes(';upd2;'))).toBe(true);
    const pdf = await fetch(`${stack.url}/api/audit/instances/${a}/export.pdf`, { headers: { cookie: cookieOf(auditor) } });
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-');
    expect((await find({ action: 'audit.export', actorId: 'auditor' })).map((e) => e.data.format).sort()).toEqual(['csv', 'pdf']);
  });
});

describe('chain status in the web app', () => {
  it('is ok while nobody touched the database', async () => {
    const auditor = await signedIn('auditor');
    const res = await auditor.get('/api/audit/chain');
    expect(res.body).toMatchObject({ status: 'ok', headSeq: (await stack.app.services.audit.head()).seq });
  });

  it('reports the entry a database owner altered, then the one they deleted', async () => {
    // given
    const auditor = await signedIn('auditor');
    const target = await one({ action: 'task.complete', actorId: 'upd2' });

    // when: someone rewrites who completed the task
    await tamperAsDatabaseOwner(stack.db, (knex) => knex('audit_entries').where({ seq: target.seq }).update({ actor_id: 'provincia' }));

    // then
    const altered = await auditor.get('/api/audit/chain');
    expect(altered.body).toMatchObject({ status: 'broken', brokenAt: { seq: target.seq, reason: 'content-altered' } });

    // when: they put it back and remove an earlier entry instead
    await tamperAsDatabaseOwner(stack.db, (knex) => knex('audit_entries').where({ seq: target.seq }).update({ actor_id: 'upd2' }));
    expect((await auditor.get('/api/audit/chain')).body.status).toBe('ok');
    await tamperAsDatabaseOwner(stack.db, (knex) => knex('audit_entries').where({ seq: 3 }).delete());

    // then
    expect((await auditor.get('/api/audit/chain')).body).toMatchObject({ status: 'broken', brokenAt: { seq: 3, reason: 'missing-entry' } });
  });
});

function cookieOf(client: WebClient): string {
  const cookies = (client as unknown as { cookies: Map<string, string> }).cookies;
  return [...cookies].map(([k, v]) => `${k}=${v}`).join('; ');
}
