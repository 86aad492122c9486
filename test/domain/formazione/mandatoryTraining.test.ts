import { describe, expect, it } from 'vitest';
import { computeAnnualMonitoringDate } from '../../../src/domain/formazione/formazioneCalendar.js';
import { computeMandatoryTrainingExpiry, isMandatoryTrainingValid } from '../../../src/domain/formazione/mandatoryTraining.js';

describe('mandatory training (F4)', () => {
  it('makes anticorruzione training last until 31 December of the year it was done', () => {
    // when
    const expiry = computeMandatoryTrainingExpiry('anticorruzione', '2025-03-14');
    // then
    expect(expiry.dueDate).toBe('2025-12-31');
    expect(expiry.legalSource).toMatch(/190\/2012/);
  });

  it('requires the safety refresher five years after the last course, on the same day', () => {
    // when
    const expiry = computeMandatoryTrainingExpiry('sicurezza-aggiornamento', '2021-09-20');
    // then: not moved off holidays, it is a compliance date
    expect(expiry.dueDate).toBe('2026-09-20');
    expect(expiry.legalSource).toBe('art. 37, c. 6, D.Lgs. 81/2008; Accordo Stato-Regioni 17 aprile 2025');
  });

  it('tells whether a course is still valid on a given day', () => {
    // when / then: the 2024 anticorruzione course does not cover 2025
    expect(isMandatoryTrainingValid('anticorruzione', '2024-11-05', '2024-12-31')).toBe(true);
    expect(isMandatoryTrainingValid('anticorruzione', '2024-11-05', '2025-01-01')).toBe(false);
    expect(isMandatoryTrainingValid('sicurezza-aggiornamento', '2021-09-20', '2026-09-21')).toBe(false);
  });

  it('rejects an unknown course, naming the field', () => {
    // when / then
    expect(() => computeMandatoryTrainingExpiry('sicurezza-generica' as never, '2025-01-01')).toThrow(
      expect.objectContaining({ code: 'UNKNOWN_VALUE', field: 'course' }),
    );
  });
});

describe('computeAnnualMonitoringDate (F9)', () => {
  it('falls on 31 December of the plan year', () => {
    // when
    const date = computeAnnualMonitoringDate(2026);
    // then
    expect(date.dueDate).toBe('2026-12-31');
    expect(date.startDate).toBe('2026-01-01');
  });
});
