export type Gender = 'F' | 'M';

/** One candidate's results as recorded in the verbali of the commissione. */
export interface CandidateResult {
  readonly id: string;
  readonly birthDate: string;
  readonly gender?: Gender;
  /** Marks of each prova scritta (or pratica / teorico-pratica). */
  readonly writtenScores: readonly number[];
  /** Mark of the prova orale; absent when the candidate did not sit it. */
  readonly oralScore?: number;
  /** Points for titoli (concorsi per titoli ed esami only). */
  readonly titoliScore?: number;
  /** Preference titles declared in the application: true for a flag title, a number for a count. */
  readonly preferenceTitles?: Readonly<Record<string, boolean | number>>;
}

export type TieBreak =
  | { readonly rule: 'punteggio'; readonly total: number; readonly nextTotal: number }
  | { readonly rule: 'titolo-preferenza'; readonly code: string; readonly label: string; readonly legalSource: string }
  | { readonly rule: 'genere-meno-rappresentato'; readonly gender: Gender; readonly legalSource: string }
  | { readonly rule: 'minore-eta'; readonly birthDate: string; readonly nextBirthDate: string; readonly legalSource: string }
  | { readonly rule: 'ex-aequo' };

export interface GraduatoriaEntry {
  /** Equal for candidates no rule can separate. */
  readonly position: number;
  readonly candidateId: string;
  readonly total: number;
  /** Why this candidate stands before the next one; absent for the last. */
  readonly aheadOfNext?: TieBreak;
}

export type ExclusionReason =
  | { readonly rule: 'prova-scritta-insufficiente'; readonly index: number; readonly score: number; readonly passMark: number }
  | { readonly rule: 'prova-orale-non-sostenuta' }
  | { readonly rule: 'prova-orale-insufficiente'; readonly score: number; readonly passMark: number };

export interface ExcludedCandidate {
  readonly candidateId: string;
  readonly reason: ExclusionReason;
}

export interface Graduatoria {
  readonly ranked: readonly GraduatoriaEntry[];
  readonly excluded: readonly ExcludedCandidate[];
}
