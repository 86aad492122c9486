import { describe, expect, it } from 'vitest';
import { ItalianCalendar } from '../../../src/domain/calendar/ItalianCalendar.js';
import { checkHearingNotice } from '../../../src/domain/disciplinare/hearingNotice.js';

const calendar = new ItalianCalendar();

describe('checkHearingNotice: the notice runs from the actual receipt of the convocation (art. 55-bis, c. 4; art. 55-quater, c. 3-ter)', () => {
  it('a contestazione received the day after it was sent still leaves 20 free days before a hearing on 30 March 2026', () => {
    // given: PEC receipt on Friday 6 March 2026, hearing on Monday 30 March
    // when
    const check = checkHearingNotice(calendar, { receivedDate: '2026-03-06', hearingDate: '2026-03-30T10:00:00+02:00' });
    // then: 20 free days after 6 March → first allowed day Friday 27 March
    expect(check.respected).toBe(true);
    expect(check.earliest.dueDate).toBe('2026-03-27');
    expect(check.earliest.legalSource).toBe('art. 55-bis, c. 4, D.Lgs. 165/2001');
  });

  it('a raccomandata received on 12 March 2026 leaves too little notice for 30 March: the hearing must be moved', () => {
    // given: planned for 5 March, actually received on 12 March
    // when
    const check = checkHearingNotice(calendar, { receivedDate: '2026-03-12', hearingDate: '2026-03-30' });
    // then: not before Thursday 2 April 2026
    expect(check.respected).toBe(false);
    expect(check.earliest.dueDate).toBe('2026-04-02');
  });

  it('in flagranza 15 free days are enough: received 4 March 2026, hearing 20 March yes, 19 March no', () => {
    // when / then
    expect(checkHearingNotice(calendar, { receivedDate: '2026-03-04', hearingDate: '2026-03-20', flagranza: true }))
      .toMatchObject({ respected: true, earliest: { dueDate: '2026-03-20', legalSource: 'art. 55-quater, c. 3-ter, D.Lgs. 165/2001' } });
    expect(checkHearingNotice(calendar, { receivedDate: '2026-03-04', hearingDate: '2026-03-19', flagranza: true }).respected).toBe(false);
  });

  it('names the wrong field on an invalid date', () => {
    // when / then
    expect(() => checkHearingNotice(calendar, { receivedDate: '2026-02-30', hearingDate: '2026-03-30' }))
      .toThrow(expect.objectContaining({ field: 'receivedDate' }));
  });
});
