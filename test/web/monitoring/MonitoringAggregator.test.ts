import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditTrail } from '../../../src/audit/index.js';
import type { AppDatabase } from '../../../src/db/index.js';
import { CamundaEventSource } from '../../../web/server/audit/follower/CamundaEventSource.js';
import { EngineEventFollower } from '../../../web/server/audit/follower/EngineEventFollower.js';
import { KpiTargets } from '../../../web/server/monitoring/KpiTargets.js';
import { MonitoringAggregator } from '../../../web/server/monitoring/MonitoringAggregator.js';
import { MonitoringQueries } from '../../../web/server/monitoring/MonitoringQueries.js';
import { CamundaMonitoringSource } from '../../../web/server/monitoring/MonitoringSource.js';
import { testDatabaseTargets, type TestDatabaseHandle } from '../../db/testDatabases.js';
import { bpmn, deployXml, webAppSdkConfig } from '../../support/engineHarness.js';
import { NO_WAIT, startRestHarness, type RestHarness } from '../../rest/restHarness.js';

const PROCESS = 'monitoring-upd';
const TRAINING = 'monitoring-formazione';
const MONZA = '108033';
const COMO = '013075';
const DAY = 86_400_000;
const T0 = Date.parse('2026-03-02T08:00:00.000Z');

let h: RestHarness;
let events: CamundaEventSource;
let source: CamundaMonitoringSource;
const cases: Record<'A' | 'B' | 'C' | 'D', string> = { A: '', B: '', C: '', D: '' };
const all = { comuni: 'all' as const };

async function at(ms: number): Promise<void> {
  await h.camunda.pinClock({ timestamp: ms } as never);
}

async function start(processId: string, variables: Record<string, unknown>): Promise<string> {
  const created = (await h.camunda.createProcessInstance({ processDefinitionId: processId, variables } as never)) as { processInstanceKey: string };
  return String(created.processInstanceKey);
}

async function completeTaskOf(pik: string): Promise<void> {
  const { items } = (await h.camunda.searchUserTasks({ filter: { processInstanceKey: pik, state: 'CREATED' } } as never, NO_WAIT as never)) as { items: Array<{ userTaskKey: string }> };
  await h.camunda.completeUserTask({ userTaskKey: items[0].userTaskKey } as never);
}

/** Works the protocol job of one case: completes it, or fails it with no retries left (an incident). */
async function workJobOf(pik: string, outcome: 'complete' | 'fail'): Promise<void> {
  const { jobs } = (await h.camunda.activateJobs({ type: 'monitoring-protocolla', maxJobsToActivate: 10, timeout: 60_000, worker: 'test' } as never)) as { jobs: Array<{ jobKey: string; processInstanceKey: string }> };
  for (const job of jobs) {
    if (String(job.processInstanceKey) === pik && outcome === 'complete') await h.camunda.completeJob({ jobKey: job.jobKey } as never);
    else if (String(job.processInstanceKey) === pik) await h.camunda.failJob({ jobKey: job.jobKey, retries: 0, errorMessage: 'protocollo non raggiungibile' } as never);
    else await h.camunda.failJob({ jobKey: job.jobKey, retries: 3, errorMessage: 'not now', retryBackOff: 0 } as never);
  }
}

/** A deadline the worker set (with its legal nature) and the outcome the follower's DeadlineWatcher recorded. */
async function deadline(trail: AuditTrail, pik: string, comune: string, natura: 'perentorio' | 'ordinatorio', met: boolean): Promise<void> {
  const scadeIl = new Date(T0 + 20 * DAY).toISOString();
  const set = await trail.append({ actor: { type: 'worker', id: 'upd-termini' }, action: 'deadline.set', entity: { type: 'process-instance', key: pik, processInstanceKey: pik, comune }, data: { variabile: 'scadenzaContestazione', scadeIl, natura }, legalRule: 'art. 55-bis, c. 4, D.Lgs. 165/2001' });
  await trail.append({ actor: { type: 'engine', id: 'engine' }, action: met ? 'deadline.met' : 'deadline.missed', entity: { type: 'deadline', key: `scadenzaContestazione@${scadeIl}`, processInstanceKey: pik, comune }, data: { variabile: 'scadenzaContestazione', scadeIl, elementId: 'Task_Contestazione', deadlineSetSeq: set.seq } });
}

