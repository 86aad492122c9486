import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MessageName, ProcessId } from '../../processes/generated/task-types.js';
import { waitFor } from '../support/engineHarness.js';
import { startWorkerHarness, type WorkerHarness } from './support/workerHarness.js';

/**
 * A hearing held on another day than the convocation said (D10), with the engine's own clock: nothing
 * here pins or moves it. The planned day lies in the past, as it does when the hearing was put off.
 */
const day = (offset: number) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Rome' }).format(new Date(Date.now() + offset * 86_400_000));

describe('audizione svolta in un’altra data (real engine clock, real workers over gRPC)', () => {
  let w: WorkerHarness;
  beforeAll(async () => {
    w = await startWorkerHarness();
  });
  afterAll(async () => {
    await w?.stop();
  });

  async function caseWithHearingPassed(idProcedimento: string, extra: Record<string, unknown> = {}): Promise<string> {
    const created = await w.h.zeebe.createProcessInstance({
      bpmnProcessId: ProcessId.PROCEDIMENTO_DISCIPLINARE,
      variables: {
        idProcedimento, codiceIstat: '108033', dataConoscenza: day(-60), dataContestazione: day(-40), dataRicezioneContestazione: day(-39),
        dataAudizione: `${day(-10)}T10:00:00+01:00`, scadenzaConclusione: `${day(80)}T00:00:00+01:00`, ...extra,
      },
      startInstructions: [{ elementId: 'Call_Istruttoria' }],
    } as never);
    const pik = String(created.processInstanceKey);
    // the notice is checked from the receipt (39 days before the planned day): the planned day is past, so the verbale opens at once
    await waitFor(async () => (await w.openTasks('Task_Audizione')).length > 0 || undefined, 15_000, 'Task_Audizione open');
    return pik;
  }

  it('held 7 days later at the employee’s request: the 120 days move by 7 and the case goes on to the verbale without the clock', async () => {
    // given
    const pik = await caseWithHearingPassed('UPD-2026-A01');
    const before = await w.variable<string>(pik, 'scadenzaConclusione');

    // when: the UPD records the day actually held and why
    await w.publish(MessageName.UPD_AUDIZIONE_ALTRA_DATA, 'UPD-2026-A01', { dataAudizioneEffettiva: day(-3), motivoCambioData: 'rinvio-dipendente', noteCambioData: 'Certificato medico' });

    // then: the phase left through the granted-rinvio path, the caller moved the perentorio term by the 7 days
    await w.waitForElement(pik, 'Service_ProrogaTermini');
    expect(await w.variable(pik, 'giorniRinvio')).toBe(7);
    expect(await w.variable(pik, 'rinvioConcesso')).toBe(true);
    const scadenze = await w.variable<{ variabile: string; fonte: string; dataTermine: string }[]>(pik, 'scadenze');
    const conclusione = scadenze?.find((s) => s.variabile === 'scadenzaConclusione');
    expect(conclusione?.fonte).toContain('120 giorni + 7 di rinvio');
    // 120 + 7 days from the act of contestazione (40 days ago): 87 days from today, or a few more when it lands on a holiday
    const last = new Date(`${conclusione!.dataTermine}T12:00:00Z`).getTime();
    const expectedAtLeast = new Date(`${day(87)}T12:00:00Z`).getTime();
    expect(last).toBeGreaterThanOrEqual(expectedAtLeast);
    expect(last).toBeLessThanOrEqual(expectedAtLeast + 4 * 86_400_000);
    expect(await w.variable<string>(pik, 'scadenzaConclusione')).not.toBe(before);
    // the phase is called again with the hearing on the day held, already past: the verbale opens again, no wait
    await waitFor(async () => {
      const calls = await w.h.embedded.engine.knex('records').where({ element_id: 'Call_Istruttoria', intent: 'ELEMENT_ACTIVATED', process_instance_key: Number(pik) });
      return calls.length === 2 || undefined;
    }, 15_000, 'istruttoria called again');
    await waitFor(async () => (await w.openTasks('Task_Audizione')).length === 1 || undefined, 15_000, 'the verbale again');
    await w.completeTask('Task_Audizione', { dataAudizioneSvolta: `${day(-3)}T10:00:00+01:00`, dipendentePresente: true, verbaleAudizione: 'Verbale' });
    await w.waitForElement(undefined, 'Task_Istruttoria', 'ELEMENT_ACTIVATED');
    expect(await w.incidents()).toEqual([]);
    // the trail says why the day changed, under which rule
    const noted = await w.db.knex('audit_entries').where('data', 'like', '%motivoCambioData%');
    expect(noted.length).toBeGreaterThan(0);
    expect(JSON.stringify(noted)).toContain('rinvio-dipendente');
    expect(JSON.stringify(noted)).toContain('art. 55-bis, c. 4, D.Lgs. 165/2001 (testo del D.Lgs. 75/2017)');
    await w.h.zeebe.cancelProcessInstance(pik);
  });

  it('held later by the UPD’s own choice: the term stays where it was and the verbale follows', async () => {
    // given
    const pik = await caseWithHearingPassed('UPD-2026-A02');
    const before = await w.variable<string>(pik, 'scadenzaConclusione');
    const tasksBefore = (await w.openTasks('Task_Audizione')).map((t) => t.key);

    // when
    await w.publish(MessageName.UPD_AUDIZIONE_ALTRA_DATA, 'UPD-2026-A02', { dataAudizioneEffettiva: day(-2), motivoCambioData: 'rinvio-ufficio' });

    // then: a new verbale task in place of the interrupted one, the perentorio term untouched
    await waitFor(async () => {
      const open = await w.openTasks('Task_Audizione');
      return (open.length === tasksBefore.length && open.some((t) => !tasksBefore.includes(t.key))) || undefined;
    }, 15_000, 'a new verbale task');
    const child = String((await w.openTasks('Task_Audizione')).find((t) => !tasksBefore.includes(t.key))!.process_instance_key);
    expect(await w.variable(child, 'prorogaConclusione')).toBe(false);
    expect(await w.variable(child, 'giorniCambioDataAudizione')).toBe(8);
    expect(await w.variable(pik, 'scadenzaConclusione')).toBe(before);
    expect(await w.variable(pik, 'giorniRinvio')).toBeUndefined();
    await w.h.zeebe.cancelProcessInstance(pik);
  });
});
