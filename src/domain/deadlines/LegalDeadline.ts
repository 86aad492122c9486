/**
 * A legal deadline as stored with a process instance, so that an auditor can see why the date is
 * what it is: where it starts, how many days of which kind, the rule, and whether it was moved.
 */
export type DayCount = 'calendar' | 'working';

/** 'perentorio': missing it ends the procedure. 'ordinatorio': missing it only escalates. */
export type DeadlineNature = 'perentorio' | 'ordinatorio';

/**
 * 'notAfter': the act must happen by `dueDate` (a term to meet).
 * 'notBefore': the act may happen only from `dueDate` on (a minimum notice or waiting period).
 */
export type DeadlineLimit = 'notAfter' | 'notBefore';

export type DeadlineKind =
  // disciplinare
  | 'segnalazione-upd'
  | 'contestazione-addebito'
  | 'preavviso-audizione'
  | 'conclusione-procedimento'
  | 'comunicazione-ispettorato'
  | 'sospensione-cautelare-flagranza'
  | 'preavviso-audizione-flagranza'
  | 'conclusione-procedimento-flagranza'
  | 'denuncia-flagranza'
  | 'rinnovo-contestazione-penale'
  | 'fine-sospensione-cautelare'
  // selezione
  | 'attesa-mobilita-34-bis'
  | 'chiusura-domande-bando'
  | 'preavviso-preselezione'
  | 'preavviso-prova-scritta'
  | 'preavviso-prova-orale'
  | 'conclusione-concorso'
  | 'validita-graduatoria'
  | 'risposta-proposta-assunzione'
  // formazione
  | 'scadenza-formazione-obbligatoria'
  | 'monitoraggio-annuale-formazione'
  | 'adozione-piao';

export interface LegalDeadline {
  readonly kind: DeadlineKind;
  /** ISO date from which the term runs (the dies a quo, itself not counted). */
  readonly startDate: string;
  /** ISO date; for 'notAfter' the last useful day, for 'notBefore' the first allowed day. */
  readonly dueDate: string;
  readonly days: number;
  readonly dayCount: DayCount;
  readonly nature: DeadlineNature;
  readonly limit: DeadlineLimit;
  readonly legalSource: string;
  /** The date the count reached before it was moved off a Sunday or holiday. */
  readonly movedFrom?: string;
  /** Why it was moved, e.g. "Lunedì dell’Angelo" or "domenica". */
  readonly movedBecause?: string;
  /** For terms counted in hours: the exact instant (ISO, Europe/Rome offset). */
  readonly dueDateTime?: string;
  /** Reading to confirm with a legal reviewer before production (the domain notes' "verify"). */
  readonly verify?: string;
}
