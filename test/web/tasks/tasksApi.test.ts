import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { searchAuditTrail } from '../../../src/audit/index.js';
import { WebClient, signedInClient } from '../support/webClient.js';
import { waitFor } from '../support/webStack.js';
import { contestazioneDeadline, disciplinareE2eProcess, E2E_JOB_TYPE, E2E_PROCESS_ID } from './support/disciplinareE2eProcess.js';
import { deployFiles, formFile, processFile, produceTestDocument, startTaskStack, type TaskStack } from './support/taskStack.js';

let stack: TaskStack;

const signedIn = (username: string) => signedInClient(stack.url, username);

const NOTIZIA = {
  codiceIstat: '108033',
  matricolaDipendente: 'M-1042',
  codiceFiscaleDipendente: 'RSSMRA80A01F704X',
  dataConoscenza: '2025-03-03',
  descrizioneFatto: 'Assenza ingiustificata dal servizio il 28 febbraio.',
  gravita: 'upd',
  flagranza: false,
};

async function openTask(client: WebClient, processInstanceKey: string, elementId: string): Promise<string> {
  return waitFor(async () => {
    const res = await client.get('/api/tasks');
    const t = res.body.items?.find((i: { processInstanceKey: string; elementId: string }) => i.processInstanceKey === processInstanceKey && i.elementId === elementId);
    return t?.userTaskKey as string | undefined;
  }, 10_000, `${elementId} in the task list`);
}

beforeAll(async () => {
  stack = await startTaskStack();
  await deployFiles(stack, [
    processFile('disciplinare-competenza.dmn'), ...['procedimento-disciplinare.bpmn', 'procedimento-disciplinare-contestazione.bpmn', 'procedimento-disciplinare-flagranza.bpmn', 'procedimento-disciplinare-istruttoria.bpmn'].map(processFile),
    ...['notizia-fatto', 'contestazione', 'rimprovero-verbale', 'consegna-alternativa', 'audizione', 'istruttoria', 'decisione', 'decisione-rinvio', 'esecuzione-sanzione', 'flagranza-sospensione', 'rinnovo-contestazione', 'sospensione-cautelare'].map((f) => formFile(`disciplinare-${f}.form`)),
    { name: `${E2E_PROCESS_ID}.bpmn`, content: disciplinareE2eProcess() },
  ]);
}, 120_000);

afterAll(async () => {
  await stack?.stop();
});

