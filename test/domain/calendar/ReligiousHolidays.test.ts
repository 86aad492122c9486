import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import { ReligiousHolidays } from '../../../src/domain/calendar/ReligiousHolidays.js';

const holidays = new ReligiousHolidays();
const jewishDaysOf = (year: number): string[] => {
  const out: string[] = [];
  for (let d = Temporal.PlainDate.from({ year, month: 1, day: 1 }); d.year === year; d = d.add({ days: 1 })) {
    if (holidays.on(d.toString())?.confession === 'ebraica') out.push(d.toString());
  }
  return out;
};

describe('religious holidays of L. 101/1989 and L. 449/1984', () => {
  it('gives exactly the days of the 2025 calendar published by the Ministero dell’interno, plus the two it leaves out because they are Saturdays', () => {
    // given: 13-14 and 20 April Pesach; 2-3 June Shavuoth; 3 August 9 di Av; 23-24 September Rosh Ha Shanà;
    // 1-2 October vigilia and Kippur; 7-8 and 13 October Sukkot; 14-15 October Sheminì Atzeret and Simchat Torà;
    // "non sono stati indicati né la vigilia di Pesach (12 aprile) né il settimo giorno di Pesach (19 aprile) in quanto cadono di sabato"
    const decree = ['2025-04-13', '2025-04-14', '2025-04-20', '2025-06-02', '2025-06-03', '2025-08-03', '2025-09-23', '2025-09-24',
      '2025-10-01', '2025-10-02', '2025-10-07', '2025-10-08', '2025-10-13', '2025-10-14', '2025-10-15'];
    // when / then
    expect(jewishDaysOf(2025)).toEqual([...decree, '2025-04-12', '2025-04-19'].sort());
  });

  it('moves the fast of 9 Av to Sunday when it falls on a Saturday, as the 2025 calendar does (Sunday 3 August)', () => {
    // when / then
    expect(holidays.on('2025-08-03')?.name).toBe('Digiuno del 9 di Av');
    expect(holidays.on('2025-08-02')).toBeUndefined();
  });

  it('knows 17 February as the Waldensian holiday, every year', () => {
    // when / then
    expect(holidays.on('2027-02-17')).toEqual(expect.objectContaining({ confession: 'valdese', legalSource: expect.stringContaining('L. 449/1984') }));
    expect(holidays.on('2027-02-18')).toBeUndefined();
  });
});
