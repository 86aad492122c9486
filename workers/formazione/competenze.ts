/**
 * The Provincia's competency dictionary (F1): expected level (1–4) of each competence per profile.
 * A starting dictionary drawn from the Syllabus areas of the Dipartimento della Funzione Pubblica;
 * the Provincia revises it every cycle.
 */
export const DIZIONARIO_COMPETENZE: Readonly<Record<string, Readonly<Record<string, number>>>> = {
  istruttore: { 'competenze-digitali': 3, 'transizione-amministrativa': 2, anticorruzione: 2, privacy: 2 },
  'istruttore-direttivo': { 'competenze-digitali': 3, 'transizione-amministrativa': 3, anticorruzione: 3, privacy: 3, leadership: 2 },
  funzionario: { 'competenze-digitali': 3, 'transizione-amministrativa': 3, anticorruzione: 3, privacy: 3, leadership: 3 },
  operatore: { 'competenze-digitali': 2, anticorruzione: 1, sicurezza: 2 },
  'operatore-esperto': { 'competenze-digitali': 2, anticorruzione: 2, sicurezza: 2 },
};

export const DIZIONARIO_VERSIONE = '2025.1';

export function normalizeProfile(profilo: unknown): string {
  return String(profilo ?? '').trim().toLowerCase().replace(/\s+/g, '-');
}