describe('the real disciplinary model: the Comune registers the notizia del fatto', () => {
  let instanceKey: string;
  let taskKey: string;

  beforeAll(async () => {
    const created = await stack.zeebe.createProcessInstance({ bpmnProcessId: 'procedimento-disciplinare', variables: { codiceIstat: '108033', idProcedimento: 'UPD-2025-007' } } as never);
    instanceKey = String(created.processInstanceKey);
    taskKey = await openTask(await signedIn('comune'), instanceKey, 'Task_RegistraNotizia');
  });

  it('shows the task to its Comune and to the UPD (which may record the notizia, art. 55-bis c.4): another Comune and a designer get 404/403', async () => {
    // given
    const lissone = await signedIn('lissone');
    const provincia = await signedIn('provincia');
    const designer = await signedIn('designer');

    // then
    expect((await lissone.get('/api/tasks')).body.items).toEqual([]);
    expect((await lissone.get(`/api/tasks/${taskKey}`)).status).toBe(404);
    const refused = await lissone.post(`/api/tasks/${taskKey}/complete`, { variables: NOTIZIA });
    expect(refused.status).toBe(404);
    expect((await lissone.post(`/api/tasks/${taskKey}/claim`)).status).toBe(404);
    expect((await provincia.get(`/api/tasks/${taskKey}`)).status).toBe(200);
    expect((await designer.get('/api/tasks')).status).toBe(403);
    expect((await stack.tasks.getTask(taskKey))?.state).toBe('CREATED');
  });

  it('lets an auditor of the Comune read the task but not complete it (403)', async () => {
    const auditor = await signedIn('auditor');
    const page = await auditor.get(`/api/tasks/${taskKey}`);
    expect(page.status).toBe(200);
    expect(page.body.permissions).toEqual({ act: false, assign: false });
    const res = await auditor.post(`/api/tasks/${taskKey}/complete`, { variables: NOTIZIA });
    expect(res.status).toBe(403);
  });

  it('serves the form, prefilled from the case variables, and the context', async () => {
    const comune = await signedIn('comune');
    const page = await comune.get(`/api/tasks/${taskKey}`);
    expect(page.status).toBe(200);
    expect(page.body.form.formId).toBe('disciplinare-notizia-fatto');
    expect(page.body.form.schema.components.some((c: { key?: string }) => c.key === 'codiceFiscaleDipendente')).toBe(true);
    expect(page.body.data).toEqual({ codiceIstat: '108033' });
    expect(page.body.context).toMatchObject({ businessKey: 'UPD-2025-007', comune: { codiceIstat: '108033' }, procedure: { processDefinitionId: 'procedimento-disciplinare' } });
    expect(page.body.permissions).toEqual({ act: true, assign: false });
  });

  it('refuses a missing required field, naming it, and completes nothing', async () => {
    const comune = await signedIn('comune');
    const { matricolaDipendente: _, ...withoutMatricola } = NOTIZIA;
    const res = await comune.post(`/api/tasks/${taskKey}/complete`, { variables: withoutMatricola });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('FORM_INVALID');
    expect(res.body.fields).toEqual(['matricolaDipendente']);
    expect(res.body.detail).toContain('Matricola del dipendente');
    expect((await stack.tasks.getTask(taskKey))?.state).toBe('CREATED');
  });

  it('refuses wrong formats (pattern, date, option, unknown field), naming each field', async () => {
    const comune = await signedIn('comune');
    const res = await comune.post(`/api/tasks/${taskKey}/complete`, {
      variables: { ...NOTIZIA, codiceFiscaleDipendente: 'rossi mario', dataConoscenza: '2025-02-30', gravita: 'licenziamento', esito: 'x' },
    });
    expect(res.status).toBe(400);
    expect(res.body.fields).toEqual(['codiceFiscaleDipendente', 'dataConoscenza', 'gravita', 'esito']);
    expect(res.body.detail).toContain('Codice fiscale non valido');
    const istat = await comune.post(`/api/tasks/${taskKey}/complete`, { variables: { ...NOTIZIA, codiceIstat: '10803' } });
    expect(istat.body.fields).toEqual(['codiceIstat']);
    expect(istat.body.detail).toContain('6 cifre');
  });

  it('completes with valid data, records it in the audit trail, and the instance moves on', async () => {
    // given
    const comune = await signedIn('comune');

    // when
    const res = await comune.post(`/api/tasks/${taskKey}/complete`, { variables: NOTIZIA });

    // then
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect((await stack.tasks.getTask(taskKey))?.state).toBe('COMPLETED');
    await waitFor(async () => {
      const stats = await stack.engine.getProcessInstanceStatistics(instanceKey);
      return stats.some((s) => s.elementId === 'Service_CalcolaScadenzaSegnalazione' && s.active === 1);
    }, 10_000, 'the deadline job after the Comune step');
    const trail = await searchAuditTrail(stack.db, { entityType: 'user-task', entityKey: taskKey, action: ['task.claim', 'task.complete'] });
    expect(trail.items.map((e) => e.action).sort()).toEqual(['task.claim', 'task.complete']);
    const completion = trail.items.find((e) => e.action === 'task.complete')!;
    expect(completion.actor.id).toBe('comune');
    expect(completion.entity).toMatchObject({ processInstanceKey: instanceKey, comune: '108033' });
    expect(completion.data.variables).toMatchObject({ matricolaDipendente: 'M-1042', gravita: 'upd' });
  });

  it('refuses a second completion with 409 and says who completed it', async () => {
    const colleague = await signedIn('monza2');
    const res = await colleague.post(`/api/tasks/${taskKey}/complete`, { variables: NOTIZIA });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('TASK_ALREADY_COMPLETED');
    expect(res.body.detail).toContain('già completata da comune');
    const completions = await searchAuditTrail(stack.db, { action: 'task.complete', entityKey: taskKey });
    expect(completions.items).toHaveLength(1);
  });
});

