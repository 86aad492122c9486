import type { ItalianCalendar } from '../calendar/ItalianCalendar.js';
import { DomainValidationError } from '../validation/DomainValidationError.js';
import { requireNonNegativeInteger, requireOneOf } from '../validation/assertions.js';
import { computeDeadline } from './computeDeadline.js';
import type { LegalDeadline } from './LegalDeadline.js';

// Ordinary procedure of art. 55-bis, c. 4, D.Lgs. 165/2001 (text after D.Lgs. 75/2017), run by
// the associated UPD of the Provincia. Art. 55-bis, c. 9-ter declares perentori only two terms:
// the contestazione and the conclusion. Every other term here is ordinatorio.

const SEGNALAZIONE_DAYS = 10;
const CONTESTAZIONE_DAYS = 30;
const PREAVVISO_AUDIZIONE_DAYS = 20;
const CONCLUSIONE_DAYS = 120;
const ISPETTORATO_DAYS = 20;
const RINNOVO_CONTESTAZIONE_DAYS = 60;
const MAX_SOSPENSIONE_CAUTELARE_DAYS = 30;

/** D3: the responsabile della struttura refers the facts to the UPD. */
export function computeSegnalazioneUpdDeadline(calendar: ItalianCalendar, knowledgeDate: string): LegalDeadline {
  return computeDeadline(calendar, {
    kind: 'segnalazione-upd',
    days: SEGNALAZIONE_DAYS,
    dayCount: 'calendar',
    nature: 'ordinatorio', // "immediatamente, e comunque entro dieci giorni": late referral escalates, it does not extinguish
    limit: 'notAfter',
    legalSource: 'art. 55-bis, c. 4, D.Lgs. 165/2001',
  }, knowledgeDate, 'knowledgeDate');
}

/**
 * D5: written charge by the UPD, counted from receipt of the segnalazione or from the day the UPD
 * otherwise had full knowledge of the facts.
 */
export function computeContestazioneDeadline(calendar: ItalianCalendar, referralReceivedDate: string): LegalDeadline {
  return computeDeadline(calendar, {
    kind: 'contestazione-addebito',
    days: CONTESTAZIONE_DAYS,
    dayCount: 'calendar',
    nature: 'perentorio', // art. 55-bis, c. 9-ter: missing it extinguishes the disciplinary action
    limit: 'notAfter',
    legalSource: 'art. 55-bis, c. 4 e c. 9-ter, D.Lgs. 165/2001',
  }, referralReceivedDate, 'referralReceivedDate');
}

/**
 * D10: earliest day for the audizione, given the day the employee received the convocation.
 * "Preavviso di almeno venti giorni" is read as twenty free days between receipt and hearing
 * (neither day counted): the conservative reading, since a short notice can void the sanction by
 * compromising the right of defence (art. 55-bis, c. 9-ter). An earliest day on a holiday moves on.
 */
export function computeAudizioneEarliestDate(calendar: ItalianCalendar, convocationReceivedDate: string): LegalDeadline {
  return computeDeadline(calendar, {
    kind: 'preavviso-audizione',
    days: PREAVVISO_AUDIZIONE_DAYS,
    dayCount: 'calendar',
    nature: 'ordinatorio',
    limit: 'notBefore',
    freeDays: true,
    legalSource: 'art. 55-bis, c. 4, D.Lgs. 165/2001',
    verify: 'free days (termine libero) or hearing allowed on the 20th day after receipt? Source: art. 55-bis, c. 4, D.Lgs. 165/2001 ("preavviso di almeno venti giorni")',
  }, convocationReceivedDate, 'convocationReceivedDate');
}

export interface ConclusioneInput {
  /**
   * Date of the contestazione d'addebito: the day the act was adopted (issued under protocol), not
   * the day the employee received it. "Entro centoventi giorni dalla contestazione dell'addebito"
   * (art. 55-bis, c. 4) is read from the act: the earlier of the two dates, so the cautious reading
   * for a perentorio term (c. 9-ter). Open question (verify): whether the term runs from the employee's
   * receipt instead; source: art. 55-bis, c. 4 and c. 9-ter, D.Lgs. 165/2001, case law divided.
   */
  readonly contestazioneDate: string;
  /** Days the audizione was postponed at the employee's request (only one rinvio is allowed). */
  readonly rinvioDays?: number;
}

/**
 * D12 (with D9): the UPD decides within 120 days of the contestazione. Art. 55-bis, c. 4, in the text
 * of D.Lgs. 75/2017: in case of "grave ed oggettivo impedimento" the employee may ask once that the
 * audizione be postponed, "con proroga del termine per la conclusione del procedimento in misura
 * corrispondente". So every granted rinvio moves the term by all its days, however short. The
 * threshold of the 2009 text (only a "differimento superiore a dieci giorni" moved the term,
 * D.Lgs. 150/2009) was repealed by D.Lgs. 75/2017 and does not apply.
 */
