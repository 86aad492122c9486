import type { Gender } from '../graduatoria/GraduatoriaTypes.js';

/**
 * S7: the composition rules of a commissione esaminatrice that can be checked from the act of
 * appointment.
 * - at least one third of the members are women, "salva motivata impossibilità" (art. 57, c. 1,
 *   lett. a, D.Lgs. 165/2001, as amended by L. 215/2012): counted on the members who mark, not the
 *   secretary, and rounded up (one third of 3 members is 1; of 5, 2);
 * - every person of the board, the secretary included ("anche con compiti di segreteria"),
 *   declares not having been convicted, even without a final judgment, of the crimes of Book II,
 *   Title II, Chapter I of the Codice penale (art. 35-bis, c. 1, lett. a, D.Lgs. 165/2001, added by
 *   L. 190/2012); without the declaration the appointment is refused;
 * - one chair and at least two experts (art. 35, c. 3, lett. e, D.Lgs. 165/2001; art. 9 DPR 487/1994).
 */
export interface ComponenteCommissione {
  readonly nominativo: string;
  readonly ruolo: 'presidente' | 'componente' | 'segretario';
  readonly genere?: Gender;
  /** The art. 35-bis self-declaration (DPR 445/2000) was signed. */
  readonly dichiarazione35bis?: boolean;
}

export const QUOTA_DONNE_SOURCE = 'art. 57, c. 1, lett. a, D.Lgs. 165/2001';
export const DICHIARAZIONE_35_BIS_SOURCE = 'art. 35-bis, c. 1, lett. a, D.Lgs. 165/2001';

export interface CommissioneCheck {
  /** What makes the appointment non-compliant, in Italian, for the act and the task page. */
  readonly problems: readonly string[];
  /** Women the law asks for, and how many there are. */
  readonly donneRichieste: number;
  readonly donne: number;
  /** The quota was waived with a stated reason (motivata impossibilità). */
  readonly deroga: boolean;
}

export function checkCommissione(componenti: readonly ComponenteCommissione[], motivazioneImpossibilita?: string): CommissioneCheck {
  const members = componenti.filter((c) => c.ruolo !== 'segretario');
  const problems: string[] = [];
  if (members.filter((c) => c.ruolo === 'presidente').length !== 1) problems.push('serve un solo presidente');
  if (members.length < 3) problems.push(`servono almeno 3 componenti oltre al segretario (sono ${members.length})`);
  const donneRichieste = Math.ceil(members.length / 3);
  const donne = members.filter((c) => c.genere === 'F').length;
  const deroga = typeof motivazioneImpossibilita === 'string' && motivazioneImpossibilita.trim() !== '';
  if (donne < donneRichieste && !deroga) {
    problems.push(`almeno un terzo dei componenti deve essere donna: ne servono ${donneRichieste} su ${members.length}, sono ${donne} (${QUOTA_DONNE_SOURCE}), salva motivata impossibilità`);
  }
  for (const c of componenti) {
    if (c.dichiarazione35bis !== true) {
      problems.push(`manca la dichiarazione di ${c.nominativo || 'un componente'} di non aver riportato condanne per reati contro la pubblica amministrazione (${DICHIARAZIONE_35_BIS_SOURCE})`);
    }
  }
  return { problems, donneRichieste, donne, deroga: deroga && donne < donneRichieste };
}
