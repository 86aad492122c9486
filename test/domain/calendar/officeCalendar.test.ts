import { describe, expect, it } from 'vitest';
import { calendarOfActingOffice, formatOfficeCalendarConfig, parseOfficeCalendarConfig } from '../../../src/domain/calendar/officeCalendar.js';
import { computeContestazioneDeadline, computeSegnalazioneUpdDeadline } from '../../../src/domain/deadlines/disciplinareDeadlines.js';

// A Provincia seated in Monza (San Giovanni Battista, 24 June) serving Lissone, whose patron day the
// convenzione configures as 29 June (Santi Pietro e Paolo).
const config = parseOfficeCalendarConfig({
  sedeProvincia: '108033',
  santiPatroni: { '108028': { comune: 'Lissone', santo: 'Santi Pietro e Paolo', giorno: '06-29' } },
});

describe('terms on the calendar of the office that must act', () => {
  it('moves the UPD’s perentorio 30 days off the patron day of the Provincia’s seat', () => {
    // given: referral received 25 May 2026; 30 days end on Wednesday 24 June, San Giovanni in Monza
    // when
    const due = computeContestazioneDeadline(calendarOfActingOffice(config, { kind: 'provincia' }), '2026-05-25');
    // then
    expect(due.nature).toBe('perentorio');
    expect(due.dueDate).toBe('2026-06-25');
    expect(due.movedBecause).toBe('santo patrono: San Giovanni Battista (Monza)');
  });

  it('never moves the UPD’s perentorio term off the patron day of the employee’s Comune', () => {
    // given: referral received 30 May 2026 about a Lissone employee; 30 days end on Monday 29 June, Lissone's patron day
    // when
    const upd = computeContestazioneDeadline(calendarOfActingOffice(config, { kind: 'provincia' }), '2026-05-30');
    const onComuneCalendar = computeContestazioneDeadline(calendarOfActingOffice(config, { kind: 'comune', istatCode: '108028' }), '2026-05-30');
    // then: the UPD, in Monza, is open on 29 June
    expect(upd.dueDate).toBe('2026-06-29');
    expect(upd.movedFrom).toBeUndefined();
    expect(onComuneCalendar.dueDate).toBe('2026-06-30');
  });

  it('computes the Comune’s own referral term on the Comune’s calendar', () => {
    // given: knowledge on 19 June 2026; 10 days end on 29 June, Lissone's patron day
    // when
    const due = computeSegnalazioneUpdDeadline(calendarOfActingOffice(config, { kind: 'comune', istatCode: '108028' }), '2026-06-19');
    // then
    expect(due.dueDate).toBe('2026-06-30');
  });

  it('refuses a configuration with a day that does not exist, a bad ISTAT code or an unknown key, naming the field', () => {
    // when / then
    expect(() => parseOfficeCalendarConfig({ sedeProvincia: '108033', santiPatroni: { '108028': { comune: 'Lissone', santo: 'X', giorno: '04-31' } } })).toThrow(/santiPatroni\.108028/);
    expect(() => parseOfficeCalendarConfig({ sedeProvincia: '10803', santiPatroni: {} })).toThrow(/sedeProvincia/);
    expect(() => parseOfficeCalendarConfig({ sedeProvincia: '108033', santi: {} })).toThrow(/santi/);
    expect(() => parseOfficeCalendarConfig({ sedeProvincia: '108033', santiPatroni: { '108028': { comune: 'Lissone', santo: 'X', giorno: '29/06' } } })).toThrow(/giorno/);
  });

  it('writes the configuration back in the file’s shape', () => {
    // when / then
    expect(formatOfficeCalendarConfig(config)).toEqual({ sedeProvincia: '108033', santiPatroni: { '108028': { comune: 'Lissone', santo: 'Santi Pietro e Paolo', giorno: '06-29' } } });
  });
});
