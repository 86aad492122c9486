import Holidays from 'date-holidays';
import { describe, expect, it } from 'vitest';
import { ItalianCalendar } from '../../../src/domain/calendar/ItalianCalendar.js';
import { BUILT_IN_PATRON_SAINT_DAYS } from '../../../src/domain/calendar/patronSaintDays.js';
import { DomainValidationError } from '../../../src/domain/validation/DomainValidationError.js';

const MILANO = '015146';
const ROMA = '058091';
const TORINO = '001272';

describe('ItalianCalendar', () => {
  describe('national public holidays', () => {
    it('treats 25 April (Liberazione, L. 260/1949) as non-working', () => {
      // given
      const calendar = new ItalianCalendar();
      // when / then
      expect(calendar.isWorkingDay('2025-04-25')).toBe(false);
      expect(calendar.nonWorkingReason('2025-04-25')).toMatchObject({ kind: 'national-holiday' });
    });

    it('treats Easter Monday as non-working in 2024, 2025 and 2026', () => {
      // given
      const calendar = new ItalianCalendar();
      // when / then: Pasquetta fell on 1 April 2024, 21 April 2025, 6 April 2026
      expect(calendar.isWorkingDay('2024-04-01')).toBe(false);
      expect(calendar.isWorkingDay('2025-04-21')).toBe(false);
      expect(calendar.isWorkingDay('2026-04-06')).toBe(false);
      // and the Tuesday after is a working day
      expect(calendar.isWorkingDay('2025-04-22')).toBe(true);
    });

    it('treats 4 October (San Francesco) as a national holiday only from 2026 (L. 151/2025)', () => {
      // given
      const calendar = new ItalianCalendar();
      // when / then: Friday 4 October 2024 was a working day, Monday 4 October 2027 is not
      expect(calendar.isWorkingDay('2024-10-04')).toBe(true);
      expect(calendar.isWorkingDay('2027-10-04')).toBe(false);
    });

    it('does not treat observances (Festa della mamma) as holidays', () => {
      // given: date-holidays lists Festa della mamma as an observance, always on a Sunday,
      // so only the reason tells whether it was taken for a holiday
      const calendar = new ItalianCalendar();
      // when
      const reason = calendar.nonWorkingReason('2025-05-11');
      // then
      expect(reason).toEqual({ kind: 'sunday' });
    });
  });

  describe('weekends', () => {
    it('treats Sunday as non-working', () => {
      // given
      const calendar = new ItalianCalendar();
      // when / then: 2 March 2025 is a Sunday
      expect(calendar.nonWorkingReason('2025-03-02')).toEqual({ kind: 'sunday' });
    });

    it('treats Saturday as working by default and as non-working when configured', () => {
      // given: 22 March 2025 is a Saturday
      const sixDayWeek = new ItalianCalendar();
      const fiveDayWeek = new ItalianCalendar({ saturday: 'non-working' });
      // when / then
      expect(sixDayWeek.isWorkingDay('2025-03-22')).toBe(true);
      expect(fiveDayWeek.nonWorkingReason('2025-03-22')).toEqual({ kind: 'saturday' });
    });
  });

  describe('patron-saint days', () => {
    it("makes Sant'Ambrogio (7 December) a holiday in Milano only", () => {
      // given: 7 December 2026 is a Monday
      const milano = new ItalianCalendar({ istatCode: MILANO });
      const roma = new ItalianCalendar({ istatCode: ROMA });
      // when / then
      expect(milano.nonWorkingReason('2026-12-07')).toMatchObject({ kind: 'patron-saint' });
      expect(roma.isWorkingDay('2026-12-07')).toBe(true);
    });

    it('makes Santi Pietro e Paolo (29 June) a holiday in Roma only', () => {
      // given: 29 June 2026 is a Monday
      const milano = new ItalianCalendar({ istatCode: MILANO });
      const roma = new ItalianCalendar({ istatCode: ROMA });
      // when / then
      expect(roma.isWorkingDay('2026-06-29')).toBe(false);
      expect(milano.isWorkingDay('2026-06-29')).toBe(true);
    });

    it('accepts patron-saint days from configuration for Comuni not in the table', () => {
      // given: Lecce (075035) celebrates Sant'Oronzo on 26 August; 26 August 2025 is a Tuesday
      const lecce = new ItalianCalendar({
        istatCode: '075035',
        patronSaintDays: { '075035': { comune: 'Lecce', saint: "Sant'Oronzo", month: 8, day: 26 } },
      });
      const unconfigured = new ItalianCalendar({ istatCode: '075035' });
      // when / then
      expect(lecce.isWorkingDay('2025-08-26')).toBe(false);
      expect(unconfigured.isWorkingDay('2025-08-26')).toBe(true);
    });

    it('agrees with the city holidays that date-holidays knows', () => {
      // given: date-holidays carries the patron saint of a few cities as regional holidays
      const known: ReadonlyArray<[istat: string, state: string, region: string]> = [
        [TORINO, '21', 'TO'],
        [MILANO, '25', 'MI'],
        ['048017', '52', 'FI'],
        [ROMA, '62', 'RM'],
        ['082053', '82', 'PA'],
      ];
      for (const [istat, state, region] of known) {
        const national = new Set(new Holidays('IT').getHolidays(2025).map((h) => h.date.slice(0, 10)));
        const local = new Holidays('IT', state, region)
          .getHolidays(2025)
          .filter((h) => h.type !== 'observance' && !national.has(h.date.slice(0, 10)))
          .map((h) => h.date.slice(0, 10));
        const entry = BUILT_IN_PATRON_SAINT_DAYS[istat];
        // when
        const ours = `2025-${String(entry?.month).padStart(2, '0')}-${String(entry?.day).padStart(2, '0')}`;
        // then
        expect(local, `${istat} ${region}`).toEqual([ours]);
      }
    });
  });

  describe('arithmetic', () => {
    it('moves to the next working day past 25 April 2025 (Friday)', () => {
      // given
      const calendar = new ItalianCalendar();
      const fiveDayWeek = new ItalianCalendar({ saturday: 'non-working' });
      // when / then
      expect(calendar.nextWorkingDay('2025-04-24')).toBe('2025-04-26');
      expect(fiveDayWeek.nextWorkingDay('2025-04-24')).toBe('2025-04-28');
    });

    it('rolls a working day forward to itself', () => {
      // given
      const calendar = new ItalianCalendar();
      // when / then
      expect(calendar.rollForward('2025-04-24')).toBe('2025-04-24');
      expect(calendar.rollForward('2025-04-20')).toBe('2025-04-22'); // Easter Sunday, then Pasquetta
    });

    it('adds calendar days across the end of February', () => {
      // given
      const calendar = new ItalianCalendar();
      // when / then: 2025 is not a leap year, 2024 is
      expect(calendar.addCalendarDays('2025-02-20', 10)).toBe('2025-03-02');
      expect(calendar.addCalendarDays('2024-02-20', 10)).toBe('2024-03-01');
    });

    it('adds working days skipping Easter 2025', () => {
      // given: Thursday 17 April 2025; Easter Sunday 20, Pasquetta 21
      const calendar = new ItalianCalendar();
      const fiveDayWeek = new ItalianCalendar({ saturday: 'non-working' });
      // when / then: Fri 18 (1), Sat 19 (2), Tue 22 (3)
      expect(calendar.addWorkingDays('2025-04-17', 3)).toBe('2025-04-22');
      // Fri 18 (1), Tue 22 (2), Wed 23 (3)
      expect(fiveDayWeek.addWorkingDays('2025-04-17', 3)).toBe('2025-04-23');
    });

    it('adds zero working days as the start day itself', () => {
      // given
      const calendar = new ItalianCalendar();
      // when / then
      expect(calendar.addWorkingDays('2025-04-25', 0)).toBe('2025-04-25');
    });
  });

  describe('validation', () => {
    it.each([
      ['2025-02-30'],
      ['25/04/2025'],
      ['2025-04-25T10:00:00Z'],
      [''],
    ])('rejects %j as a date, naming the field', (bad) => {
      // given
      const calendar = new ItalianCalendar();
      // when
      const attempt = () => calendar.isWorkingDay(bad);
      // then
      expect(attempt).toThrow(DomainValidationError);
      expect(attempt).toThrow(expect.objectContaining({ code: 'INVALID_DATE', field: 'date' }));
    });

    it('rejects negative and fractional day counts', () => {
      // given
      const calendar = new ItalianCalendar();
      // when / then
      expect(() => calendar.addCalendarDays('2025-01-01', -1)).toThrow(expect.objectContaining({ code: 'OUT_OF_RANGE', field: 'days' }));
      expect(() => calendar.addWorkingDays('2025-01-01', 1.5)).toThrow(expect.objectContaining({ code: 'INVALID_NUMBER', field: 'days' }));
    });

    it('rejects an ISTAT code that is not 6 digits', () => {
      // when / then: Milano without its leading zero
      expect(() => new ItalianCalendar({ istatCode: '15146' })).toThrow(expect.objectContaining({ code: 'INVALID_ISTAT_CODE', field: 'istatCode' }));
    });

    it('rejects a configured patron-saint day that does not exist', () => {
      // when / then
      expect(() => new ItalianCalendar({
        patronSaintDays: { '075035': { comune: 'Lecce', saint: "Sant'Oronzo", month: 13, day: 26 } },
      })).toThrow(expect.objectContaining({ code: 'INVALID_DATE', field: 'patronSaintDays.075035' }));
    });

    it('rejects an unknown Saturday policy', () => {
      // when / then
      expect(() => new ItalianCalendar({ saturday: 'sometimes' as never })).toThrow(expect.objectContaining({ field: 'saturday' }));
    });
  });
});
