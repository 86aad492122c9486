import type { DeadlineKind } from './LegalDeadline.js';

/**
 * What each legal term is called in the scadenzario and on a case: the act the term is for, in the words
 * of the rule that sets it (D.Lgs. 165/2001 artt. 55-bis, 55-ter, 55-quater; D.P.R. 487/1994 as amended by
 * D.P.R. 82/2023; art. 34-bis D.Lgs. 165/2001; art. 6 D.L. 80/2021 for the PIAO). The kind code itself is
 * never shown to users. A `Record` over the union, so a new kind does not compile without its name.
 */
export const DEADLINE_KIND_NAMES: Readonly<Record<DeadlineKind, string>> = {
  'segnalazione-upd': 'Segnalazione del fatto all’UPD',
  'contestazione-addebito': 'Contestazione dell’addebito',
  'preavviso-audizione': 'Preavviso della convocazione a difesa',
  'conclusione-procedimento': 'Conclusione del procedimento disciplinare',
  'comunicazione-ispettorato': 'Comunicazione all’Ispettorato per la funzione pubblica',
  'sospensione-cautelare-flagranza': 'Sospensione cautelare in flagranza (48 ore)',
  'preavviso-audizione-flagranza': 'Preavviso della convocazione a difesa (flagranza)',
  'conclusione-procedimento-flagranza': 'Conclusione del procedimento (flagranza)',
  'denuncia-flagranza': 'Denuncia al pubblico ministero (flagranza)',
  'rinnovo-contestazione-penale': 'Ripresa del procedimento dopo la sentenza penale',
  'fine-sospensione-cautelare': 'Fine della sospensione cautelare',
  'attesa-mobilita-34-bis': 'Attesa della mobilità obbligatoria (art. 34-bis)',
  'chiusura-domande-bando': 'Chiusura delle domande del bando',
  'preavviso-preselezione': 'Preavviso della preselezione',
  'preavviso-prova-scritta': 'Preavviso della prova scritta',
  'preavviso-prova-orale': 'Preavviso della prova orale',
  'conclusione-concorso': 'Conclusione del concorso',
  'validita-graduatoria': 'Validità della graduatoria',
  'risposta-proposta-assunzione': 'Risposta alla proposta di assunzione',
  'scadenza-formazione-obbligatoria': 'Formazione obbligatoria',
  'monitoraggio-annuale-formazione': 'Monitoraggio annuale della formazione',
  'adozione-piao': 'Adozione del PIAO',
};

/** The Italian name of a deadline kind as stored in a case's `scadenze` list; undefined for a kind this code does not know. */
export function deadlineKindName(kind: string | undefined): string | undefined {
  return kind && Object.hasOwn(DEADLINE_KIND_NAMES, kind) ? DEADLINE_KIND_NAMES[kind as DeadlineKind] : undefined;
}
