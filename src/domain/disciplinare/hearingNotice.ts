import { Temporal } from 'temporal-polyfill';
import type { ItalianCalendar } from '../calendar/ItalianCalendar.js';
import { computeAudizioneEarliestDate } from '../deadlines/disciplinareDeadlines.js';
import { computeFlagranzaAudizioneEarliestDate } from '../deadlines/flagranzaDeadlines.js';
import type { LegalDeadline } from '../deadlines/LegalDeadline.js';
import { parseIsoDate } from '../validation/assertions.js';

export interface HearingNoticeInput {
  /** Day the employee actually received the convocation: PEC delivery receipt, hand delivery or A/R receipt. */
  readonly receivedDate: string;
  /** Day of the audizione (ISO date; a date-time is read by its date). */
  readonly hearingDate: string;
  /** 15 days' notice in flagranza (art. 55-quater, c. 3-ter), 20 otherwise (art. 55-bis, c. 4). */
  readonly flagranza?: boolean;
}

export interface HearingNoticeCheck {
  readonly respected: boolean;
  /** The first day the audizione may take place, counted from the actual receipt. */
  readonly earliest: LegalDeadline;
}

/**
 * D10: the notice runs from the day the employee received the convocation, not from the day it was
 * planned or sent. A convocation delivered late (a PEC receipt, a raccomandata or a hand delivery after
 * the planned day) can leave less than the notice the law requires: then the hearing date must be moved,
 * since a hearing held on short notice compromises the right of defence (art. 55-bis, c. 9-ter).
 */
export function checkHearingNotice(calendar: ItalianCalendar, input: HearingNoticeInput): HearingNoticeCheck {
  const received = parseIsoDate('receivedDate', String(input.receivedDate).slice(0, 10)).toString();
  const hearing = parseIsoDate('hearingDate', String(input.hearingDate).slice(0, 10));
  const earliest = input.flagranza
    ? computeFlagranzaAudizioneEarliestDate(calendar, received)
    : computeAudizioneEarliestDate(calendar, received);
  return { respected: Temporal.PlainDate.compare(hearing, earliest.dueDate) >= 0, earliest };
}
