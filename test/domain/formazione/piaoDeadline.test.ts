import { describe, expect, it } from 'vitest';
import { computePiaoDeadline } from '../../../src/domain/formazione/piaoDeadline.js';

describe('PIAO term for enti locali (art. 6 DL 80/2021; art. 8 c.2 DM 132/2022)', () => {
  it('is 31 January without a deferral of the budget term', () => {
    // when
    const due = computePiaoDeadline(2026);
    // then
    expect(due).toEqual(expect.objectContaining({ dueDate: '2026-01-31', nature: 'ordinatorio', legalSource: 'art. 6, c. 1, DL 80/2021' }));
  });

  it('follows a deferred budget term by 30 days: budget by 28 February 2026 → PIAO by 30 March 2026', () => {
    // when
    const due = computePiaoDeadline(2026, '2026-02-28');
    // then
    expect(due.dueDate).toBe('2026-03-30');
    expect(due.legalSource).toContain('art. 8, c. 2, DM 132/2022');
    expect(due.verify).toBeDefined();
  });

  it('refuses a deferred budget term outside the PIAO’s year, naming the field', () => {
    // when / then
    expect(() => computePiaoDeadline(2026, '2025-12-31')).toThrow(/termineBilancioPrevisione/);
    expect(() => computePiaoDeadline(2026, '28/02/2026')).toThrow(/termineBilancioPrevisione/);
  });
});
