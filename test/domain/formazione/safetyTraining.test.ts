import { describe, expect, it } from 'vitest';
import {
  computeInitialSafetyTrainingDeadline, computeMandatoryTrainingExpiry, isMandatoryTrainingValid, mandatoryCoursesFor,
} from '../../../src/domain/formazione/mandatoryTraining.js';

describe('safety training refreshers by role (D.Lgs. 81/2008 art. 37; Accordo Stato-Regioni 2025)', () => {
  it('asks preposti for a refresher two years after the last course (art. 37 c.7-ter)', () => {
    // when
    const expiry = computeMandatoryTrainingExpiry('sicurezza-preposti', '2024-03-11');
    // then
    expect(expiry.dueDate).toBe('2026-03-11');
    expect(expiry.legalSource).toContain('c. 7-ter');
  });

  it('asks the RLS for a refresher every year: a 2025 course covers 2025 only (art. 37 c.11)', () => {
    // when / then
    expect(computeMandatoryTrainingExpiry('sicurezza-rls', '2025-05-02').dueDate).toBe('2025-12-31');
    expect(isMandatoryTrainingValid('sicurezza-rls', '2025-05-02', '2026-01-01')).toBe(false);
  });

  it('asks first-aid officers every three years (DM 388/2003) and fire officers every five (DM 2 settembre 2021)', () => {
    // when / then
    expect(computeMandatoryTrainingExpiry('primo-soccorso', '2024-01-15').dueDate).toBe('2027-01-15');
    expect(computeMandatoryTrainingExpiry('antincendio', '2022-11-30').dueDate).toBe('2027-11-30');
    expect(computeMandatoryTrainingExpiry('sicurezza-formazione-iniziale', '2021-06-15').dueDate).toBe('2026-06-15');
  });

  it('makes the initial training due on the day of hiring (art. 37 c.4 lett. a), marked to verify', () => {
    // when
    const due = computeInitialSafetyTrainingDeadline('2026-03-02');
    // then
    expect(due.dueDate).toBe('2026-03-02');
    expect(due.verify).toMatch(/Accordo Stato-Regioni 2025/);
  });

  it('lists the courses of each role on top of those for everyone, and refuses an unknown role', () => {
    // when / then
    expect(mandatoryCoursesFor()).toEqual(['anticorruzione', 'sicurezza-aggiornamento', 'privacy']);
    expect(mandatoryCoursesFor(['preposto', 'addetto-primo-soccorso'])).toEqual(['anticorruzione', 'sicurezza-aggiornamento', 'privacy', 'sicurezza-preposti', 'primo-soccorso']);
    expect(() => mandatoryCoursesFor(['capo' as never])).toThrow(/ruoliSicurezza\[0\]/);
  });
});