beforeAll(async () => {
  h = await startRestHarness({ clockControlled: true });
  await deployXml(h.zeebe, `${PROCESS}.bpmn`, bpmn(PROCESS, `
    <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:userTask id="Task_Contestazione" name="Scrivi la contestazione">
      <bpmn:extensionElements><zeebe:userTask /><zeebe:assignmentDefinition candidateGroups="provincia-upd" /></bpmn:extensionElements>
      <bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing>
    </bpmn:userTask>
    <bpmn:serviceTask id="Task_Protocolla" name="Protocolla">
      <bpmn:extensionElements><zeebe:taskDefinition type="monitoring-protocolla" /></bpmn:extensionElements>
      <bpmn:incoming>f2</bpmn:incoming><bpmn:outgoing>f3</bpmn:outgoing>
    </bpmn:serviceTask>
    <bpmn:endEvent id="end"><bpmn:incoming>f3</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="Task_Contestazione" />
    <bpmn:sequenceFlow id="f2" sourceRef="Task_Contestazione" targetRef="Task_Protocolla" />
    <bpmn:sequenceFlow id="f3" sourceRef="Task_Protocolla" targetRef="end" />`));
  await deployXml(h.zeebe, `${TRAINING}.bpmn`, bpmn(TRAINING, `
    <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:endEvent id="end"><bpmn:incoming>f1</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="end" />`));
  events = new CamundaEventSource({ restAddress: h.base, sdkConfig: webAppSdkConfig(h.embedded) });
  source = new CamundaMonitoringSource(events, { restAddress: h.base, sdkConfig: webAppSdkConfig(h.embedded) });

  // given: four UPD cases opened on 2 March 2026, two in Monza, two in Como, worked on a pinned clock
  await at(T0);
  cases.A = await start(PROCESS, { codiceIstat: MONZA, idProcedimento: 'UPD-2026-001' });
  cases.B = await start(PROCESS, { codiceIstat: MONZA, idProcedimento: 'UPD-2026-002' });
  cases.C = await start(PROCESS, { codiceIstat: COMO, idProcedimento: 'UPD-2026-003' });
  cases.D = await start(PROCESS, { codiceIstat: COMO }); // no case number
  await at(T0 + 2 * DAY); // A: contestazione written in 2 days, then protocolled: ended in 2 days
  await completeTaskOf(cases.A);
  await workJobOf(cases.A, 'complete');
  await at(T0 + 6 * DAY); // B: 6 days
  await completeTaskOf(cases.B);
  await workJobOf(cases.B, 'complete');
  await at(T0 + 10 * DAY); // C: written in 10 days, then its protocol job fails: an incident, still open
  await completeTaskOf(cases.C);
  await workJobOf(cases.C, 'fail');
  // D waits on its contestazione.
  // F9's outcome on a training case: hours per employee against the 40-hour target
  await start(TRAINING, {
    anno: 2026,
    oreFormazione: [
      { codiceIstat: MONZA, codiceFiscale: 'RSSMRA80A01F704X', nominativo: 'Mario Rossi', ore: 42, obiettivo: 40, raggiunto: true, obbligatori: [{ corso: 'sicurezza', valido: true }, { corso: 'privacy', valido: true }] },
      { codiceIstat: MONZA, codiceFiscale: 'BNCLRA85B41F704Y', nominativo: 'Laura Bianchi', ore: 12.5, obiettivo: 40, raggiunto: false, obbligatori: [{ corso: 'sicurezza', valido: false }, { corso: 'privacy', valido: true }] },
      { codiceIstat: COMO, codiceFiscale: 'VRDGPP70C01C933Z', nominativo: 'Giuseppe Verdi', ore: 40, obiettivo: 40, raggiunto: true, obbligatori: [{ corso: 'sicurezza', valido: true }] },
    ],
  });
  await h.camunda.resetClock();
}, 60_000);

afterAll(async () => {
  await source?.close();
  await events?.close();
  await h?.stop();
});

