import { describe, expect, it } from 'vitest';
import { ItalianCalendar } from '../../../src/domain/calendar/ItalianCalendar.js';
import {
  computeBandoApplicationDeadline,
  computeConclusioneConcorsoDeadline,
  computeGraduatoriaValidity,
  computeMobilita34BisWait,
  computeProvaEarliestDate,
  computeRispostaPropostaDeadline,
  DEFAULT_RISPOSTA_PROPOSTA_DAYS,
} from '../../../src/domain/deadlines/selezioneDeadlines.js';

const calendar = new ItalianCalendar();

describe('computeMobilita34BisWait (art. 34-bis D.Lgs. 165/2001)', () => {
  it('allows the bando only once 45 full days have passed, without moving off a holiday', () => {
    // given: the Dipartimento received the notice on 10 March 2025
    // when
    const wait = computeMobilita34BisWait(calendar, '2025-03-10');
    // then: 11 March..24 April are the 45 days; 25 April is the first allowed day even if festivo
    expect(wait.dueDate).toBe('2025-04-25');
    expect(wait.limit).toBe('notBefore');
    expect(wait.movedFrom).toBeUndefined();
  });
});

describe('computeBandoApplicationDeadline (S5)', () => {
  it('closes a 30-day window ending on 25 April 2025 on the next working day', () => {
    // given: bando published on inPA on 26 March 2025
    // when
    const deadline = computeBandoApplicationDeadline(calendar, '2025-03-26', 30);
    // then
    expect(deadline.dueDate).toBe('2025-04-26');
    expect(deadline.nature).toBe('perentorio');
  });

  it('rejects a window shorter than the minimum', () => {
    // when / then
    expect(() => computeBandoApplicationDeadline(calendar, '2025-03-26', 14)).toThrow(
      expect.objectContaining({ code: 'OUT_OF_RANGE', field: 'windowDays' }),
    );
  });
});

describe('computeProvaEarliestDate (S9, S10, S12)', () => {
  it('sets the written test at least 15 free days after its notice', () => {
    // given: calendar published on 3 March 2025
    // when
    const earliest = computeProvaEarliestDate(calendar, 'scritta', '2025-03-03');
    // then
    expect(earliest.dueDate).toBe('2025-03-19');
  });

  it('moves an oral test off San Giovanni in Torino only', () => {
    // given: summons on 3 June 2025; 20 free days make Tuesday 24 June the first allowed day
    const torino = new ItalianCalendar({ istatCode: '001272' });
    // when
    const inTorino = computeProvaEarliestDate(torino, 'orale', '2025-06-03');
    const elsewhere = computeProvaEarliestDate(calendar, 'orale', '2025-06-03');
    // then
    expect(elsewhere.dueDate).toBe('2025-06-24');
    expect(inTorino.dueDate).toBe('2025-06-25');
    expect(inTorino.movedBecause).toMatch(/San Giovanni/);
  });

  it('rejects an unknown test type', () => {
    // when / then
    expect(() => computeProvaEarliestDate(calendar, 'pratica' as never, '2025-06-03')).toThrow(
      expect.objectContaining({ code: 'UNKNOWN_VALUE', field: 'prova' }),
    );
  });
});

describe('computeConclusioneConcorsoDeadline (S14: 180 days)', () => {
  it('moves a closing date on Ferragosto 2025 to the next day', () => {
    // given: written test on 16 February 2025; day 180 is 15 August
    // when
    const deadline = computeConclusioneConcorsoDeadline(calendar, '2025-02-16');
    // then
    expect(deadline.dueDate).toBe('2025-08-16');
    expect(deadline.nature).toBe('ordinatorio');
  });
});

describe('computeGraduatoriaValidity (S17)', () => {
  it('keeps the list valid three years, to the corresponding day', () => {
    // given / when
    const validity = computeGraduatoriaValidity('2025-07-15');
    // then: 2028 is a leap year, so the span is 365 + 365 + 366 days
    expect(validity.dueDate).toBe('2028-07-15');
    expect(validity.days).toBe(1096);
  });

  it('falls back to 28 February for a list approved on 29 February', () => {
    // given / when
    const validity = computeGraduatoriaValidity('2024-02-29');
    // then
    expect(validity.dueDate).toBe('2027-02-28');
  });
});

describe('computeRispostaPropostaDeadline (S17, term set by the convenzione: verify)', () => {
  it('gives the candidate 10 calendar days from the offer by default, moved off a holiday, and says it is to verify', () => {
    // given: an offer sent on 15 April 2025; 10 days end on Friday 25 April (Festa della Liberazione)
    // when
    const deadline = computeRispostaPropostaDeadline(calendar, '2025-04-15');
    // then
    expect(DEFAULT_RISPOSTA_PROPOSTA_DAYS).toBe(10);
    expect(deadline.dueDate).toBe('2025-04-26');
    expect(deadline.movedFrom).toBe('2025-04-25');
    expect(deadline.limit).toBe('notAfter');
    expect(deadline.legalSource).toContain('convenzione');
    expect(deadline.verify).toContain('domain notes give none');
  });

  it('takes another term when the convenzione sets one, and refuses a term of zero days', () => {
    expect(computeRispostaPropostaDeadline(calendar, '2027-02-01', 15).dueDate).toBe('2027-02-16');
    expect(() => computeRispostaPropostaDeadline(calendar, '2027-02-01', 0)).toThrow(/at least 1 day/);
  });
});
