import { describe, expect, it } from 'vitest';
import { ItalianCalendar } from '../../../src/domain/calendar/ItalianCalendar.js';
import {
  computeAudizioneEarliestDate,
  computeConclusioneDeadline,
  computeContestazioneDeadline,
  computeIspettoratoNoticeDeadline,
  computeRinnovoContestazioneDeadline,
  computeSegnalazioneUpdDeadline,
  computeSospensioneCautelareEnd,
} from '../../../src/domain/deadlines/disciplinareDeadlines.js';

const calendar = new ItalianCalendar();

describe('computeContestazioneDeadline (art. 55-bis, c. 4, D.Lgs. 165/2001: 30 days, perentorio)', () => {
  it('counts 30 calendar days from the day after receipt of the segnalazione', () => {
    // given: referral received Monday 3 March 2025
    // when
    const deadline = computeContestazioneDeadline(calendar, '2025-03-03');
    // then: day 30 is Wednesday 2 April 2025, a working day
    expect(deadline).toEqual({
      kind: 'contestazione-addebito',
      startDate: '2025-03-03',
      dueDate: '2025-04-02',
      days: 30,
      dayCount: 'calendar',
      nature: 'perentorio',
      limit: 'notAfter',
      legalSource: 'art. 55-bis, c. 4 e c. 9-ter, D.Lgs. 165/2001',
    });
  });

  it('moves a deadline landing on 25 April 2025 to Saturday 26 April', () => {
    // given: 26 March + 30 days = Friday 25 April (Liberazione)
    // when
    const deadline = computeContestazioneDeadline(calendar, '2025-03-26');
    // then: Saturday is not festivo for this administrative term (art. 2963 c.c.)
    expect(deadline.dueDate).toBe('2025-04-26');
    expect(deadline.movedFrom).toBe('2025-04-25');
    expect(deadline.movedBecause).toMatch(/Liberazione/);
  });

  it('moves past the weekend when the office treats Saturday as non-working', () => {
    // given
    const fiveDayWeek = new ItalianCalendar({ saturday: 'non-working' });
    // when
    const deadline = computeContestazioneDeadline(fiveDayWeek, '2025-03-26');
    // then: Fri 25 April holiday, Sat 26 and Sun 27 off, Monday 28 April
    expect(deadline.dueDate).toBe('2025-04-28');
    expect(deadline.movedFrom).toBe('2025-04-25');
  });

  it('moves a deadline landing on Easter Monday 2025 to the Tuesday', () => {
    // given: 22 March + 30 days = Monday 21 April 2025 (Lunedì dell'Angelo)
    // when
    const deadline = computeContestazioneDeadline(calendar, '2025-03-22');
    // then
    expect(deadline.dueDate).toBe('2025-04-22');
    expect(deadline.movedFrom).toBe('2025-04-21');
  });

  it('moves a deadline landing on a Sunday to the Monday', () => {
    // given: 31 January + 30 days = Sunday 2 March 2025
    // when
    const deadline = computeContestazioneDeadline(calendar, '2025-01-31');
    // then
    expect(deadline.dueDate).toBe('2025-03-03');
    expect(deadline.movedBecause).toBe('domenica');
  });

  it("moves past Sant'Ambrogio and the Immacolata in Milano, not in Roma", () => {
    // given: 7 November + 30 days = Monday 7 December 2026
    const milano = new ItalianCalendar({ istatCode: '015146' });
    const roma = new ItalianCalendar({ istatCode: '058091' });
    // when
    const inMilano = computeContestazioneDeadline(milano, '2026-11-07');
    const inRoma = computeContestazioneDeadline(roma, '2026-11-07');
    // then: in Milano 7 Dec is the patron saint and 8 Dec the Immacolata
    expect(inMilano.dueDate).toBe('2026-12-09');
    expect(inMilano.movedBecause).toMatch(/Ambrogio/);
    expect(inRoma.dueDate).toBe('2026-12-07');
    expect(inRoma.movedFrom).toBeUndefined();
  });

  it('names the wrong field on an invalid start date', () => {
    // when / then
    expect(() => computeContestazioneDeadline(calendar, '2025-13-01')).toThrow(
      expect.objectContaining({ code: 'INVALID_DATE', field: 'referralReceivedDate' }),
    );
  });
});

describe('computeSegnalazioneUpdDeadline (10 days, ordinatorio)', () => {
  it('moves off Sunday 1 June and Festa della Repubblica 2 June 2025', () => {
    // given: knowledge on 22 May 2025; day 10 is Sunday 1 June
    // when
    const deadline = computeSegnalazioneUpdDeadline(calendar, '2025-05-22');
    // then
    expect(deadline.dueDate).toBe('2025-06-03');
    expect(deadline.movedFrom).toBe('2025-06-01');
    expect(deadline.nature).toBe('ordinatorio');
    expect(deadline.days).toBe(10);
  });
});

