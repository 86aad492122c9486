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
