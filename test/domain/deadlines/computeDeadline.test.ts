import { describe, expect, it } from 'vitest';
import { ItalianCalendar } from '../../../src/domain/calendar/ItalianCalendar.js';
import { computeDeadline, type DeadlineRule } from '../../../src/domain/deadlines/computeDeadline.js';

const rule: DeadlineRule = {
  kind: 'segnalazione-upd',
  days: 5,
  dayCount: 'working',
  nature: 'ordinatorio',
  limit: 'notAfter',
  legalSource: 'test rule',
};

describe('computeDeadline', () => {
  it('counts giorni lavorativi past Easter and 25 April 2025 without a movedFrom', () => {
    // given: Thursday 17 April 2025; working days: 18, 19 (Sat), 22, 23, 24 -> fifth is 24 April
    const calendar = new ItalianCalendar();
    // when
    const deadline = computeDeadline(calendar, rule, '2025-04-17');
    // then
    expect(deadline.dueDate).toBe('2025-04-24');
    expect(deadline.dayCount).toBe('working');
    expect(deadline.movedFrom).toBeUndefined();
  });

  it('counts giorni lavorativi Monday to Friday when Saturday is off', () => {
    // given: 18, 22, 23, 24, then Friday 25 April is a holiday and the weekend is off -> 28 April
    const calendar = new ItalianCalendar({ saturday: 'non-working' });
    // when
    const deadline = computeDeadline(calendar, rule, '2025-04-17');
    // then
    expect(deadline.dueDate).toBe('2025-04-28');
  });

  it('leaves a calendar-day end on a holiday when the rule does not move', () => {
    // given: 20 April + 5 days = 25 April
    const calendar = new ItalianCalendar();
    // when
    const deadline = computeDeadline(calendar, { ...rule, dayCount: 'calendar', movesOffHolidays: false }, '2025-04-20');
    // then
    expect(deadline.dueDate).toBe('2025-04-25');
    expect(deadline.movedFrom).toBeUndefined();
  });

  it('names the start field it was given on bad input', () => {
    // when / then
    expect(() => computeDeadline(new ItalianCalendar(), rule, 'yesterday', 'knowledgeDate')).toThrow(
      expect.objectContaining({ code: 'INVALID_DATE', field: 'knowledgeDate' }),
    );
  });
});
