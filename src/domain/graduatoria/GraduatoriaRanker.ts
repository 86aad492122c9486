import { Temporal } from 'temporal-polyfill';
import { DomainValidationError } from '../validation/DomainValidationError.js';
import { parseIsoDate, requireFiniteNumber, requireOneOf } from '../validation/assertions.js';
import {
  GENERE_MENO_RAPPRESENTATO_SOURCE,
  MINORE_ETA_SOURCE,
  PREFERENCE_TITLES_DPR_487,
  type PreferenceTitleRule,
} from './preferenceTitles.js';
import type {
  CandidateResult, ExcludedCandidate, Gender, Graduatoria, GraduatoriaEntry, TieBreak,
} from './GraduatoriaTypes.js';

export interface RankingRules {
  /**
   * Minimum mark in each written test and in the oral: 21/30 or equivalent (art. 7 DPR 487/1994;
   * verify against the text amended by DPR 82/2023 and the bando).
   */
  readonly writtenPassMark?: number;
  readonly oralPassMark?: number;
  /** Set only when the bando declares a gender gap above 30% in the profile (art. 6 DPR 487/1994). */
  readonly underrepresentedGender?: Gender;
  /** Preference titles in hierarchical order; defaults to art. 5, c. 4, DPR 487/1994. */
  readonly preferenceTitles?: readonly PreferenceTitleRule[];
}

const DEFAULT_PASS_MARK = 21;
// Marks are recorded with at most three decimals; comparing integers of thousandths avoids
// floating-point ties and false differences.
const SCALE = 1000;
const GENDERS: readonly Gender[] = ['F', 'M'];

interface Scored {
  readonly candidate: CandidateResult;
  readonly birthDate: Temporal.PlainDate;
  /** total × number of written tests × SCALE: exact, so the mean needs no rounding. */
  readonly exactTotal: number;
  readonly total: number;
}

/**
 * Graduatoria di merito (S13): the final score is the mean of the written marks plus the oral
 * mark plus the titoli (art. 7, c. 3 and art. 8 DPR 487/1994; verify after DPR 82/2023). Candidates
 * under a pass mark are excluded; ties are broken by the preference titles, then the
 * under-represented gender when the bando applies it, then the younger age.
 */
export class GraduatoriaRanker {
  private readonly writtenPassMark: number;
  private readonly oralPassMark: number;
  private readonly underrepresentedGender: Gender | undefined;
  private readonly titles: readonly PreferenceTitleRule[];

  constructor(rules: RankingRules = {}) {
    this.writtenPassMark = toScaled('writtenPassMark', rules.writtenPassMark ?? DEFAULT_PASS_MARK);
    this.oralPassMark = toScaled('oralPassMark', rules.oralPassMark ?? DEFAULT_PASS_MARK);
    this.underrepresentedGender = rules.underrepresentedGender === undefined
      ? undefined
      : requireOneOf('underrepresentedGender', rules.underrepresentedGender, GENDERS);
    this.titles = rules.preferenceTitles ?? PREFERENCE_TITLES_DPR_487;
  }

  rank(candidates: readonly CandidateResult[]): Graduatoria {
    this.validate(candidates);
    const excluded: ExcludedCandidate[] = [];
    const admitted: Scored[] = [];
    candidates.forEach((candidate) => {
      const reason = this.exclusionOf(candidate);
      if (reason) excluded.push({ candidateId: candidate.id, reason });
      else admitted.push(score(candidate));
    });
    // Candidates no rule separates keep a fixed order (by id) so the list is reproducible.
    const sorted = [...admitted].sort((a, b) => this.compare(a, b).order || byId(a, b));
    const ranked: GraduatoriaEntry[] = [];
    sorted.forEach((entry, i) => {
      const previous = ranked[i - 1];
      const tiedWithPrevious = previous?.aheadOfNext?.rule === 'ex-aequo';
      const next = sorted[i + 1];
      ranked.push({
        position: tiedWithPrevious && previous ? previous.position : i + 1,
        candidateId: entry.candidate.id,
        total: entry.total,
        ...(next ? { aheadOfNext: this.compare(entry, next).reason } : {}),
      });
    });
    return { ranked, excluded };
  }

  /** Negative order: `a` goes first. The reason names the first rule that separates them. */
  private compare(a: Scored, b: Scored): { order: number; reason: TieBreak } {
    if (a.exactTotal !== b.exactTotal) {
      return {
        order: b.exactTotal - a.exactTotal,
        reason: { rule: 'punteggio', total: a.total, nextTotal: b.total },
      };
    }
    for (const title of this.titles) {
      const diff = titleValue(b.candidate, title) - titleValue(a.candidate, title);
      if (diff !== 0) {
        return {
          order: diff,
          reason: { rule: 'titolo-preferenza', code: title.code, label: title.label, legalSource: title.legalSource },
        };
      }
    }
    const gender = this.underrepresentedGender;
    if (gender !== undefined && (a.candidate.gender === gender) !== (b.candidate.gender === gender)) {
      return {
        order: a.candidate.gender === gender ? -1 : 1,
        reason: { rule: 'genere-meno-rappresentato', gender, legalSource: GENERE_MENO_RAPPRESENTATO_SOURCE },
      };
    }
    const byAge = Temporal.PlainDate.compare(b.birthDate, a.birthDate);
    if (byAge !== 0) {
      const [younger, older] = byAge < 0 ? [a, b] : [b, a];
      return {
        order: byAge,
        reason: {
          rule: 'minore-eta',
          birthDate: younger.birthDate.toString(),
          nextBirthDate: older.birthDate.toString(),
          legalSource: MINORE_ETA_SOURCE,
        },
      };
    }
    return { order: 0, reason: { rule: 'ex-aequo' } };
  }

