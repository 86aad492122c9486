/**
 * Titoli di preferenza "a parità di merito", art. 5, c. 4, DPR 487/1994 as rewritten by DPR 82/2023,
 * in the order of the rule: the order is hierarchical, so among candidates with the same score
 * the first title in this list that one holds and the other does not decides.
 *
 * The first eight entries follow the order of the amended text; the later ones (verify letters and
 * wording against the Gazzetta Ufficiale text) and any title added by special laws can be replaced
 * by passing another list to the ranker, e.g. the list printed in the bando.
 */
export type PreferenceTitleKind =
  /** held or not held */
  | 'flag'
  /** a number where more is better (figli a carico) */
  | 'count';

export interface PreferenceTitleRule {
  readonly code: string;
  readonly label: string;
  readonly kind: PreferenceTitleKind;
  readonly legalSource: string;
}

const ART5 = 'art. 5, c. 4, DPR 487/1994 (come modificato dal DPR 82/2023)';
// verify: the letters of the last three titles (ufficio per il processo, tirocinio presso gli uffici
// giudiziari, servizio civile universale) against the Gazzetta Ufficiale text of DPR 82/2023; the source
// shown in the graduatoria names the article only, never this note.

export const PREFERENCE_TITLES_DPR_487: readonly PreferenceTitleRule[] = [
  { code: 'medaglia-valore', kind: 'flag', legalSource: `${ART5}, lett. a`,
    label: 'insigniti di medaglia al valor militare e al valor civile' },
  { code: 'invalido-servizio', kind: 'flag', legalSource: `${ART5}, lett. b`,
    label: 'mutilati e invalidi per servizio nel settore pubblico e privato' },
  { code: 'orfano-figlio-caduti-servizio', kind: 'flag', legalSource: `${ART5}, lett. c`,
    label: 'orfani dei caduti e figli dei mutilati, invalidi e inabili permanenti al lavoro per ragioni di servizio' },
  { code: 'lodevole-servizio', kind: 'flag', legalSource: `${ART5}, lett. d`,
    label: "lodevole servizio per non meno di un anno nell'amministrazione che ha indetto il concorso" },
  { code: 'figli-a-carico', kind: 'count', legalSource: `${ART5}, lett. e`,
    label: 'maggior numero di figli a carico' },
  { code: 'invalido-civile', kind: 'flag', legalSource: `${ART5}, lett. f`,
    label: 'invalidi e mutilati civili' },
  { code: 'militare-volontario', kind: 'flag', legalSource: `${ART5}, lett. g`,
    label: 'militari volontari delle Forze armate congedati senza demerito al termine della ferma o rafferma' },
  { code: 'atleta-gruppi-sportivi', kind: 'flag', legalSource: `${ART5}, lett. h`,
    label: 'atleti che hanno intrattenuto rapporti di lavoro sportivo con i gruppi sportivi militari e dei corpi civili dello Stato' },
  { code: 'ufficio-per-il-processo', kind: 'flag', legalSource: ART5,
    label: "ulteriore periodo di perfezionamento presso l'ufficio per il processo svolto con esito positivo" },
  { code: 'tirocinio-uffici-giudiziari', kind: 'flag', legalSource: ART5,
    label: 'stage o tirocinio formativo presso gli uffici giudiziari completato con esito positivo' },
  { code: 'servizio-civile-universale', kind: 'flag', legalSource: ART5,
    label: 'servizio civile universale concluso senza demerito' },
];

/**
 * Applied after the titles above, only when the bando declares that the gender gap in the profile
 * exceeds 30% (art. 6 DPR 487/1994 as amended by DPR 82/2023; verify its rank among the titles).
 */
export const GENERE_MENO_RAPPRESENTATO_SOURCE = 'art. 6, DPR 487/1994 (come modificato dal DPR 82/2023)';

/** Last rule: with the same score and titles the younger candidate is preferred. */
export const MINORE_ETA_SOURCE = 'art. 3, c. 7, L. 127/1997 (come modificato dall\'art. 2, c. 9, L. 191/1998)';