describe('Provincia step, assignment, deadlines and documents (short disciplinary model)', () => {
  let instanceKey: string;
  let contestazioneKey: string;
  let docSha: string;

  beforeAll(async () => {
    const created = await stack.zeebe.createProcessInstance({ bpmnProcessId: E2E_PROCESS_ID, variables: { codiceIstat: '108033', idProcedimento: 'UPD-2025-011' } } as never);
    instanceKey = String(created.processInstanceKey);
    const comune = await signedIn('comune');
    const notizia = await openTask(comune, instanceKey, 'Task_RegistraNotizia');
    expect((await comune.post(`/api/tasks/${notizia}/complete`, { variables: NOTIZIA })).status).toBe(200);
    // the deadlines and documents workers' part
    const jobs = await waitFor(async () => {
      const found = await stack.zeebe.activateJobs({ type: E2E_JOB_TYPE, worker: 'test', timeout: 60_000, maxJobsToActivate: 5, requestTimeout: 1000 } as never);
      return found.length > 0 && found;
    });
    docSha = await produceTestDocument(stack, instanceKey, 'UPD-2025-011', 'notizia-del-fatto');
    await stack.zeebe.completeJob({ jobKey: jobs[0].key, variables: contestazioneDeadline(new Date()) } as never);
    contestazioneKey = await openTask(await signedIn('provincia'), instanceKey, 'Task_RedigiContestazione');
  });

  it('lists the task with its deadline and legal source, with filters and counts', async () => {
    const provincia = await signedIn('provincia');
    const res = await provincia.get('/api/tasks?view=unassigned&process=procedimento-disciplinare&comune=108033');
    const item = res.body.items.find((i: { userTaskKey: string }) => i.userTaskKey === contestazioneKey);
    expect(item).toMatchObject({ comune: '108033', businessKey: 'UPD-2025-011', priority: 80, deadline: { nature: 'perentorio', legalSource: 'art. 55-bis c.4 D.Lgs. 165/2001', status: 'ok' } });
    expect(item.deadline.daysLeft).toBeGreaterThanOrEqual(29);
    // the list shows the same last useful day as the task page, not the day after (when the timer fires)
    const page = await provincia.get(`/api/tasks/${contestazioneKey}`);
    expect(item.deadline.lastDay).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(item.deadline.lastDay).toBe(page.body.context.deadlines[0].lastDay);
    expect(res.body.counts.unassigned).toBeGreaterThanOrEqual(1);
    expect(res.body.counts.mine).toBe(0);
    expect((await provincia.get('/api/tasks?comune=108028')).body.items).toEqual([]);
    expect((await provincia.get('/api/tasks?dueBefore=2020-01-01')).body.items).toEqual([]);
    expect((await provincia.get('/api/tasks?view=sometimes')).status).toBe(400);
  });

  it('shows the context: deadline with legal source, documents (downloadable, hash checked)', async () => {
    const provincia = await signedIn('provincia');
    const page = await provincia.get(`/api/tasks/${contestazioneKey}`);
    expect(page.body.context.deadlines[0]).toMatchObject({ variable: 'scadenzaContestazione', nature: 'perentorio', legalSource: 'art. 55-bis c.4 D.Lgs. 165/2001', elementId: 'Task_RedigiContestazione' });
    expect(page.body.context.documents).toEqual([expect.objectContaining({ sha256: docSha, kind: 'notizia-del-fatto' })]);
    const pdf = await fetch(`${stack.url}/api/tasks/${contestazioneKey}/documents/${docSha}`, { headers: { cookie: cookieOf(provincia) } });
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-');
    expect((await provincia.get(`/api/tasks/${contestazioneKey}/documents/${'0'.repeat(64)}`)).status).toBe(404);
    const lissone = await signedIn('lissone');
    expect((await lissone.get(`/api/tasks/${contestazioneKey}/documents/${docSha}`)).status).toBe(404);
  });

  it('assigns to a colleague only for allowed roles and eligible colleagues', async () => {
    const provincia = await signedIn('provincia');
    const comune = await signedIn('comune');
    expect((await comune.post(`/api/tasks/${contestazioneKey}/assign`, { assignee: 'upd2' })).status).toBe(404);
    const colleagues = await provincia.get(`/api/tasks/${contestazioneKey}/colleagues`);
    expect(colleagues.body.items.map((u: { username: string }) => u.username)).toEqual(['provincia', 'upd2']);
    const wrong = await provincia.post(`/api/tasks/${contestazioneKey}/assign`, { assignee: 'comune' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.field).toBe('assignee');
    const ok = await provincia.post(`/api/tasks/${contestazioneKey}/assign`, { assignee: 'upd2' });
    expect(ok.status).toBe(200);
    expect(ok.body.task.assignee).toBe('upd2');
    // assigned to someone else: the Provincia officer cannot complete it, upd2 sees it under "mine"
    const res = await provincia.post(`/api/tasks/${contestazioneKey}/complete`, { variables: {} });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('TASK_ASSIGNED_TO_OTHER');
    const upd2 = await signedIn('upd2');
    expect((await upd2.get('/api/tasks?view=mine')).body.items.map((t: { userTaskKey: string }) => t.userTaskKey)).toEqual([contestazioneKey]);
    expect((await upd2.post(`/api/tasks/${contestazioneKey}/unclaim`)).status).toBe(200);
    expect((await provincia.post(`/api/tasks/${contestazioneKey}/claim`)).body.task.assignee).toBe('provincia');
    const trail = await searchAuditTrail(stack.db, { entityType: 'user-task', entityKey: contestazioneKey, action: ['task.claim', 'task.assign'] }, { order: 'asc' });
    expect(trail.items.map((e) => [e.action, e.actor.id, e.data.assignee])).toEqual([['task.assign', 'provincia', 'upd2'], ['task.assign', 'upd2', null], ['task.claim', 'provincia', 'provincia']]);
  });

  it('lists the open deadline in the scadenzario, as JSON and CSV, for the scope of the user', async () => {
    const provincia = await signedIn('provincia');
    const res = await provincia.get('/api/deadlines');
    const entry = res.body.items.find((d: { processInstanceKey: string }) => d.processInstanceKey === instanceKey);
    expect(entry).toMatchObject({ variable: 'scadenzaContestazione', status: 'ok', nature: 'perentorio', comune: '108033', businessKey: 'UPD-2025-011' });
    const csv = await fetch(`${stack.url}/api/deadlines/export.csv`, { headers: { cookie: cookieOf(provincia) } });
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const text = await csv.text();
    expect(text.split('\r\n')[0]).toContain('procedimento;pratica;istanza;comune;scadenza');
    expect(text).toContain('UPD-2025-011;');
    expect(text).toContain('art. 55-bis c.4 D.Lgs. 165/2001');
    const lissone = await signedIn('lissone');
    expect((await lissone.get('/api/deadlines')).body.items.some((d: { processInstanceKey: string }) => d.processInstanceKey === instanceKey)).toBe(false);
  });

  it('the Provincia completes the contestazione through its form; the case ends', async () => {
    const provincia = await signedIn('provincia');
    const bad = await provincia.post(`/api/tasks/${contestazioneKey}/complete`, { variables: { testoAddebito: 'x', sanzioneMassimaPrevista: 'multa', dataAudizione: 'domani', luogoAudizione: 'Monza', pecDipendente: 'non-una-pec' } });
    expect(bad.body.fields).toEqual(['dataAudizione', 'pecDipendente']);
    const res = await provincia.post(`/api/tasks/${contestazioneKey}/complete`, {
      variables: { testoAddebito: 'Assenza ingiustificata (art. 55-quater).', sanzioneMassimaPrevista: 'multa', dataAudizione: '2030-04-10T10:00+02:00', luogoAudizione: 'Provincia, sala UPD', pecDipendente: 'mario.rossi@pec.it' },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    await waitFor(async () => (await stack.engine.getProcessInstance(instanceKey))?.state === 'COMPLETED', 10_000, 'case completed');
    const again = await provincia.post(`/api/tasks/${contestazioneKey}/complete`, { variables: {} });
    expect(again.status).toBe(409);
    expect(again.body.detail).toContain('già completata da provincia');
  });
});

function cookieOf(client: WebClient): string {
  const cookies = (client as unknown as { cookies: Map<string, string> }).cookies;
  return [...cookies].map(([k, v]) => `${k}=${v}`).join('; ');
}