  private exclusionOf(candidate: CandidateResult): ExcludedCandidate['reason'] | undefined {
    for (const [index, mark] of candidate.writtenScores.entries()) {
      if (Math.round(mark * SCALE) < this.writtenPassMark) {
        return { rule: 'prova-scritta-insufficiente', index, score: mark, passMark: this.writtenPassMark / SCALE };
      }
    }
    if (candidate.oralScore === undefined) return { rule: 'prova-orale-non-sostenuta' };
    if (Math.round(candidate.oralScore * SCALE) < this.oralPassMark) {
      return { rule: 'prova-orale-insufficiente', score: candidate.oralScore, passMark: this.oralPassMark / SCALE };
    }
    return undefined;
  }

  private validate(candidates: readonly CandidateResult[]): void {
    const ids = new Set<string>();
    const writtenCount = candidates[0]?.writtenScores.length;
    candidates.forEach((c, i) => {
      const at = `candidates[${i}]`;
      if (typeof c.id !== 'string' || c.id.trim() === '') {
        throw new DomainValidationError('UNKNOWN_VALUE', `${at}.id`, 'a candidate needs a non-empty id');
      }
      if (ids.has(c.id)) throw new DomainValidationError('DUPLICATE', `${at}.id`, `candidate ${c.id} appears twice`);
      ids.add(c.id);
      parseIsoDate(`${at}.birthDate`, c.birthDate);
      if (c.gender !== undefined) requireOneOf(`${at}.gender`, c.gender, GENDERS);
      if (!Array.isArray(c.writtenScores) || c.writtenScores.length === 0) {
        throw new DomainValidationError('INVALID_NUMBER', `${at}.writtenScores`, 'at least one written mark is required');
      }
      if (c.writtenScores.length !== writtenCount) {
        throw new DomainValidationError('CONFLICT', `${at}.writtenScores`, `every candidate sits the same ${String(writtenCount)} written test(s)`);
      }
      c.writtenScores.forEach((m, j) => toScaled(`${at}.writtenScores[${j}]`, m));
      if (c.oralScore !== undefined) toScaled(`${at}.oralScore`, c.oralScore);
      if (c.titoliScore !== undefined) toScaled(`${at}.titoliScore`, c.titoliScore);
      this.validateTitles(`${at}.preferenceTitles`, c.preferenceTitles ?? {});
    });
  }

  private validateTitles(at: string, declared: Readonly<Record<string, boolean | number>>): void {
    for (const [code, value] of Object.entries(declared)) {
      const rule = this.titles.find((t) => t.code === code);
      if (!rule) throw new DomainValidationError('UNKNOWN_VALUE', `${at}.${code}`, 'not a preference title of this concorso');
      const ok = rule.kind === 'flag' ? typeof value === 'boolean' : Number.isInteger(value) && (value as number) >= 0;
      if (!ok) {
        throw new DomainValidationError('INVALID_NUMBER', `${at}.${code}`, rule.kind === 'flag' ? 'expected true or false' : 'expected a non-negative integer');
      }
    }
  }
}

function score(candidate: CandidateResult): Scored {
  const n = candidate.writtenScores.length;
  const written = candidate.writtenScores.reduce((sum, m) => sum + Math.round(m * SCALE), 0);
  const rest = Math.round((candidate.oralScore ?? 0) * SCALE) + Math.round((candidate.titoliScore ?? 0) * SCALE);
  const exactTotal = written + n * rest;
  return {
    candidate,
    birthDate: Temporal.PlainDate.from(candidate.birthDate),
    exactTotal,
    total: Math.round(exactTotal / n) / SCALE,
  };
}

function byId(a: Scored, b: Scored): number {
  if (a.candidate.id === b.candidate.id) return 0;
  return a.candidate.id < b.candidate.id ? -1 : 1;
}

function titleValue(candidate: CandidateResult, title: PreferenceTitleRule): number {
  const value = candidate.preferenceTitles?.[title.code];
  if (typeof value === 'number') return value;
  return value === true ? 1 : 0;
}

function toScaled(field: string, value: unknown): number {
  const mark = requireFiniteNumber(field, value);
  if (mark < 0) throw new DomainValidationError('OUT_OF_RANGE', field, `must not be negative, got ${mark}`);
  const scaled = Math.round(mark * SCALE);
  if (Math.abs(scaled - mark * SCALE) > 1e-6) {
    throw new DomainValidationError('INVALID_NUMBER', field, `marks have at most three decimals, got ${mark}`);
  }
  return scaled;
}
