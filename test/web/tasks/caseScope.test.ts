import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { searchAuditTrail } from '../../../src/audit/index.js';
import { WebClient, signedInClient } from '../support/webClient.js';
import { waitFor } from '../support/webStack.js';
import { deployFiles, formFile, processFile, startTaskStack, type TaskStack } from './support/taskStack.js';

/**
 * The Comune of a case is fixed when the case starts: the task form «Registra la notizia del fatto» shows
 * `codiceIstat` prefilled, and a case action is published into the case's root scope, but neither may move
 * the case to another Comune (which would hide it from its own Comune and show it to the other one).
 */
let stack: TaskStack;

const signedIn = (username: string) => signedInClient(stack.url, username);
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Rome' }).format(new Date());

const NOTIZIA = {
  codiceIstat: '108033',
  matricolaDipendente: 'M-1042',
  codiceFiscaleDipendente: 'RSSMRA80A01F704X',
  dataConoscenza: '2025-03-03',
  descrizioneFatto: 'Assenza ingiustificata dal servizio il 28 febbraio.',
  gravita: 'upd',
  flagranza: false,
};

async function rootCodiceIstat(processInstanceKey: string): Promise<unknown> {
  const vars = await stack.engine.searchVariables({ processInstanceKey, name: 'codiceIstat' });
  const root = vars.find((v) => v.scopeKey === processInstanceKey);
  return root && JSON.parse(root.value);
}

async function openTask(client: WebClient, processInstanceKey: string, elementId: string): Promise<string> {
  return waitFor(async () => {
    const res = await client.get('/api/tasks');
    return res.body.items?.find((i: { processInstanceKey: string; elementId: string }) => i.processInstanceKey === processInstanceKey && i.elementId === elementId)?.userTaskKey as string | undefined;
  }, 10_000, `${elementId} in the task list`);
}

beforeAll(async () => {
  stack = await startTaskStack();
  await deployFiles(stack, [
    processFile('disciplinare-competenza.dmn'), ...['procedimento-disciplinare.bpmn', 'procedimento-disciplinare-contestazione.bpmn', 'procedimento-disciplinare-flagranza.bpmn', 'procedimento-disciplinare-istruttoria.bpmn'].map(processFile),
    ...['notizia-fatto', 'contestazione', 'rimprovero-verbale', 'consegna-alternativa', 'audizione', 'istruttoria', 'decisione', 'decisione-rinvio', 'esecuzione-sanzione', 'flagranza-sospensione', 'rinnovo-contestazione', 'sospensione-cautelare'].map((f) => formFile(`disciplinare-${f}.form`)),
  ]);
}, 120_000);

afterAll(async () => {
  await stack?.stop();
});

describe('«Registra la notizia del fatto»: the case’s Comune cannot be changed from the form', () => {
  let instanceKey: string;
  let taskKey: string;

  beforeAll(async () => {
    const created = await stack.zeebe.createProcessInstance({ bpmnProcessId: 'procedimento-disciplinare', variables: { codiceIstat: '108033', idProcedimento: 'UPD-2026-501' } } as never);
    instanceKey = String(created.processInstanceKey);
    taskKey = await openTask(await signedIn('comune'), instanceKey, 'Task_RegistraNotizia');
  });

  it('refuses another Comune’s codiceIstat with 400 naming the field, records the attempt, and the case stays with its Comune', async () => {
    // given
    const comune = await signedIn('comune');

    // when
    const res = await comune.post(`/api/tasks/${taskKey}/complete`, { variables: { ...NOTIZIA, codiceIstat: '108028' } });

    // then
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'CASE_SCOPE_IMMUTABLE', field: 'codiceIstat', fields: ['codiceIstat'] });
    expect((await stack.tasks.getTask(taskKey))?.state).toBe('CREATED');
    expect(await rootCodiceIstat(instanceKey)).toBe('108033');
    expect((await comune.get(`/api/instances/${instanceKey}`)).status).toBe(200);
    expect((await comune.get(`/api/tasks/${taskKey}`)).status).toBe(200);
    expect((await (await signedIn('lissone')).get(`/api/instances/${instanceKey}`)).status).toBe(404);
    const trail = await searchAuditTrail(stack.db, { action: 'case.scope-change-refused', entityKey: taskKey });
    expect(trail.items).toHaveLength(1);
    expect(trail.items[0]).toMatchObject({
      actor: { type: 'user', id: 'comune' },
      entity: { type: 'user-task', processInstanceKey: instanceKey, comune: '108033' },
      data: { via: 'task.complete', fields: ['codiceIstat'], attempted: { codiceIstat: '108028' }, current: { codiceIstat: '108033' } },
    });
    expect((await searchAuditTrail(stack.db, { action: 'task.complete', entityKey: taskKey })).items).toEqual([]);
  });

  it('accepts the prefilled codiceIstat unchanged and completes the task', async () => {
    // given
    const comune = await signedIn('comune');

    // when
    const res = await comune.post(`/api/tasks/${taskKey}/complete`, { variables: NOTIZIA });

    // then
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect((await stack.tasks.getTask(taskKey))?.state).toBe('COMPLETED');
    expect(await rootCodiceIstat(instanceKey)).toBe('108033');
  });
});

describe('a case action cannot carry the case’s scope', () => {
  it('refuses codiceIstat in the Comune’s segnalazione with 400 naming the field, publishes nothing and records the attempt', async () => {
    // given: a case waiting at «Ricevi la segnalazione del Comune»
    const { processInstanceKey: pik } = await stack.engine.createProcessInstance(
      'procedimento-disciplinare',
      { idProcedimento: 'UPD-2026-502', codiceIstat: '108033', dataConoscenza: inDays(-2), scadenzaSegnalazione: `${inDays(8)}T00:00:00+01:00` },
      { startElementIds: ['Receive_Segnalazione'] },
    );
    await waitFor(async () => (await stack.engine.searchElementInstances(pik)).some((e) => e.elementId === 'Receive_Segnalazione' && e.state === 'ACTIVE') || undefined, 10_000, 'Receive_Segnalazione');
    const comune = await signedIn('comune');

    // when
    const res = await comune.post(`/api/instances/${pik}/messages/segnalazione`, {
      values: { dataRicezioneSegnalazione: today(), testoSegnalazione: 'Assenze dal 2 al 5.', codiceIstat: '108028' },
    });

    // then
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'CASE_SCOPE_IMMUTABLE', field: 'codiceIstat' });
    expect((await stack.engine.searchElementInstances(pik)).some((e) => e.elementId === 'Receive_Segnalazione' && e.state === 'ACTIVE')).toBe(true);
    expect(await rootCodiceIstat(pik)).toBe('108033');
    expect((await comune.get(`/api/instances/${pik}`)).status).toBe(200);
    const trail = await searchAuditTrail(stack.db, { action: 'case.scope-change-refused', entityKey: pik });
    expect(trail.items.map((e) => e.data)).toEqual([expect.objectContaining({ via: 'instance.message', attempted: { codiceIstat: '108028' } })]);
    expect((await searchAuditTrail(stack.db, { action: 'instance.message', entityKey: pik })).items).toEqual([]);
  });
});
