import { describe, expect, it } from 'vitest';
import { NOTICE_TEMPLATES } from '../../../workers/shared/noticeTemplates.js';
import type { WorkerContext } from '../../../workers/shared/WorkerContext.js';

// The templates below read from the context only the data directory of an attachment and the UPD's address.
const ctx = { dataDir: '/tmp', addresses: { upd: 'upd@provincia.mb.it' } } as unknown as WorkerContext;

describe('notices to the employee: dates as an Italian reader expects them', () => {
  it('the PEC with the charge names the hearing as "18/12/2026 alle ore 10:30" (Rome), not an ISO timestamp', async () => {
    const notice = await NOTICE_TEMPLATES['contestazione-addebito']!({
      idProcedimento: 'UPD-2026-014', pecDipendente: 'giuseppe.brambilla@pec.it',
      dataAudizione: '2026-12-18T10:30+01:00', luogoAudizione: 'Sede UPD, via Grigna 13, Monza',
    }, ctx);
    expect(notice.text).toContain("l'audizione del 18/12/2026 alle ore 10:30 presso Sede UPD");
    expect(notice.text).not.toMatch(/\d{4}-\d{2}-\d{2}/);
  });

  it('reads a UTC instant in Rome time (summer and winter), and a bare date as a date', async () => {
    const summer = await NOTICE_TEMPLATES['rigetto-rinvio']!({ idProcedimento: 'UPD-2026-015', pecDipendente: 'a@pec.it', motivazioneRinvio: 'Nessun impedimento documentato', dataAudizione: '2026-06-30T08:00:00Z' }, ctx);
    expect(summer.text).toContain('resta fissata al 30/06/2026 alle ore 10:00');
    const sollecito = await NOTICE_TEMPLATES['sollecito-segnalazione']!({ idProcedimento: 'UPD-2026-016', dataConoscenza: '2026-11-20' }, ctx);
    expect(sollecito.text).toContain('conosciuti il 20/11/2026');
  });
});

describe('notices: outcomes and terms in plain Italian', () => {
  it('the decision PEC writes the outcome in words, not codes, and one full stop after a reason ending with one', async () => {
    const sanzione = await NOTICE_TEMPLATES['provvedimento-finale']!({
      idProcedimento: 'UPD-2026-017', pecDipendente: 'a@pec.it', esito: 'sanzione', sanzione: 'multa', motivazioneDecisione: 'Fatto accertato e ammesso.',
    }, ctx);
    expect(sanzione.text).toBe('Esito: irrogata la sanzione della multa fino a 4 ore di retribuzione. Motivazione: Fatto accertato e ammesso. Il provvedimento è in allegato.');
    const archiviazione = await NOTICE_TEMPLATES['provvedimento-finale']!({
      idProcedimento: 'UPD-2026-018', pecDipendente: 'a@pec.it', esito: 'archiviazione', motivazioneDecisione: 'Fatto non sussistente',
    }, ctx);
    expect(archiviazione.text).toBe('Esito: archiviazione del procedimento. Motivazione: Fatto non sussistente. Il provvedimento è in allegato.');
    const licenziamento = await NOTICE_TEMPLATES['provvedimento-finale']!({
      idProcedimento: 'UPD-2026-019', pecDipendente: 'a@pec.it', esito: 'sanzione', sanzione: 'licenziamento-con-preavviso', motivazioneDecisione: 'Recidiva',
    }, ctx);
    expect(licenziamento.text).toContain('Esito: irrogata la sanzione del licenziamento con preavviso.');
  });

  it('the reminder to the Comune gives the missed term as its last useful day, not an ISO timestamp', async () => {
    const conScadenze = await NOTICE_TEMPLATES['sollecito-segnalazione']!({
      idProcedimento: 'UPD-2026-020', dataConoscenza: '2026-11-20', scadenzaSegnalazione: '2026-12-01T00:00:00+01:00',
      scadenze: [{ variabile: 'scadenzaSegnalazione', scadeIl: '2026-12-01T00:00:00+01:00', dataTermine: '2026-11-30' }],
    }, ctx);
    expect(conScadenze.text).toContain('è scaduto (ultimo giorno utile 30/11/2026)');
    expect(conScadenze.text).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    const senza = await NOTICE_TEMPLATES['sollecito-segnalazione']!({ idProcedimento: 'UPD-2026-021', dataConoscenza: '2026-11-20', scadenzaSegnalazione: '2026-12-01T00:00:00+01:00' }, ctx);
    expect(senza.text).not.toMatch(/\d{4}-\d{2}-\d{2}/);
  });

  it('reasons in other notices end with one full stop', async () => {
    const rinvio = await NOTICE_TEMPLATES['rigetto-rinvio']!({ idProcedimento: 'UPD-2026-022', pecDipendente: 'a@pec.it', motivazioneRinvio: 'Nessun impedimento documentato.', dataAudizione: '2026-06-30' }, ctx);
    expect(rinvio.text).toContain('Motivazione: Nessun impedimento documentato. L\'audizione resta fissata al 30/06/2026.');
  });
});
