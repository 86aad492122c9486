import { describe, expect, it } from 'vitest';
import { computeTrainingHoursStatus } from '../../../src/domain/formazione/trainingHours.js';

describe('computeTrainingHoursStatus (40 hours a year, Direttiva 14 gennaio 2025)', () => {
  it('counts only the hours of the year under review', () => {
    // given: 7.5 + 16 + 8.25 hours in 2025, and a course on 31 December 2024
    const records = [
      { date: '2024-12-31', hours: 8 },
      { date: '2025-01-15', hours: 7.5 },
      { date: '2025-06-10', hours: 16 },
      { date: '2025-12-31', hours: 8.25 },
    ];
    // when
    const status = computeTrainingHoursStatus(2025, records);
    // then: 31.75 hours, 8.25 short of 40
    expect(status).toMatchObject({ year: 2025, hours: 31.75, target: 40, remaining: 8.25, met: false });
  });

  it('meets the goal at exactly 40 hours, without floating-point drift', () => {
    // given: 400 records of 0.1 hours would not sum to 40 in binary floating point
    const records = Array.from({ length: 400 }, (_, i) => ({ date: '2025-03-03', hours: 0.1, courseId: `syllabus-${i}` }));
    // when
    const status = computeTrainingHoursStatus(2025, records);
    // then
    expect(status.hours).toBe(40);
    expect(status.met).toBe(true);
    expect(status.remaining).toBe(0);
  });

  it('accepts a different target set by the plan', () => {
    // when
    const status = computeTrainingHoursStatus(2025, [{ date: '2025-05-05', hours: 24 }], 24);
    // then
    expect(status.met).toBe(true);
  });

  it('names the record that is wrong', () => {
    // when / then
    expect(() => computeTrainingHoursStatus(2025, [{ date: '2025-05-05', hours: 2 }, { date: '2025-05-06', hours: -2 }])).toThrow(
      expect.objectContaining({ code: 'OUT_OF_RANGE', field: 'records[1].hours' }),
    );
    expect(() => computeTrainingHoursStatus(2025, [{ date: '05/05/2025', hours: 2 }])).toThrow(
      expect.objectContaining({ code: 'INVALID_DATE', field: 'records[0].date' }),
    );
    expect(() => computeTrainingHoursStatus(225, [])).toThrow(expect.objectContaining({ code: 'OUT_OF_RANGE', field: 'year' }));
  });
});
