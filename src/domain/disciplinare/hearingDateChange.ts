import { DomainValidationError } from '../validation/DomainValidationError.js';
import { parseIsoDate, requireOneOf } from '../validation/assertions.js';

/**
 * Why an audizione was held on another day than the convocation said:
 * - `rinvio-dipendente`: put off at the employee's request for a "grave ed oggettivo impedimento";
 * - `rinvio-ufficio`: put off by the UPD (its own impediment, an agreed new day);
 * - `anticipo-concordato`: held earlier, with the employee's agreement.
 */
export const HEARING_DATE_CHANGE_REASONS = ['rinvio-dipendente', 'rinvio-ufficio', 'anticipo-concordato'] as const;
export type HearingDateChangeReason = (typeof HEARING_DATE_CHANGE_REASONS)[number];

export interface HearingDateChangeInput {
  /** The day of the convocation (ISO date; a date-time is read by its date). */
  readonly plannedDate: string;
  /** The day the hearing was held. */
  readonly heldDate: string;
  readonly reason: HearingDateChangeReason;
  /** Whether the one rinvio of the procedure was already granted (Task_DecidiRinvio, or an earlier change). */
  readonly rinvioAlreadyGranted: boolean;
}

export interface HearingDateChange {
  /** Days from the planned day to the day held: positive when later. */
  readonly days: number;
  /** Whether the 120 days of the conclusion move by `days`. */
  readonly extendsConclusione: boolean;
  readonly legalSource: string;
}

const SOURCE = 'art. 55-bis, c. 4, D.Lgs. 165/2001 (testo del D.Lgs. 75/2017)';

/**
 * D9/D10: art. 55-bis c.4 as rewritten by D.Lgs. 75/2017: "In caso di grave ed oggettivo impedimento,
 * ferma la possibilità di depositare memorie scritte, il dipendente può richiedere che l'audizione venga
 * rinviata ad altra data per una sola volta con proroga del termine per la conclusione del procedimento
 * in misura corrispondente". So only the employee's first rinvio moves the perentorio 120 days, by every
 * day of it; a day moved by the UPD, or a hearing brought forward, leaves the term where it is (c. 9-ter).
 * A rinvio must be later than planned, an anticipo earlier; the same day is not a change.
 */
export function assessHearingDateChange(input: HearingDateChangeInput): HearingDateChange {
  const planned = parseIsoDate('plannedDate', String(input.plannedDate).slice(0, 10));
  const held = parseIsoDate('heldDate', String(input.heldDate).slice(0, 10));
  const reason = requireOneOf('reason', input.reason, HEARING_DATE_CHANGE_REASONS);
  const days = planned.until(held, { largestUnit: 'days' }).days;
  if (days === 0) throw new DomainValidationError('CONFLICT', 'heldDate', `the hearing was held on the planned day (${planned.toString()}): nothing to record`);
  if (reason === 'anticipo-concordato' && days > 0) throw new DomainValidationError('CONFLICT', 'heldDate', `an anticipo must come before the planned day (${planned.toString()})`);
  if (reason !== 'anticipo-concordato' && days < 0) throw new DomainValidationError('CONFLICT', 'heldDate', `a rinvio must come after the planned day (${planned.toString()})`);
  if (reason === 'rinvio-dipendente' && input.rinvioAlreadyGranted) {
    throw new DomainValidationError('CONFLICT', 'reason', 'the employee may ask for a rinvio only once (art. 55-bis, c. 4)');
  }
  return { days, extendsConclusione: reason === 'rinvio-dipendente', legalSource: SOURCE };
}

