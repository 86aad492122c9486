import { DomainValidationError } from '../validation/DomainValidationError.js';
import { requireNonNegativeInteger, requireOneOf } from '../validation/assertions.js';

/**
 * Riserve di posti (S3, S15), art. 5, c. 1-3, DPR 487/1994 (come modificato dal DPR 82/2023):
 * the reserves set by special laws may not together exceed half of the posts of the concorso
 * (c. 1); if they would, each is cut in proportion (c. 2). The categories handled here:
 * - 'disabili': L. 68/1999 (art. 3 and art. 7, c. 2: public employers reserve posts within their
 *   quota d'obbligo, up to half of the posts). The number comes from the bando: it depends on each
 *   employer's uncovered quota, which the Comune knows, not the concorso.
 * - 'forze-armate': volunteers of the Armed Forces discharged without demerit and officers of
 *   complement with completed ferma (D.Lgs. 66/2010, art. 1014, c. 3 and 4, and art. 678, c. 9):
 *   30% of the posts. A fraction of a post is not rounded up: it adds up with the reserves of the
 *   administration's next concorsi (art. 1014, c. 4), so it is returned as `frazione`.
 * verify: in a concorso run by the Provincia for several Comuni, the L. 68/1999 quota belongs to each
 * Comune as employer; here the bando states the reserved posts for the concorso as a whole.
 */
export const RISERVA_CATEGORIE = ['disabili', 'forze-armate'] as const;
export type RiservaCategoria = (typeof RISERVA_CATEGORIE)[number];

export const RISERVA_SOURCE: Readonly<Record<RiservaCategoria, string>> = {
  disabili: 'artt. 3 e 7, c. 2, L. 68/1999',
  'forze-armate': 'artt. 678, c. 9, e 1014, c. 3 e 4, D.Lgs. 66/2010',
};
export const RISERVA_LABEL: Readonly<Record<RiservaCategoria, string>> = {
  disabili: 'persone con disabilità (L. 68/1999)',
  'forze-armate': 'volontari delle Forze armate (D.Lgs. 66/2010)',
};
export const LIMITE_RISERVE_SOURCE = 'art. 5, c. 1 e 2, DPR 487/1994 (come modificato dal DPR 82/2023)';
const FORZE_ARMATE_QUOTA = 0.3;

export interface RiservaRichiesta {
  readonly categoria: RiservaCategoria;
  /** Posts stated by the bando; for 'forze-armate' it may be left out and the 30% applies. */
  readonly posti?: number;
}

export interface RiservaPosti {
  readonly categoria: RiservaCategoria;
  /** Posts reserved after the 50% limit. */
  readonly posti: number;
  /** Posts asked before the limit. */
  readonly richiesti: number;
  /** The part of a post that does not make a whole one (forze armate: carried to the next concorsi). */
  readonly frazione?: number;
  readonly legalSource: string;
}

export interface RiservePlan {
  readonly postiTotali: number;
  /** Half of the posts, rounded down: no more can be reserved (art. 5 c. 1). */
  readonly limite: number;
  readonly riserve: readonly RiservaPosti[];
  /** True when the reserves were cut in proportion to stay within the limit (art. 5 c. 2). */
  readonly ridotte: boolean;
}

export function computeRiservePosti(postiTotali: number, richieste: readonly RiservaRichiesta[]): RiservePlan {
  const total = requireNonNegativeInteger('postiTotali', postiTotali);
  const seen = new Set<RiservaCategoria>();
  const asked = richieste.map((r, i) => {
    const categoria = requireOneOf(`riserve[${i}].categoria`, r.categoria, RISERVA_CATEGORIE);
    if (seen.has(categoria)) throw new DomainValidationError('DUPLICATE', `riserve[${i}].categoria`, `${categoria} appears twice`);
    seen.add(categoria);
    if (r.posti === undefined || r.posti === null) {
      if (categoria !== 'forze-armate') throw new DomainValidationError('INVALID_NUMBER', `riserve[${i}].posti`, `the bando must state the posts reserved to ${categoria}`);
      const exact = total * FORZE_ARMATE_QUOTA;
      const posti = Math.floor(exact + 1e-9);
      return { categoria, richiesti: posti, frazione: Math.round((exact - posti) * 100) / 100 };
    }
    return { categoria, richiesti: requireNonNegativeInteger(`riserve[${i}].posti`, r.posti) };
  });
  const limite = Math.floor(total / 2);
  const sum = asked.reduce((n, r) => n + r.richiesti, 0);
  const granted = sum <= limite ? asked.map((r) => r.richiesti) : proportional(asked.map((r) => r.richiesti), limite);
  return {
    postiTotali: total,
    limite,
    ridotte: sum > limite,
    riserve: asked.map((r, i) => ({
      categoria: r.categoria, posti: granted[i], richiesti: r.richiesti,
      ...(r.frazione ? { frazione: r.frazione } : {}), legalSource: RISERVA_SOURCE[r.categoria],
    })),
  };
}

/** Largest-remainder apportionment of `limit` posts in proportion to `asked` (ties: the order of the bando). */
function proportional(asked: readonly number[], limit: number): number[] {
  const sum = asked.reduce((n, a) => n + a, 0);
  const exact = asked.map((a) => (a * limit) / sum);
  const base = exact.map((e) => Math.floor(e + 1e-9));
  let left = limit - base.reduce((n, b) => n + b, 0);
  const order = exact.map((e, i) => ({ i, rest: e - base[i] })).sort((a, b) => b.rest - a.rest || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    base[i] += 1;
    left -= 1;
  }
  return base;
}

export interface RankedCandidate {
  readonly candidateId: string;
  /** Reserve categories the candidate declared in the application and the admission confirmed. */
  readonly riserve?: readonly RiservaCategoria[];
}

export interface Vincitore {
  readonly candidateId: string;
  /** Merit position in the graduatoria (1-based index of the ranked list). */
  readonly rank: number;
  /** 'merito', or the reserve whose post the candidate takes. */
  readonly titolo: 'merito' | RiservaCategoria;
}

/**
 * The winners of `posti` posts, in merit order (S15). Each reserve's posts go to the best placed
 * idonei of that category not yet chosen; what is left goes in merit order to all the others; a
 * reserved post no riservatario can take goes to the next idoneo in merit order. The winners are
 * then the same as "the first `posti` by merit, with at least the reserved number of each category".
 * verify: whether a riservatario placed among the winners on merit alone takes a reserved post (so
 * here, reading art. 5 c. 1-3 DPR 487/1994 as "riserva di posti") or leaves it to the next
 * riservatario (a reading some bandi adopt and administrative case law has upheld).
 */
export function selectVincitori(ranked: readonly RankedCandidate[], posti: number, plan: RiservePlan): Vincitore[] {
  const n = requireNonNegativeInteger('posti', posti);
  const chosen = new Map<number, Vincitore['titolo']>();
  for (const riserva of plan.riserve) {
    let left = riserva.posti;
    ranked.forEach((c, i) => {
      if (left > 0 && chosen.size < n && !chosen.has(i) && (c.riserve ?? []).includes(riserva.categoria)) {
        chosen.set(i, riserva.categoria);
        left -= 1;
      }
    });
  }
  ranked.forEach((_, i) => {
    if (chosen.size < n && !chosen.has(i)) chosen.set(i, 'merito');
  });
  return [...chosen.entries()].sort(([a], [b]) => a - b).map(([i, titolo]) => ({ candidateId: ranked[i].candidateId, rank: i + 1, titolo }));
}