describe('computeAudizioneEarliestDate (preavviso di almeno 20 giorni)', () => {
  it('leaves 20 free days between receipt of the convocation and the hearing', () => {
    // given: convocation received Monday 3 March 2025; free days 4..23 March
    // when
    const earliest = computeAudizioneEarliestDate(calendar, '2025-03-03');
    // then
    expect(earliest.dueDate).toBe('2025-03-24');
    expect(earliest.limit).toBe('notBefore');
  });

  it('moves an earliest day on Christmas past Santo Stefano', () => {
    // given: received 4 December 2025; the first allowed day would be 25 December
    // when
    const earliest = computeAudizioneEarliestDate(calendar, '2025-12-04');
    // then: 26 December is Santo Stefano, Saturday 27 is a working day
    expect(earliest.dueDate).toBe('2025-12-27');
    expect(earliest.movedFrom).toBe('2025-12-25');
  });
});

describe('computeConclusioneDeadline (120 days from the contestazione, perentorio)', () => {
  it('counts 120 days from the contestazione', () => {
    // given: contestazione on 10 January 2025
    // when
    const deadline = computeConclusioneDeadline(calendar, { contestazioneDate: '2025-01-10' });
    // then: 21 days to 31 Jan, +28 Feb, +31 Mar, +30 Apr, +10 May = 120 -> Saturday 10 May 2025
    expect(deadline.dueDate).toBe('2025-05-10');
    expect(deadline.days).toBe(120);
    expect(deadline.nature).toBe('perentorio');
  });

  it('extends by the days of any rinvio, even one of 8 days (art. 55-bis, c. 4, text of D.Lgs. 75/2017)', () => {
    // given: contestazione 10 January 2025, rinvio of 8 days ("con proroga ... in misura corrispondente")
    // when
    const deadline = computeConclusioneDeadline(calendar, { contestazioneDate: '2025-01-10', rinvioDays: 8 });
    // then: 128 days end on Sunday 18 May 2025, moved to Monday 19 May (not 10 May: the 2009 "more than ten days" threshold is repealed)
    expect(deadline.days).toBe(128);
    expect(deadline.movedFrom).toBe('2025-05-18');
    expect(deadline.dueDate).toBe('2025-05-19');
    expect(deadline.legalSource).toMatch(/8 di rinvio/);
  });

  it('extends by the 15 days of a rinvio, then moves off Sunday', () => {
    // given: a 15-day rinvio
    // when
    const deadline = computeConclusioneDeadline(calendar, { contestazioneDate: '2025-01-10', rinvioDays: 15 });
    // then: 135 days end on Sunday 25 May 2025, moved to Monday 26
    expect(deadline.days).toBe(135);
    expect(deadline.dueDate).toBe('2025-05-26');
    expect(deadline.legalSource).toMatch(/15 di rinvio/);
  });

  it('rejects a negative rinvio', () => {
    // when / then
    expect(() => computeConclusioneDeadline(calendar, { contestazioneDate: '2025-01-10', rinvioDays: -3 })).toThrow(
      expect.objectContaining({ code: 'OUT_OF_RANGE', field: 'rinvioDays' }),
    );
  });
});

describe('computeIspettoratoNoticeDeadline (20 days from the act)', () => {
  it('moves a notice due on Ferragosto 2025 to Saturday 16 August', () => {
    // given: decision adopted 26 July 2025; day 20 is Friday 15 August
    // when
    const deadline = computeIspettoratoNoticeDeadline(calendar, 'conclusione', '2025-07-26');
    // then
    expect(deadline.dueDate).toBe('2025-08-16');
    expect(deadline.movedFrom).toBe('2025-08-15');
  });

  it('rejects an unknown act', () => {
    // when / then
    expect(() => computeIspettoratoNoticeDeadline(calendar, 'archivio' as never, '2025-07-26')).toThrow(
      expect.objectContaining({ code: 'UNKNOWN_VALUE', field: 'act' }),
    );
  });
});

describe('computeRinnovoContestazioneDeadline (art. 55-ter, c. 4: 60 days)', () => {
  it('moves a renewal due on Santo Stefano 2025 to the Saturday', () => {
    // given: the court's communication received 27 October 2025; day 60 is 26 December
    // when
    const deadline = computeRinnovoContestazioneDeadline(calendar, '2025-10-27');
    // then
    expect(deadline.dueDate).toBe('2025-12-27');
  });
});

describe('computeSospensioneCautelareEnd (at most 30 days)', () => {
  it('ends on the 30th day of suspension, counting the first day', () => {
    // given: suspension from 3 March 2025 for 30 days (3..31 March is 29 days, plus 1 April)
    // when
    const end = computeSospensioneCautelareEnd(calendar, '2025-03-03', 30);
    // then
    expect(end.dueDate).toBe('2025-04-01');
  });

  it('rejects a suspension longer than 30 days', () => {
    // when / then
    expect(() => computeSospensioneCautelareEnd(calendar, '2025-03-03', 31)).toThrow(
      expect.objectContaining({ code: 'OUT_OF_RANGE', field: 'days' }),
    );
  });
});
