/**
 * S17: another administration may hire from a graduatoria only for the same profile: art. 35,
 * c. 5-ter, D.Lgs. 165/2001 as amended by DL 25/2025 (the Comune's staffing plan must foresee
 * "profili professionali sovrapponibili" to those of the graduatoria) and, for enti locali, art. 3,
 * c. 61, L. 350/2003 (use of another ente's graduatoria "previo accordo"). The comparison ignores
 * case, accents-free spacing and punctuation; equivalence between differently named profiles is a
 * judgement the Provincia makes before authorising, not a rule here.
 */
export const PROFILO_SCORRIMENTO_SOURCE = 'art. 35, c. 5-ter, D.Lgs. 165/2001 (come modificato dal DL 25/2025); art. 3, c. 61, L. 350/2003';

export function normalizeProfilo(profilo: string): string {
  return profilo.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
}

/** The profile of the graduatoria that matches the one requested, or undefined. */
export function matchingProfilo(requested: string, profiliGraduatoria: readonly string[]): string | undefined {
  const wanted = normalizeProfilo(requested);
  if (wanted === '') return undefined;
  return profiliGraduatoria.find((p) => normalizeProfilo(p) === wanted);
}
