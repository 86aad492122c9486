import { describe, expect, it } from 'vitest';
import { ItalianCalendar } from '../../../src/domain/calendar/ItalianCalendar.js';
import {
  assertFlagranzaRinvioDays,
  computeFlagranzaAudizioneEarliestDate,
  computeFlagranzaConclusioneDeadline,
  computeFlagranzaDenunciaDeadline,
  computeFlagranzaSospensioneDeadline,
} from '../../../src/domain/deadlines/flagranzaDeadlines.js';

const calendar = new ItalianCalendar();

describe('flagranza (art. 55-quater, c. 3-bis to 3-quater, D.Lgs. 165/2001)', () => {
  it('gives 48 clock hours for the precautionary suspension, not moved off 25 April', () => {
    // given: the responsabile learns of the facts on Thursday 24 April 2025 at 10:30 in Italy
    // when
    const deadline = computeFlagranzaSospensioneDeadline('2025-04-24T10:30:00+02:00');
    // then
    expect(deadline.dueDateTime).toBe('2025-04-26T10:30:00+02:00');
    expect(deadline.dueDate).toBe('2025-04-26');
    expect(deadline.movedFrom).toBeUndefined();
    expect(deadline.nature).toBe('ordinatorio');
  });

  it('counts 48 real hours across the switch to summer time', () => {
    // given: Saturday 29 March 2025 09:00 CET; clocks go forward on Sunday 30 March
    // when
    const deadline = computeFlagranzaSospensioneDeadline('2025-03-29T09:00:00+01:00');
    // then: 48 elapsed hours later the wall clock reads 10:00 CEST
    expect(deadline.dueDateTime).toBe('2025-03-31T10:00:00+02:00');
  });

  it('rejects a date-time without an offset', () => {
    // when / then
    expect(() => computeFlagranzaSospensioneDeadline('2025-04-24T10:30')).toThrow(
      expect.objectContaining({ code: 'INVALID_DATETIME', field: 'knowledgeAt' }),
    );
  });

  it('requires at least 15 free days of notice before the hearing', () => {
    // given: convocation received 9 April 2025; the 16th day is 25 April
    // when
    const earliest = computeFlagranzaAudizioneEarliestDate(calendar, '2025-04-09');
    // then
    expect(earliest.dueDate).toBe('2025-04-26');
    expect(earliest.limit).toBe('notBefore');
  });

  it('allows one rinvio of at most 5 days', () => {
    // when / then
    expect(assertFlagranzaRinvioDays(5)).toBe(5);
    expect(() => assertFlagranzaRinvioDays(6)).toThrow(expect.objectContaining({ code: 'OUT_OF_RANGE', field: 'rinvioDays' }));
  });

  it('concludes within 30 days of receipt of the charge', () => {
    // given: charge received 22 March 2025; day 30 is Easter Monday 21 April
    // when
    const deadline = computeFlagranzaConclusioneDeadline(calendar, '2025-03-22');
    // then
    expect(deadline.dueDate).toBe('2025-04-22');
    expect(deadline.days).toBe(30);
  });

  it('reports to the Procura and the Corte dei conti within 20 days of the avvio', () => {
    // given: avvio on 26 July 2025; day 20 is Ferragosto
    // when
    const deadline = computeFlagranzaDenunciaDeadline(calendar, '2025-07-26');
    // then
    expect(deadline.dueDate).toBe('2025-08-16');
    expect(deadline.legalSource).toBe('art. 55-quater, c. 3-quater, D.Lgs. 165/2001');
  });
});