export function computeConclusioneDeadline(calendar: ItalianCalendar, input: ConclusioneInput): LegalDeadline {
  const extension = requireNonNegativeInteger('rinvioDays', input.rinvioDays ?? 0);
  return computeDeadline(calendar, {
    kind: 'conclusione-procedimento',
    days: CONCLUSIONE_DAYS + extension,
    dayCount: 'calendar',
    nature: 'perentorio', // art. 55-bis, c. 9-ter
    limit: 'notAfter',
    legalSource: extension > 0
      ? `art. 55-bis, c. 4 e c. 9-ter, D.Lgs. 165/2001 (120 giorni + ${extension} di rinvio dell'audizione)`
      : 'art. 55-bis, c. 4 e c. 9-ter, D.Lgs. 165/2001',
  }, input.contestazioneDate, 'contestazioneDate');
}

export type IspettoratoAct = 'avvio' | 'conclusione' | 'sospensione-cautelare';
const ISPETTORATO_ACTS: readonly IspettoratoAct[] = ['avvio', 'conclusione', 'sospensione-cautelare'];

/**
 * D6, D7, D14: "Gli atti di avvio e conclusione del procedimento disciplinare, nonché l'eventuale
 * provvedimento di sospensione cautelare ... sono comunicati ... all'Ispettorato per la funzione
 * pubblica, entro venti giorni dalla loro adozione" (art. 55-bis, c. 4): `actDate` is the day the act
 * was adopted (the contestazione issued, the decision taken, the suspension ordered), not its delivery.
 */
export function computeIspettoratoNoticeDeadline(calendar: ItalianCalendar, act: IspettoratoAct, actDate: string): LegalDeadline {
  requireOneOf('act', act, ISPETTORATO_ACTS);
  return computeDeadline(calendar, {
    kind: 'comunicazione-ispettorato',
    days: ISPETTORATO_DAYS,
    dayCount: 'calendar',
    nature: 'ordinatorio',
    limit: 'notAfter',
    legalSource: `art. 55-bis, c. 4, D.Lgs. 165/2001 (comunicazione atto di ${act})`,
  }, actDate, 'actDate');
}

/**
 * D15: after the criminal judgment the UPD resumes or reopens the procedure by renewing the
 * charge within 60 days of the court's communication; the terms of art. 55-bis then run anew.
 */
export function computeRinnovoContestazioneDeadline(calendar: ItalianCalendar, sentenceCommunicatedDate: string): LegalDeadline {
  return computeDeadline(calendar, {
    kind: 'rinnovo-contestazione-penale',
    days: RINNOVO_CONTESTAZIONE_DAYS,
    dayCount: 'calendar',
    nature: 'perentorio',
    limit: 'notAfter',
    legalSource: 'art. 55-ter, c. 4, D.Lgs. 165/2001',
    verify: 'is the 60-day term to renew the charge perentorio? Source: art. 55-ter, c. 4, D.Lgs. 165/2001 (read with c. 9-ter of art. 55-bis)',
  }, sentenceCommunicatedDate, 'sentenceCommunicatedDate');
}

/**
 * D7: last day of a precautionary suspension ordered during the procedure ("per un periodo di
 * tempo non superiore a trenta giorni", CCNL Funzioni Locali; verify article number). It is a
 * period of days, so its end does not move off holidays.
 */
export function computeSospensioneCautelareEnd(calendar: ItalianCalendar, firstDay: string, days: number): LegalDeadline {
  const length = requireNonNegativeInteger('days', days);
  if (length < 1 || length > MAX_SOSPENSIONE_CAUTELARE_DAYS) {
    throw new DomainValidationError('OUT_OF_RANGE', 'days', `a precautionary suspension lasts 1 to ${MAX_SOSPENSIONE_CAUTELARE_DAYS} days, got ${length}`);
  }
  // The first day is a day of suspension, so the last one is first + (days - 1).
  const lastDay = calendar.addCalendarDays(firstDay, length - 1, 'firstDay');
  return {
    kind: 'fine-sospensione-cautelare',
    startDate: calendar.addCalendarDays(firstDay, 0, 'firstDay'),
    dueDate: lastDay,
    days: length,
    dayCount: 'calendar',
    nature: 'perentorio',
    limit: 'notAfter',
    legalSource: 'CCNL Funzioni Locali 16.11.2022, sospensione cautelare in corso di procedimento disciplinare',
    verify: 'which article of the CCNL Funzioni Locali in force sets the 30-day precautionary suspension? Source: CCNL Funzioni Locali 16.11.2022, sospensione cautelare in corso di procedimento disciplinare',
  };
}
