import { describe, expect, it } from 'vitest';
import { ItalianCalendar } from '../../../src/domain/calendar/ItalianCalendar.js';
import { assertExamDay, examDayObstacle } from '../../../src/domain/selezione/examDate.js';

// Art. 6, c. 1, DPR 487/1994: no test on festivi, on the Jewish holidays of L. 101/1989 (calendar
// published by the Ministro dell'interno) or on the Waldensian ones.
const provincia = new ItalianCalendar({ istatCode: '108033' });

describe('days on which no concorso test may be held (art. 6 DPR 487/1994)', () => {
  it('refuses the Jewish holidays of the 2025 calendar published by the Ministero dell’interno', () => {
    // given: 2025 calendar: 13-14 and 20 April Pesach; 2-3 June Shavuot; 3 August 9 Av; 23-24 September
    // Rosh Ha-Shanà; 1-2 October vigilia and Kippur; 7-8 and 13 October Sukkot; 14-15 October Sheminì Atzeret and Simchat Torà
    const days = ['2025-04-13', '2025-04-14', '2025-04-20', '2025-06-02', '2025-06-03', '2025-08-03', '2025-09-23', '2025-09-24',
      '2025-10-01', '2025-10-02', '2025-10-07', '2025-10-08', '2025-10-13', '2025-10-14', '2025-10-15'];
    // when
    const kinds = days.map((d) => examDayObstacle(provincia, d)?.kind);
    // then: every one, and the day names the feast
    expect(kinds).toEqual(days.map(() => expect.stringMatching(/festivita-ebraica|festivo/)));
    expect(examDayObstacle(provincia, '2025-10-02')).toEqual(expect.objectContaining({ kind: 'festivita-ebraica', name: 'Kippur' }));
    expect(examDayObstacle(provincia, '2025-10-15')?.name).toBe('Simchat Torà');
    expect(examDayObstacle(provincia, '2025-10-02')?.legalSource).toContain('L. 101/1989');
  });

  it('leaves the working days around them free: 25 September, 9 and 16 October 2025', () => {
    // when / then
    expect(['2025-09-25', '2025-10-09', '2025-10-16'].map((d) => examDayObstacle(provincia, d))).toEqual([undefined, undefined, undefined]);
  });

  it('refuses 17 February, the Waldensian holiday (L. 449/1984)', () => {
    // when
    const obstacle = examDayObstacle(provincia, '2026-02-17');
    // then
    expect(obstacle).toEqual(expect.objectContaining({ kind: 'festivita-valdese' }));
    expect(obstacle?.legalSource).toContain('L. 449/1984');
  });

  it('refuses Sundays, national holidays and the patron saint of the Provincia’s seat', () => {
    // when / then: Lunedì dell'Angelo 2026, a Sunday, San Giovanni Battista in Monza
    expect(examDayObstacle(provincia, '2026-04-06')).toEqual(expect.objectContaining({ kind: 'festivo', name: expect.stringMatching(/Angelo|Pasquetta/i) }));
    expect(examDayObstacle(provincia, '2026-04-19')).toEqual(expect.objectContaining({ kind: 'festivo', name: 'domenica' }));
    expect(examDayObstacle(provincia, '2026-06-24')?.name).toBe('santo patrono: San Giovanni Battista (Monza)');
  });

  it('refuses Saturdays, listed first in every Jewish calendar ("tutti i sabati")', () => {
    // when / then
    expect(examDayObstacle(provincia, '2026-04-18')).toEqual(expect.objectContaining({ kind: 'festivita-ebraica', name: 'sabato (riposo sabbatico)' }));
  });

  it('asserts a test date with an error that names the holiday, and accepts a free day', () => {
    // when / then
    expect(() => assertExamDay(provincia, '2025-10-02', 'dataProvaScritta')).toThrow(/dataProvaScritta.*Kippur/);
    expect(() => assertExamDay(provincia, '2026-04-20', 'dataProvaScritta')).not.toThrow();
    expect(() => assertExamDay(provincia, '2026-02-30', 'dataProvaScritta')).toThrow(/dataProvaScritta/);
  });
});
