import { requireOneOf } from '../validation/assertions.js';
import type { DeadlineKind } from '../deadlines/LegalDeadline.js';

/**
 * Sanction scale of the codice disciplinare, lowest first (CCNL Funzioni Locali 16.11.2022; verify
 * article numbers against the CCNL in force). Sanctions set directly by law (e.g. art. 55-bis, c. 7
 * and art. 55-sexies D.Lgs. 165/2001) are not in this scale.
 */
export const SANCTION_CODES = [
  'rimprovero-verbale',
  'rimprovero-scritto',
  'multa',
  'sospensione-fino-10-giorni',
  'sospensione-11-giorni-6-mesi',
  'licenziamento-con-preavviso',
  'licenziamento-senza-preavviso',
] as const;
export type SanctionCode = (typeof SANCTION_CODES)[number];

/** Who runs the procedure and imposes the sanction (art. 55-bis, c. 1 and c. 2, D.Lgs. 165/2001). */
export type DisciplinaryAuthority = 'responsabile-struttura' | 'upd';

export type DisciplinaryProcedure =
  /** Verbal reprimand: rules of the CCNL, no statutory terms (art. 55-bis, c. 1). */
  | 'rimprovero-verbale-ccnl'
  /** Ordinary procedure before the UPD (art. 55-bis, c. 4). */
  | 'ordinario-55-bis'
  /** False attendance caught in the act (art. 55-quater, c. 3-bis and 3-ter). */
  | 'flagranza-55-quater';

export interface SanctionRule {
  readonly code: SanctionCode;
  readonly label: string;
  /** 1 = lightest. */
  readonly severity: number;
  readonly authority: DisciplinaryAuthority;
  /** Unit of the amount imposed, for sanctions that have one (see assertSanctionMeasure). */
  readonly measuredIn?: 'hours' | 'days';
}

export const SANCTION_SCALE: Readonly<Record<SanctionCode, SanctionRule>> = {
  'rimprovero-verbale': { code: 'rimprovero-verbale', severity: 1, authority: 'responsabile-struttura', label: 'rimprovero verbale' },
  'rimprovero-scritto': { code: 'rimprovero-scritto', severity: 2, authority: 'upd', label: 'rimprovero scritto (censura)' },
  multa: { code: 'multa', severity: 3, authority: 'upd', label: 'multa fino a 4 ore di retribuzione',
    measuredIn: 'hours' },
  'sospensione-fino-10-giorni': { code: 'sospensione-fino-10-giorni', severity: 4, authority: 'upd',
    label: 'sospensione dal servizio con privazione della retribuzione fino a 10 giorni', measuredIn: 'days' },
  'sospensione-11-giorni-6-mesi': { code: 'sospensione-11-giorni-6-mesi', severity: 5, authority: 'upd',
    label: 'sospensione dal servizio con privazione della retribuzione da 11 giorni a 6 mesi', measuredIn: 'days' },
  'licenziamento-con-preavviso': { code: 'licenziamento-con-preavviso', severity: 6, authority: 'upd', label: 'licenziamento con preavviso' },
  'licenziamento-senza-preavviso': { code: 'licenziamento-senza-preavviso', severity: 7, authority: 'upd', label: 'licenziamento senza preavviso' },
};

export function sanctionRule(code: SanctionCode): SanctionRule {
  return SANCTION_SCALE[requireOneOf('sanction', code, SANCTION_CODES)];
}

/** D2: only the rimprovero verbale stays with the Comune's responsabile della struttura. */
export function competentAuthority(code: SanctionCode): DisciplinaryAuthority {
  return sanctionRule(code).authority;
}

const ORDINARY_DEADLINES: readonly DeadlineKind[] = [
  'segnalazione-upd', 'contestazione-addebito', 'preavviso-audizione', 'conclusione-procedimento', 'comunicazione-ispettorato',
];
const FLAGRANZA_DEADLINES: readonly DeadlineKind[] = [
  'sospensione-cautelare-flagranza', 'preavviso-audizione-flagranza', 'conclusione-procedimento-flagranza',
  'denuncia-flagranza', 'comunicazione-ispettorato',
];

