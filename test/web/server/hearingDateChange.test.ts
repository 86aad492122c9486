import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { searchAuditTrail } from '../../../src/audit/index.js';
import { seedComuni } from '../../../src/demo/seedDemo.js';
import { signedInClient } from '../support/webClient.js';
import { waitFor } from '../support/webStack.js';
import { deployFiles, formFile, processFile, startTaskStack, type TaskStack } from '../tasks/support/taskStack.js';

/**
 * «Registra l'audizione svolta in un'altra data» from the case page (real HTTP, SQLite, embedded engine on
 * its own clock): offered to the UPD while the hearing is awaited or its verbale is open, checked field by
 * field against the law before anything is published.
 */
let stack: TaskStack;
const day = (offset: number) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Rome' }).format(new Date(Date.now() + offset * 86_400_000));

beforeAll(async () => {
  stack = await startTaskStack();
  await seedComuni(stack.db.knex);
  await deployFiles(stack, [
    ...['disciplinare-decisione-rinvio', 'disciplinare-audizione', 'disciplinare-istruttoria', 'disciplinare-decisione', 'disciplinare-nuova-audizione'].map((f) => formFile(`${f}.form`)),
    processFile('procedimento-disciplinare-istruttoria.bpmn'),
    formFile('disciplinare-notizia-fatto.form'), formFile('disciplinare-rimprovero-verbale.form'), formFile('disciplinare-contestazione.form'), formFile('disciplinare-consegna-alternativa.form'),
    processFile('procedimento-disciplinare-contestazione.bpmn'),
    processFile('procedimento-disciplinare.bpmn'), processFile('disciplinare-competenza.dmn'),
  ]);
}, 120_000);

afterAll(async () => {
  await stack?.stop();
});

const elementActive = async (pik: string, elementId: string) => (await stack.engine.searchElementInstances(pik)).some((e) => e.elementId === elementId && e.state === 'ACTIVE');

/** A case whose planned hearing day has passed: the verbale task of the called phase is open. */
async function caseWithVerbaleOpen(idProcedimento: string, extra: Record<string, unknown> = {}): Promise<{ pik: string; child: string }> {
  const { processInstanceKey: pik } = await stack.engine.createProcessInstance(
    'procedimento-disciplinare',
    { idProcedimento, codiceIstat: '108033', dataConoscenza: day(-60), dataContestazione: day(-40), dataAudizione: `${day(-10)}T10:00:00+01:00`, scadenzaConclusione: `${day(80)}T00:00:00+01:00`, ...extra },
    { startElementIds: ['Call_Istruttoria'] },
  );
  const child = await waitFor(async () => {
    const called = await stack.engine.searchProcessInstances({ processDefinitionId: 'procedimento-disciplinare-istruttoria', state: 'ACTIVE' }, { from: 0, limit: 100 });
    return called.items.find((i) => i.parentProcessInstanceKey === pik)?.processInstanceKey;
  }, 10_000, 'istruttoria called');
  const job = await waitFor(async () => {
    const found = (await stack.zeebe.activateJobs({ type: 'upd-calcola-scadenze', worker: 'test', timeout: 1_000, maxJobsToActivate: 32, requestTimeout: 500 } as never)) as { key: string; processInstanceKey: string }[];
    return found.find((j) => String(j.processInstanceKey) === String(child));
  }, 15_000, 'preavviso job');
  await stack.zeebe.completeJob({ jobKey: job.key, variables: { preavvisoRispettato: true, riconvocazione: false } } as never);
  await waitFor(async () => (await elementActive(child, 'Task_Audizione')) || undefined, 10_000, 'Task_Audizione active');
  return { pik, child };
}

