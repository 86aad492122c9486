import { describe, expect, it } from 'vitest';
import { computeRiservePosti, selectVincitori } from '../../../src/domain/selezione/riserve.js';

describe('riserve di posti (art. 5 c.1-3 DPR 487/1994; L. 68/1999; D.Lgs. 66/2010 artt. 678 e 1014)', () => {
  it('reserves 30% of the posts to the Armed Forces volunteers when the bando states no number (art. 1014 c.3)', () => {
    // when
    const plan = computeRiservePosti(10, [{ categoria: 'forze-armate' }]);
    // then
    expect(plan.riserve).toEqual([expect.objectContaining({ categoria: 'forze-armate', posti: 3, richiesti: 3 })]);
    expect(plan.ridotte).toBe(false);
  });

  it('keeps the fraction of a post for the next concorsi instead of rounding up (art. 1014 c.4): 30% of 5 is 1 post and 0.5', () => {
    // when
    const plan = computeRiservePosti(5, [{ categoria: 'forze-armate' }]);
    // then
    expect(plan.riserve[0]).toEqual(expect.objectContaining({ posti: 1, frazione: 0.5 }));
  });

  it('cuts the reserves in proportion when together they exceed half of the posts (art. 5 c.1-2)', () => {
    // given: 4 posts, the bando asks 2 for disabili (L. 68/1999) and 30% (1) for the Armed Forces: 3 > 2
    // when
    const plan = computeRiservePosti(4, [{ categoria: 'disabili', posti: 2 }, { categoria: 'forze-armate' }]);
    // then: 2 × 2/3 = 1.33 and 1 × 2/3 = 0.67: one each, two in all
    expect(plan.limite).toBe(2);
    expect(plan.ridotte).toBe(true);
    expect(plan.riserve.map((r) => [r.categoria, r.richiesti, r.posti])).toEqual([['disabili', 2, 1], ['forze-armate', 1, 1]]);
  });

  it('refuses a disabili reserve without a number, and a category stated twice', () => {
    // when / then
    expect(() => computeRiservePosti(4, [{ categoria: 'disabili' }])).toThrow(/riserve\[0\]\.posti/);
    expect(() => computeRiservePosti(4, [{ categoria: 'forze-armate' }, { categoria: 'forze-armate', posti: 1 }])).toThrow(/riserve\[1\]\.categoria/);
    expect(() => computeRiservePosti(4, [{ categoria: 'orfani' as never, posti: 1 }])).toThrow(/riserve\[0\]\.categoria/);
  });

  it('gives the reserved post to the best riservatario even when placed below the last winner on merit', () => {
    // given: 3 posts, 1 reserved to the Armed Forces; the volunteers are 4th and 5th
    const ranked = [{ candidateId: 'A' }, { candidateId: 'B' }, { candidateId: 'C' }, { candidateId: 'D', riserve: ['forze-armate' as const] }, { candidateId: 'E', riserve: ['forze-armate' as const] }];
    const plan = computeRiservePosti(3, [{ categoria: 'forze-armate', posti: 1 }]);
    // when
    const winners = selectVincitori(ranked, 3, plan);
    // then: A and B on merit, D on the reserve; C is idoneo, not a winner
    expect(winners).toEqual([
      { candidateId: 'A', rank: 1, titolo: 'merito' },
      { candidateId: 'B', rank: 2, titolo: 'merito' },
      { candidateId: 'D', rank: 4, titolo: 'forze-armate' },
    ]);
  });

  it('gives a reserved post nobody can take to the next idoneo in merit order', () => {
    // when
    const winners = selectVincitori([{ candidateId: 'A' }, { candidateId: 'B' }, { candidateId: 'C' }], 2, computeRiservePosti(2, [{ categoria: 'disabili', posti: 1 }]));
    // then
    expect(winners.map((w) => [w.candidateId, w.titolo])).toEqual([['A', 'merito'], ['B', 'merito']]);
  });
});
