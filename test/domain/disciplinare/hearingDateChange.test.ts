import { describe, expect, it } from 'vitest';
import { assessHearingDateChange, DomainValidationError } from '../../../src/domain/index.js';

describe('assessHearingDateChange (art. 55-bis c.4 D.Lgs. 165/2001, text of D.Lgs. 75/2017)', () => {
  it('the employee’s first rinvio moves the conclusion term by every day of it, however short', () => {
    // given / when
    const change = assessHearingDateChange({ plannedDate: '2026-03-30T10:00:00+02:00', heldDate: '2026-04-02', reason: 'rinvio-dipendente', rinvioAlreadyGranted: false });

    // then: 3 days (the 2009 threshold of 10 days was repealed)
    expect(change).toMatchObject({ days: 3, extendsConclusione: true });
    expect(change.legalSource).toContain('art. 55-bis, c. 4');
  });

  it('a day moved by the UPD, or brought forward, leaves the term where it is', () => {
    expect(assessHearingDateChange({ plannedDate: '2026-03-30', heldDate: '2026-04-15', reason: 'rinvio-ufficio', rinvioAlreadyGranted: false })).toMatchObject({ days: 16, extendsConclusione: false });
    expect(assessHearingDateChange({ plannedDate: '2026-03-30', heldDate: '2026-03-25', reason: 'anticipo-concordato', rinvioAlreadyGranted: true })).toMatchObject({ days: -5, extendsConclusione: false });
  });

  it('refuses what the law or the calendar does not allow, naming the field', () => {
    const refused = (input: Parameters<typeof assessHearingDateChange>[0]) => {
      try {
        assessHearingDateChange(input);
      } catch (error) {
        return error instanceof DomainValidationError ? error.field : 'other';
      }
      return 'accepted';
    };
    // "per una sola volta"
    expect(refused({ plannedDate: '2026-03-30', heldDate: '2026-04-10', reason: 'rinvio-dipendente', rinvioAlreadyGranted: true })).toBe('reason');
    expect(refused({ plannedDate: '2026-03-30', heldDate: '2026-03-30', reason: 'rinvio-ufficio', rinvioAlreadyGranted: false })).toBe('heldDate');
    expect(refused({ plannedDate: '2026-03-30', heldDate: '2026-03-20', reason: 'rinvio-dipendente', rinvioAlreadyGranted: false })).toBe('heldDate');
    expect(refused({ plannedDate: '2026-03-30', heldDate: '2026-04-20', reason: 'anticipo-concordato', rinvioAlreadyGranted: false })).toBe('heldDate');
    expect(refused({ plannedDate: '2026-03-30', heldDate: '2026-02-30', reason: 'rinvio-ufficio', rinvioAlreadyGranted: false })).toBe('heldDate');
    expect(refused({ plannedDate: '2026-03-30', heldDate: '2026-04-02', reason: 'malattia' as never, rinvioAlreadyGranted: false })).toBe('reason');
  });
});
