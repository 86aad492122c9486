import { describe, expect, it } from 'vitest';
import { ItalianCalendar } from '../../../src/domain/calendar/ItalianCalendar.js';
import { planSospensioneCautelare } from '../../../src/domain/disciplinare/sospensioneCautelare.js';

const calendar = new ItalianCalendar();

describe('planSospensioneCautelare (D7: only for infractions punishable at least with suspension, at most 30 days)', () => {
  it('30 days from 10 March 2026 for an infraction punishable with suspension end on 8 April 2026', () => {
    // when
    const end = planSospensioneCautelare(calendar, { sanzionePrevista: 'sospensione-fino-10-giorni', firstDay: '2026-03-10', days: 30 });
    // then: the first day counts, a period of days does not move off Easter Monday 6 April
    expect(end).toMatchObject({ kind: 'fine-sospensione-cautelare', startDate: '2026-03-10', dueDate: '2026-04-08', days: 30 });
  });

  it('refuses it when the charge foresees only a multa, naming the field', () => {
    // when / then
    expect(() => planSospensioneCautelare(calendar, { sanzionePrevista: 'multa', firstDay: '2026-03-10', days: 5 }))
      .toThrow(expect.objectContaining({ code: 'CONFLICT', field: 'sanzioneMassimaPrevista' }));
  });

  it('refuses it when the charge states no sanction', () => {
    // when / then
    expect(() => planSospensioneCautelare(calendar, { sanzionePrevista: undefined, firstDay: '2026-03-10', days: 5 }))
      .toThrow(expect.objectContaining({ field: 'sanzioneMassimaPrevista' }));
  });

  it('refuses 31 days even for a dismissal', () => {
    // when / then
    expect(() => planSospensioneCautelare(calendar, { sanzionePrevista: 'licenziamento-con-preavviso', firstDay: '2026-03-10', days: 31 }))
      .toThrow(expect.objectContaining({ code: 'OUT_OF_RANGE', field: 'days' }));
  });
});