describe('the UPD records a hearing held on another day', () => {
  it('offered to the UPD only; bad input 400 naming the field and nothing published', async () => {
    // given
    const { pik, child } = await caseWithVerbaleOpen('UPD-2026-H01');
    const upd = await signedInClient(stack.url, 'provincia');
    const comune = await signedInClient(stack.url, 'comune');
    expect((await upd.get(`/api/instances/${pik}/messages`)).body.items.map((i: { id: string }) => i.id)).toContain('audizione-altra-data');
    expect((await comune.get(`/api/instances/${pik}/messages`)).body.items).toEqual([]);
    expect((await comune.post(`/api/instances/${pik}/messages/audizione-altra-data`, { values: { dataAudizioneEffettiva: day(-3), motivoCambioData: 'rinvio-ufficio' } })).status).toBe(403);

    // when / then
    const post = (values: unknown) => upd.post(`/api/instances/${pik}/messages/audizione-altra-data`, { values });
    const cases: Array<[Record<string, unknown>, string, string]> = [
      [{ motivoCambioData: 'rinvio-ufficio' }, 'dataAudizioneEffettiva', 'campo obbligatorio'],
      [{ dataAudizioneEffettiva: day(-3) }, 'motivoCambioData', 'campo obbligatorio'],
      [{ dataAudizioneEffettiva: day(-3), motivoCambioData: 'malattia' }, 'motivoCambioData', 'valore non previsto'],
      [{ dataAudizioneEffettiva: day(2), motivoCambioData: 'rinvio-ufficio' }, 'dataAudizioneEffettiva', 'futura'],
      [{ dataAudizioneEffettiva: day(-10), motivoCambioData: 'rinvio-ufficio' }, 'dataAudizioneEffettiva', 'giorno fissato'],
      [{ dataAudizioneEffettiva: day(-12), motivoCambioData: 'rinvio-dipendente' }, 'dataAudizioneEffettiva', 'deve seguire'],
      [{ dataAudizioneEffettiva: day(-3), motivoCambioData: 'anticipo-concordato' }, 'dataAudizioneEffettiva', 'deve precedere'],
    ];
    for (const [values, field, words] of cases) {
      const res = await post(values);
      expect(res.status, JSON.stringify(values)).toBe(400);
      expect(res.body.field, JSON.stringify(values)).toBe(field);
      expect(res.body.detail, JSON.stringify(values)).toContain(words);
    }
    await new Promise((r) => setTimeout(r, 300));
    expect(await elementActive(child, 'Task_Audizione')).toBe(true);
    expect(await stack.engine.searchVariables({ processInstanceKey: child, name: 'motivoCambioData' })).toEqual([]);
    expect((await searchAuditTrail(stack.db, { action: 'instance.message', entityKey: pik })).items).toEqual([]);
  });

  it('a second rinvio of the employee is refused: the law allows one (art. 55-bis c.4)', async () => {
    const { pik } = await caseWithVerbaleOpen('UPD-2026-H02', { rinvioConcesso: true, giorniRinvio: 5 });
    const upd = await signedInClient(stack.url, 'provincia');
    const res = await upd.post(`/api/instances/${pik}/messages/audizione-altra-data`, { values: { dataAudizioneEffettiva: day(-3), motivoCambioData: 'rinvio-dipendente' } });
    expect(res.status).toBe(400);
    expect(res.body.field).toBe('motivoCambioData');
    expect(res.body.detail).toContain('una sola volta');
  });

  it('the day planned is the called phase’s own when it set a new one (Fissa una nuova data): checked against that', async () => {
    // given: the phase moved the hearing to 6 days ago; the case itself still says 10 days ago
    const { pik, child } = await caseWithVerbaleOpen('UPD-2026-H04');
    await stack.engine.setVariables(child, { dataAudizione: `${day(-6)}T10:00:00+01:00` }, true);
    const upd = await signedInClient(stack.url, 'provincia');

    // when: a rinvio to 8 days ago would follow the case's day but precedes the phase's
    const res = await upd.post(`/api/instances/${pik}/messages/audizione-altra-data`, { values: { dataAudizioneEffettiva: day(-8), motivoCambioData: 'rinvio-dipendente' } });

    // then
    expect(res.status).toBe(400);
    expect(res.body.field).toBe('dataAudizioneEffettiva');
    expect(res.body.detail).toContain(`deve seguire il giorno fissato (${day(-6)})`);
  });

  it('held 7 days later: the verbale is interrupted, the day and reason reach the phase, the trail records it', async () => {
    // given
    const { pik, child } = await caseWithVerbaleOpen('UPD-2026-H03');
    const upd = await signedInClient(stack.url, 'provincia');

    // when
    const res = await upd.post(`/api/instances/${pik}/messages/audizione-altra-data`, { values: { dataAudizioneEffettiva: day(-3), motivoCambioData: 'rinvio-dipendente', noteCambioData: 'Certificato medico del 5' } });

    // then
    expect(res.status).toBe(201);
    await waitFor(async () => (await elementActive(child, 'Service_RegistraAltraData')) || undefined, 10_000, 'the date change registered by the deadline worker');
    expect(await elementActive(child, 'Task_Audizione')).toBe(false);
    expect(await stack.engine.searchVariables({ processInstanceKey: child, name: 'motivoCambioData' })).toEqual([expect.objectContaining({ value: JSON.stringify('rinvio-dipendente') })]);
    const trail = JSON.stringify(await searchAuditTrail(stack.db, { action: 'instance.message', entityKey: pik }));
    expect(trail).toContain('upd-audizione-altra-data');
    expect(trail).toContain('"elementId":"Message_AudizioneAltraDataDopo"');
    // no longer offered while the worker registers it
    expect((await upd.get(`/api/instances/${pik}/messages`)).body.items.map((i: { id: string }) => i.id)).not.toContain('audizione-altra-data');
  });
});