export interface ProcedureChoice {
  readonly procedure: DisciplinaryProcedure;
  readonly authority: DisciplinaryAuthority;
  readonly deadlines: readonly DeadlineKind[];
  readonly legalSource: string;
}

/**
 * Which procedure, authority and terms apply to the sanction the facts may deserve. `flagranza` (false
 * attendance caught in the act) is decided first: the law itself punishes it with dismissal without
 * notice (art. 55-quater, c. 1, lett. a) through the fast procedure of c. 3-bis, so it never ends as a
 * rimprovero verbale or any lighter sanction, whatever first assessment `code` carries.
 */
export function procedureFor(code: SanctionCode, options: { readonly flagranza?: boolean } = {}): ProcedureChoice {
  const rule = sanctionRule(code);
  if (options.flagranza) {
    return { procedure: 'flagranza-55-quater', authority: 'upd', deadlines: FLAGRANZA_DEADLINES,
      legalSource: 'art. 55-quater, c. 1, lett. a, c. 3-bis e 3-ter, D.Lgs. 165/2001' };
  }
  if (rule.authority === 'responsabile-struttura') {
    return { procedure: 'rimprovero-verbale-ccnl', authority: rule.authority, deadlines: [],
      legalSource: 'art. 55-bis, c. 1, D.Lgs. 165/2001' };
  }
  return { procedure: 'ordinario-55-bis', authority: 'upd', deadlines: ORDINARY_DEADLINES,
    legalSource: 'art. 55-bis, c. 2 e c. 4, D.Lgs. 165/2001' };
}

/** D7: precautionary removal from work only for infractions punishable at least with suspension. */
export function allowsSospensioneCautelare(code: SanctionCode): boolean {
  return sanctionRule(code).severity >= SANCTION_SCALE['sospensione-fino-10-giorni'].severity;
}

/**
 * D15: the procedure may wait for the criminal case only for infractions punishable with more than
 * 10 days' suspension (art. 55-ter, c. 1, D.Lgs. 165/2001).
 */
export function allowsSuspensionForCriminalCase(code: SanctionCode): boolean {
  return sanctionRule(code).severity >= SANCTION_SCALE['sospensione-11-giorni-6-mesi'].severity;
}

export function isMoreSevere(a: SanctionCode, b: SanctionCode): boolean {
  return sanctionRule(a).severity > sanctionRule(b).severity;
}

export interface CessazioneInput {
  /**
   * The heaviest sanction foreseen for the infraction: the one in the charge (sanzioneMassimaPrevista)
   * or, before the charge, the level the Comune or the UPD judged the facts to deserve (sanzioneIpotizzata).
   */
  readonly sanzionePrevista?: SanctionCode;
  /** A precautionary suspension from service was ordered (D7, or the flagranza suspension). */
  readonly sospensioneCautelare: boolean;
}

export interface CessazioneOutcome {
  readonly prosegue: boolean;
  readonly reason: string;
  readonly legalSource: string;
}

/**
 * End of employment during the procedure (art. 55-bis, c. 9, D.Lgs. 165/2001): it extinguishes the
 * procedure "salvo che per l'infrazione commessa sia prevista la sanzione del licenziamento o comunque
 * sia stata disposta la sospensione cautelare dal servizio"; then the decision is taken for its legal
 * and economic effects that do not bar a new employment. The statute looks at the sanction foreseen
 * for the infraction committed, not at a charge already made: so before the contestazione the level
 * recorded with the notizia counts as much as the one in the charge.
 */
export function cessazioneOutcome(input: CessazioneInput): CessazioneOutcome {
  const legalSource = 'art. 55-bis, c. 9, D.Lgs. 165/2001';
  const prevista = input.sanzionePrevista;
  const dismissal = prevista !== undefined
    && sanctionRule(prevista).severity >= SANCTION_SCALE['licenziamento-con-preavviso'].severity;
  if (prevista !== undefined && dismissal) return { prosegue: true, reason: `per l'infrazione è previsto il ${sanctionRule(prevista).label}`, legalSource };
  if (input.sospensioneCautelare) return { prosegue: true, reason: 'è stata disposta la sospensione cautelare dal servizio', legalSource };
  return { prosegue: false, reason: 'per l’infrazione non è previsto il licenziamento e non è stata disposta la sospensione cautelare', legalSource };
}
