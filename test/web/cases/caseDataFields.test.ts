import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { caseDataFields, italianDateTime } from '../../../web/server/cases/caseDataFields.js';
import { CaseDataLabels } from '../../../web/server/cases/caseDataLabels.js';
import { REPO } from '../tasks/support/taskStack.js';

const labels = new CaseDataLabels(path.join(REPO, 'processes/forms'));

describe('caseDataFields: the case data as people read it', () => {
  it('labels fields from the deployed forms and writes values the Italian way', async () => {
    // given
    const variables = {
      idConcorso: 'CONC-2026-7',
      dataConoscenza: '2026-03-05',
      // 09:30 UTC is 10:30 in Rome in March (CET)
      momentoConoscenza: '2026-03-05T09:30:00Z',
      annotazioneFascicolo: true,
      gravita: 'upd',
      componentiCommissione: [{ nominativo: 'Neri Anna', codiceFiscale: 'NRENNA70A41F704X', ruolo: 'presidente' }],
      scadenze: [{ variabile: 'scadenzaContestazione', daVerificare: 'nota interna' }],
      codiceIstat: '108033',
    };

    // when
    const fields = caseDataFields(variables, await labels.all(), new Set(['codiceIstat']));

    // then
    const byKey = new Map(fields.map((f) => [f.key, f]));
    expect(byKey.get('idConcorso')).toEqual({ key: 'idConcorso', label: 'Numero del concorso', value: 'CONC-2026-7' });
    expect(byKey.get('dataConoscenza')?.value).toBe('05/03/2026');
    expect(byKey.get('momentoConoscenza')).toMatchObject({ label: 'Ora della conoscenza (flagranza)', value: '05/03/2026 10:30' });
    expect(byKey.get('annotazioneFascicolo')).toMatchObject({ label: 'Annotata nel fascicolo personale', value: 'Sì' });
    expect(byKey.get('gravita')?.value).toBe('Sanzione superiore (competenza dell’UPD)');
    expect(byKey.get('componentiCommissione')?.value).toBe('1 voce');
    expect(byKey.get('componentiCommissione')?.items?.[0]).toContain('Neri Anna');
    // no form asks for them: bookkeeping and internal notes are not case data; the Comune is shown apart
    expect(byKey.has('scadenze')).toBe(false);
    expect(byKey.has('codiceIstat')).toBe(false);
  });

  it('leaves text that is not a date as it is', () => {
    expect(italianDateTime('UPD-2026-1')).toBe('UPD-2026-1');
    expect(italianDateTime('2026-12-31')).toBe('31/12/2026');
    expect(italianDateTime('2026-07-01T22:15:00Z')).toBe('02/07/2026 00:15');
  });
});
