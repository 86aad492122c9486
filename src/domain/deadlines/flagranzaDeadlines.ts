import type { ItalianCalendar } from '../calendar/ItalianCalendar.js';
import { DomainValidationError } from '../validation/DomainValidationError.js';
import { parseInstant, requireNonNegativeInteger } from '../validation/assertions.js';
import { computeDeadline } from './computeDeadline.js';
import type { LegalDeadline } from './LegalDeadline.js';

// D4: false attendance caught in the act (falsa attestazione della presenza in servizio accertata
// in flagranza), art. 55-quater, c. 3-bis, 3-ter, 3-quater, D.Lgs. 165/2001. Its terms are
// declared non-extinguishing (c. 3-bis, 3-ter), within the outer 120-day limit of art. 55-bis, c. 4.

const SOSPENSIONE_HOURS = 48;
const PREAVVISO_AUDIZIONE_DAYS = 15;
const MAX_RINVIO_DAYS = 5;
const CONCLUSIONE_DAYS = 30;
const DENUNCIA_DAYS = 20;
// Instants are shown in the offices' time zone; an hour term is not moved off holidays.
const TIME_ZONE = 'Europe/Rome';

/** Precautionary suspension without pay, within 48 hours of learning of the facts. */
export function computeFlagranzaSospensioneDeadline(knowledgeAt: string): LegalDeadline {
  const start = parseInstant('knowledgeAt', knowledgeAt).toZonedDateTimeISO(TIME_ZONE);
  const due = start.add({ hours: SOSPENSIONE_HOURS });
  return {
    kind: 'sospensione-cautelare-flagranza',
    startDate: start.toPlainDate().toString(),
    dueDate: due.toPlainDate().toString(),
    dueDateTime: due.toString({ timeZoneName: 'never' }),
    days: SOSPENSIONE_HOURS / 24,
    dayCount: 'calendar',
    nature: 'ordinatorio', // c. 3-bis: missing it neither extinguishes the action nor voids the suspension
    limit: 'notAfter',
    legalSource: 'art. 55-quater, c. 3-bis, D.Lgs. 165/2001',
  };
}

/** Earliest hearing: at least 15 days' notice, read as free days as in the ordinary procedure. */
export function computeFlagranzaAudizioneEarliestDate(calendar: ItalianCalendar, convocationReceivedDate: string): LegalDeadline {
  return computeDeadline(calendar, {
    kind: 'preavviso-audizione-flagranza',
    days: PREAVVISO_AUDIZIONE_DAYS,
    dayCount: 'calendar',
    nature: 'ordinatorio',
    limit: 'notBefore',
    freeDays: true,
    legalSource: 'art. 55-quater, c. 3-ter, D.Lgs. 165/2001',
    verify: 'free days (termine libero) or hearing allowed on the 15th day after receipt? Source: art. 55-quater, c. 3-ter, D.Lgs. 165/2001 ("preavviso di almeno quindici giorni")',
  }, convocationReceivedDate, 'convocationReceivedDate');
}

/** One postponement only, of at most 5 days, for a grave, objective and absolute impediment. */
export function assertFlagranzaRinvioDays(days: number): number {
  const value = requireNonNegativeInteger('rinvioDays', days);
  if (value > MAX_RINVIO_DAYS) {
    throw new DomainValidationError('OUT_OF_RANGE', 'rinvioDays', `art. 55-quater, c. 3-ter allows at most ${MAX_RINVIO_DAYS} days, got ${value}`);
  }
  return value;
}

/** Conclusion within 30 days of the employee's receipt of the charge. */
export function computeFlagranzaConclusioneDeadline(calendar: ItalianCalendar, contestazioneReceivedDate: string): LegalDeadline {
  return computeDeadline(calendar, {
    kind: 'conclusione-procedimento-flagranza',
    days: CONCLUSIONE_DAYS,
    dayCount: 'calendar',
    // c. 3-ter: missing it does not extinguish the action unless the 120 days of art. 55-bis, c. 4 pass too
    nature: 'ordinatorio',
    limit: 'notAfter',
    legalSource: 'art. 55-quater, c. 3-ter, D.Lgs. 165/2001',
  }, contestazioneReceivedDate, 'contestazioneReceivedDate');
}

/**
 * Report to the Procura della Repubblica and the Procura regionale della Corte dei conti "entro venti
 * giorni dall'avvio del procedimento disciplinare" (art. 55-quater, c. 3-quater). In flagranza the
 * procedure starts with the act of suspension that carries the charge (c. 3-ter), so `avvioDate` is
 * the day that act was adopted, not the day the employee received it.
 */
export function computeFlagranzaDenunciaDeadline(calendar: ItalianCalendar, avvioDate: string): LegalDeadline {
  return computeDeadline(calendar, {
    kind: 'denuncia-flagranza',
    days: DENUNCIA_DAYS,
    dayCount: 'calendar',
    nature: 'ordinatorio',
    limit: 'notAfter',
    legalSource: 'art. 55-quater, c. 3-quater, D.Lgs. 165/2001',
    verify: 'is the term 20 days (text after D.Lgs. 118/2017) rather than the 15 days of the D.Lgs. 116/2016 text? Source: art. 55-quater, c. 3-quater, D.Lgs. 165/2001',
  }, avvioDate, 'avvioDate');
}
