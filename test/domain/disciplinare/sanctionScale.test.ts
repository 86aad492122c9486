import { describe, expect, it } from 'vitest';
import { assertSanctionMeasure } from '../../../src/domain/disciplinare/sanctionMeasure.js';
import {
  allowsSospensioneCautelare,
  allowsSuspensionForCriminalCase,
  competentAuthority,
  isMoreSevere,
  procedureFor,
  SANCTION_CODES,
} from '../../../src/domain/disciplinare/sanctionScale.js';

describe('sanction scale (CCNL Funzioni Locali; art. 55-bis D.Lgs. 165/2001)', () => {
  it('orders the seven sanctions from rimprovero verbale to licenziamento senza preavviso', () => {
    // when / then
    expect(SANCTION_CODES).toHaveLength(7);
    expect(isMoreSevere('rimprovero-scritto', 'rimprovero-verbale')).toBe(true);
    expect(isMoreSevere('multa', 'sospensione-fino-10-giorni')).toBe(false);
    expect(isMoreSevere('licenziamento-senza-preavviso', 'licenziamento-con-preavviso')).toBe(true);
  });

  it('leaves only the rimprovero verbale to the responsabile della struttura (art. 55-bis, c. 1)', () => {
    // when / then
    expect(competentAuthority('rimprovero-verbale')).toBe('responsabile-struttura');
    for (const code of SANCTION_CODES.filter((c) => c !== 'rimprovero-verbale')) {
      expect(competentAuthority(code), code).toBe('upd');
    }
  });

  it('runs a rimprovero verbale without the statutory terms and the others under art. 55-bis, c. 4', () => {
    // when
    const verbale = procedureFor('rimprovero-verbale');
    const scritto = procedureFor('rimprovero-scritto');
    // then
    expect(verbale).toMatchObject({ procedure: 'rimprovero-verbale-ccnl', authority: 'responsabile-struttura', deadlines: [] });
    expect(scritto.procedure).toBe('ordinario-55-bis');
    expect(scritto.deadlines).toContain('contestazione-addebito');
    expect(scritto.deadlines).toContain('conclusione-procedimento');
  });

  it('runs flagranza through art. 55-quater and only towards dismissal without notice', () => {
    // when
    const flagranza = procedureFor('licenziamento-senza-preavviso', { flagranza: true });
    // then
    expect(flagranza.procedure).toBe('flagranza-55-quater');
    expect(flagranza.deadlines).toContain('sospensione-cautelare-flagranza');
    // flagranza is decided first: a first assessment of rimprovero verbale never keeps it with the Comune (art. 55-quater, c. 1, lett. a)
    expect(procedureFor('rimprovero-verbale', { flagranza: true })).toMatchObject({ procedure: 'flagranza-55-quater', authority: 'upd' });
    expect(procedureFor('multa', { flagranza: true }).procedure).toBe('flagranza-55-quater');
  });

  it('allows a precautionary suspension only from the suspension sanctions up', () => {
    // when / then
    expect(allowsSospensioneCautelare('multa')).toBe(false);
    expect(allowsSospensioneCautelare('sospensione-fino-10-giorni')).toBe(true);
    expect(allowsSospensioneCautelare('licenziamento-con-preavviso')).toBe(true);
  });

  it('lets the procedure wait for the criminal case only above 10 days of suspension (art. 55-ter, c. 1)', () => {
    // when / then
    expect(allowsSuspensionForCriminalCase('sospensione-fino-10-giorni')).toBe(false);
    expect(allowsSuspensionForCriminalCase('sospensione-11-giorni-6-mesi')).toBe(true);
  });

  it('rejects an unknown sanction, naming the field', () => {
    // when / then
    expect(() => competentAuthority('ammonizione' as never)).toThrow(expect.objectContaining({ code: 'UNKNOWN_VALUE', field: 'sanction' }));
  });
});

describe('assertSanctionMeasure', () => {
  it('accepts a multa of 4 hours and rejects 5', () => {
    // when / then
    expect(() => assertSanctionMeasure({ sanction: 'multa', hours: 4 })).not.toThrow();
    expect(() => assertSanctionMeasure({ sanction: 'multa', hours: 5 })).toThrow(expect.objectContaining({ code: 'OUT_OF_RANGE', field: 'hours' }));
  });

  it('keeps the short suspension within 10 days', () => {
    // when / then
    expect(() => assertSanctionMeasure({ sanction: 'sospensione-fino-10-giorni', days: 10 })).not.toThrow();
    expect(() => assertSanctionMeasure({ sanction: 'sospensione-fino-10-giorni', days: 11 })).toThrow(expect.objectContaining({ field: 'days' }));
  });

  it('measures six months on the calendar for the long suspension', () => {
    // given: from 1 July, six months end on 1 January: 184 days; from 1 February only 181 (2025)
    // when / then
    expect(() => assertSanctionMeasure({ sanction: 'sospensione-11-giorni-6-mesi', firstDay: '2025-07-01', days: 184 })).not.toThrow();
    expect(() => assertSanctionMeasure({ sanction: 'sospensione-11-giorni-6-mesi', firstDay: '2025-02-01', days: 184 })).toThrow(
      expect.objectContaining({ code: 'OUT_OF_RANGE', field: 'days' }),
    );
    expect(() => assertSanctionMeasure({ sanction: 'sospensione-11-giorni-6-mesi', firstDay: '2025-02-01', days: 10 })).toThrow(
      expect.objectContaining({ field: 'days' }),
    );
  });
});