// The same engine history aggregated into each app database: SQLite, and PostgreSQL when TEST_DATABASE_URL names one.
for (const target of testDatabaseTargets) describe.skipIf(!target.available)(`the monitoring aggregates kept by the engine event follower (${target.name})`, () => {
  let handle: TestDatabaseHandle;
  let db: AppDatabase;
  const queries = () => new MonitoringQueries(db.knex);

  beforeAll(async () => {
    handle = await target.create();
    db = await handle.open();
    const trail = new AuditTrail(db);
    // Deadlines: A met (perentorio), B missed (perentorio), C missed (ordinatorio)
    await deadline(trail, cases.A, MONZA, 'perentorio', true);
    await deadline(trail, cases.B, MONZA, 'perentorio', false);
    await deadline(trail, cases.C, COMO, 'ordinatorio', false);
    // when: the engine event follower runs once with the monitoring aggregates beside the trail
    await new EngineEventFollower(db, trail, events, { graceMs: 0, aggregates: [new MonitoringAggregator(db.knex, source, { waitingIntervalMs: 0 })] }).pollOnce();
  }, 60_000);

  afterAll(async () => {
    await handle?.cleanup();
  });

  it('counts cases opened and closed per month and Comune', async () => {
    // then
    const rows = (await queries().volumes(all, { processId: PROCESS })).map((r) => [r.month, r.comune, r.opened, r.closed]);
    expect(rows).toEqual([['2026-03', COMO, 2, 0], ['2026-03', MONZA, 2, 2]]);
  });

  it('gives p50/p90 end to end and per step within the histogram resolution, slowest step first, running cases\u2019 completed steps included', async () => {
    // then: cases ended in 2 and 6 days; the contestazione took 2, 6 and 10 days (C's case is still open)
    const rows = await queries().durations(all, { processId: PROCESS });
    const whole = rows.find((r) => r.elementId === '')!;
    const task = rows.find((r) => r.elementId === 'Task_Contestazione')!;
    const within = (value: number, exact: number) => value >= exact && value <= exact * 2 ** 0.25;
    expect(whole.count).toBe(2);
    expect(within(whole.p50Ms, 2 * DAY)).toBe(true);
    expect(within(whole.p90Ms, 6 * DAY)).toBe(true);
    expect(task.count).toBe(3);
    expect(within(task.p50Ms, 6 * DAY)).toBe(true);
    expect(within(task.p90Ms, 10 * DAY)).toBe(true);
    // protocolled at once in A and B; C's protocol job failed, so it is not a completed step
    expect(rows.find((r) => r.elementId === 'Task_Protocolla')!.count).toBe(2);
    expect(rows[1].elementId).toBe('Task_Contestazione');
    expect(rows.map((r) => r.elementId)).not.toContain('start');
  });

  it('shows the step in progress apart, with its ageing: D waits on its contestazione since 2 March', async () => {
    // given
    const now = new Date(T0 + 40 * DAY);
    // when
    const rows = await queries().inProgress(all, { processId: PROCESS }, now);
    // then
    expect(rows).toEqual([{ processId: PROCESS, elementId: 'Task_Contestazione', count: 1, oldest: new Date(T0).toISOString(), oldestAgeMs: 40 * DAY, over30Days: 1 }]);
    expect(await queries().inProgress({ comuni: [MONZA] }, {}, now)).toEqual([]);
    expect((await queries().cases(all, {}, { kind: 'waiting', elementId: 'Task_Contestazione' })).items.map((c) => [c.processInstanceKey, c.caseNumber])).toEqual([[cases.D, null]]);
  });

  it('pages the cases behind a step with their total and case numbers, longest first', async () => {
    // when
    const first = await queries().cases(all, { processId: PROCESS }, { kind: 'step', elementId: 'Task_Contestazione' }, { page: 1, pageSize: 2 });
    const second = await queries().cases(all, { processId: PROCESS }, { kind: 'step', elementId: 'Task_Contestazione' }, { page: 2, pageSize: 2 });
    const comoOnly = await queries().cases({ comuni: [COMO] }, { processId: PROCESS }, { kind: 'step', elementId: 'Task_Contestazione' }, { page: 1, pageSize: 2 });
    // then
    expect([first.total, first.page, first.pageSize]).toEqual([3, 1, 2]);
    expect(first.items.map((c) => [c.processInstanceKey, c.caseNumber, Number(c.detail)])).toEqual([[cases.C, 'UPD-2026-003', 10 * DAY], [cases.B, 'UPD-2026-002', 6 * DAY]]);
    expect(second.items.map((c) => [c.processInstanceKey, c.caseNumber])).toEqual([[cases.A, 'UPD-2026-001']]);
    expect([comoOnly.total, comoOnly.items.map((c) => c.processInstanceKey)]).toEqual([1, [cases.C]]);
  });

  it('counts incidents and the incident-free rate, and the waiting work per group', async () => {
    // then
    expect(await queries().incidents(all, { processId: PROCESS })).toEqual([{ month: '2026-03', processId: PROCESS, cases: 4, casesWithIncident: 1, incidents: 1, incidentFreePercent: 75 }]);
    const waiting = await queries().waiting(all, {});
    expect(waiting.map((w) => [w.candidateGroup, w.count, w.over30Days])).toEqual([['provincia-upd', 1, 1]]);
    expect((await queries().cases(all, {}, { kind: 'waiting', candidateGroup: 'provincia-upd' })).items.map((c) => c.processInstanceKey)).toEqual([cases.D]);
    expect((await queries().cases(all, {}, { kind: 'incident' })).items.map((c) => c.processInstanceKey)).toEqual([cases.C]);
  });

  it('tells deadlines met and missed, perentorio and ordinatorio apart, per Comune and step, with the cases behind them', async () => {
    // then
    const rows = (await queries().deadlines(all, {})).map((r) => [r.processId, r.comune, r.elementId, r.nature, r.met, r.missed]);
    expect(rows).toEqual([
      [PROCESS, COMO, 'Task_Contestazione', 'ordinatorio', 0, 1],
      [PROCESS, MONZA, 'Task_Contestazione', 'perentorio', 1, 1],
    ]);
    const missedPerentori = await queries().cases(all, {}, { kind: 'deadline', nature: 'perentorio', met: false });
    expect(missedPerentori.items.map((c) => c.processInstanceKey)).toEqual([cases.B]);
  });

  it('gives training hours against the 40-hour target and mandatory training per Comune', async () => {
    // then
    expect(await queries().training(all, { anno: 2026 })).toEqual([
      { comune: COMO, anno: 2026, dipendenti: 1, obiettivoRaggiunto: 1, oreMedie: 40, obbligatoriValidi: 1, obbligatoriTotali: 1 },
      { comune: MONZA, anno: 2026, dipendenti: 2, obiettivoRaggiunto: 1, oreMedie: 27.25, obbligatoriValidi: 3, obbligatoriTotali: 4 },
    ]);
  });

  it('shows a Comune user only their own Comune', async () => {
    // given
    const como = { comuni: [COMO] };
    // then
    expect((await queries().volumes(como, { processId: PROCESS })).map((r) => r.comune)).toEqual([COMO]);
    expect((await queries().deadlines(como, {})).map((r) => r.comune)).toEqual([COMO]);
    expect((await queries().training(como, {})).map((r) => r.comune)).toEqual([COMO]);
    expect((await queries().cases(como, {}, { kind: 'opened' })).items.map((c) => c.processInstanceKey).sort()).toEqual([cases.C, cases.D].sort());
    expect(await queries().volumes({ comuni: [] }, {})).toEqual([]);
  });

  it('evaluates, edits and deletes a KPI target on the steps of ended and running cases', async () => {
    // given: "contestazione entro 7 giorni nel 60% dei casi": 2 and 6 days within, 10 not
    const targets = new KpiTargets(db.knex);
    const created = await targets.create({ name: 'Contestazione entro 7 giorni', processId: PROCESS, elementId: 'Task_Contestazione', maxDays: 7, targetPercent: 60 }, 'provincia');
    // when
    const [first] = await targets.evaluate(all, {});
    const edited = await targets.update(created.id, { name: 'Contestazione entro 12 giorni', processId: PROCESS, elementId: 'Task_Contestazione', maxDays: 12, targetPercent: 90 });
    const [second] = await targets.evaluate(all, {});
    const [como] = await targets.evaluate({ comuni: [COMO] }, {});
    const removed = await targets.remove(created.id);
    // then
    expect([first.total, first.within, first.percent, first.met]).toEqual([3, 2, 66.7, true]);
    expect([edited?.name, edited?.createdBy, second.total, second.within, second.met]).toEqual(['Contestazione entro 12 giorni', 'provincia', 3, 3, true]);
    expect([como.total, como.within]).toEqual([1, 1]);
    expect([removed, await targets.list(), await targets.remove(created.id)]).toEqual([true, [], false]);
  });

  it('counts nothing twice on a second pass, and rebuilds the same figures from scratch when its cursor is gone', async () => {
    // given
    const before = { v: await queries().volumes(all, {}), d: await queries().durations(all, {}), dl: await queries().deadlines(all, {}), i: await queries().incidents(all, {}) };
    await new MonitoringAggregator(db.knex, source, { waitingIntervalMs: 0 }).pollOnce();
    const again = { v: await queries().volumes(all, {}), d: await queries().durations(all, {}), dl: await queries().deadlines(all, {}), i: await queries().incidents(all, {}) };
    // when
    await db.knex('audit_follower_cursors').where({ name: 'monitoring-started' }).delete();
    await new MonitoringAggregator(db.knex, source, { waitingIntervalMs: 0 }).pollOnce();
    // then
    expect(again).toEqual(before);
    expect({ v: await queries().volumes(all, {}), d: await queries().durations(all, {}), dl: await queries().deadlines(all, {}), i: await queries().incidents(all, {}) }).toEqual(before);
  });
});
