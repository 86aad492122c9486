import type { CaseParty } from '../../shared/caseFileTypes.js';

/** The variables that name the people a case concerns (the forms and workers of each procedure). */
export const EMPLOYEE_VARIABLES = ['matricolaDipendente', 'codiceFiscaleDipendente'] as const;
/** a concorso's applicants (workers/selezione/domande.ts: `candidati`, then `ammessi`) and one candidate's admission form */
export const CANDIDATE_VARIABLES = ['candidati', 'ammessi', 'codiceFiscaleCandidato'] as const;

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);

export interface Candidate {
  nominativo?: string;
  codiceFiscale?: string;
}

/** The candidates a case names, from its lists and single fields, once each (by codice fiscale). */
export function candidatesOf(variables: Record<string, unknown>): Candidate[] {
  const byId = new Map<string, Candidate>();
  for (const name of ['candidati', 'ammessi']) {
    const list = variables[name];
    if (!Array.isArray(list)) continue;
    for (const c of list) {
      if (!c || typeof c !== 'object') continue;
      const r = c as Record<string, unknown>;
      const candidate = { nominativo: str(r.nominativo) ?? ([str(r.cognome), str(r.nome)].filter(Boolean).join(' ') || undefined), codiceFiscale: str(r.codiceFiscale) };
      const id = candidate.codiceFiscale ?? candidate.nominativo;
      if (id && !byId.has(id)) byId.set(id, candidate);
    }
  }
  const single = str(variables.codiceFiscaleCandidato);
  if (single && !byId.has(single)) byId.set(single, { codiceFiscale: single });
  return [...byId.values()];
}

/** The employee of a disciplinary case, in words: "matricola M-7 · RSSMRA80A01F205X". */
export function employeeOf(variables: Record<string, unknown>): string | undefined {
  const matricola = str(variables.matricolaDipendente);
  const cf = str(variables.codiceFiscaleDipendente);
  const parts = [matricola ? `matricola ${matricola}` : undefined, cf].filter(Boolean);
  return parts.length ? parts.join(' · ') : undefined;
}

/** The parties shown in a case's summary and list line (the Comuni are shown apart). */
export function casePartiesOf(variables: Record<string, unknown>): CaseParty[] {
  const parties: CaseParty[] = [];
  const employee = employeeOf(variables);
  if (employee) parties.push({ role: 'Dipendente', name: employee });
  const candidates = candidatesOf(variables);
  if (candidates.length === 1) parties.push({ role: 'Candidato', name: candidates[0].nominativo ?? candidates[0].codiceFiscale ?? '' });
  else if (candidates.length > 1) parties.push({ role: 'Candidati', name: `${candidates.length} candidati` });
  return parties;
}

/** Lower case without accents, so "citta" finds "Città" and "rossi" finds "ROSSI". */
export function searchable(text: string): string {
  return text.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLowerCase();
}
