import { describe, expect, it } from 'vitest';
import { GraduatoriaRanker } from '../../../src/domain/graduatoria/GraduatoriaRanker.js';
import type { CandidateResult } from '../../../src/domain/graduatoria/GraduatoriaTypes.js';

function candidate(id: string, overrides: Partial<CandidateResult> = {}): CandidateResult {
  return { id, birthDate: '1990-01-01', writtenScores: [24, 24], oralScore: 24, ...overrides };
}

describe('GraduatoriaRanker', () => {
  it('ranks by the mean of the written marks plus the oral mark', () => {
    // given: A = (24+26)/2 + 27 = 52; B = 21 + 21 = 42; C = (27+27)/2 + 21 + titoli 2.5 = 50.5
    const candidates = [
      candidate('B', { writtenScores: [21, 21], oralScore: 21 }),
      candidate('A', { writtenScores: [24, 26], oralScore: 27 }),
      candidate('C', { writtenScores: [27, 27], oralScore: 21, titoliScore: 2.5 }),
    ];
    // when
    const { ranked } = new GraduatoriaRanker().rank(candidates);
    // then
    expect(ranked.map((e) => [e.position, e.candidateId, e.total])).toEqual([
      [1, 'A', 52],
      [2, 'C', 50.5],
      [3, 'B', 42],
    ]);
    expect(ranked[0]?.aheadOfNext).toEqual({ rule: 'punteggio', total: 52, nextTotal: 50.5 });
    expect(ranked[2]?.aheadOfNext).toBeUndefined();
  });

  it('excludes candidates under 21/30 in any test or absent from the oral', () => {
    // given
    const candidates = [
      candidate('ok'),
      candidate('scritto', { writtenScores: [30, 20.99] }),
      candidate('orale', { oralScore: 20 }),
      candidate('assente', { oralScore: undefined }),
    ];
    // when
    const { ranked, excluded } = new GraduatoriaRanker().rank(candidates);
    // then
    expect(ranked.map((e) => e.candidateId)).toEqual(['ok']);
    expect(excluded).toEqual([
      { candidateId: 'scritto', reason: { rule: 'prova-scritta-insufficiente', index: 1, score: 20.99, passMark: 21 } },
      { candidateId: 'orale', reason: { rule: 'prova-orale-insufficiente', score: 20, passMark: 21 } },
      { candidateId: 'assente', reason: { rule: 'prova-orale-non-sostenuta' } },
    ]);
  });

  it('admits exactly the pass mark and honours a pass mark set by the bando', () => {
    // given
    const candidates = [candidate('limite', { writtenScores: [21, 21], oralScore: 21 }), candidate('basso', { writtenScores: [18, 19] })];
    // when
    const standard = new GraduatoriaRanker().rank(candidates);
    const lenient = new GraduatoriaRanker({ writtenPassMark: 18 }).rank(candidates);
    // then
    expect(standard.ranked.map((e) => e.candidateId)).toEqual(['limite']);
    expect(lenient.ranked.map((e) => e.candidateId).sort()).toEqual(['basso', 'limite']);
  });

  it('prefers lodevole servizio over more figli a carico on equal score (hierarchical order)', () => {
    // given: same total 52; lodevole servizio (lett. d) ranks before figli a carico (lett. e)
    const candidates = [
      candidate('figli', { writtenScores: [24, 26], oralScore: 27, preferenceTitles: { 'figli-a-carico': 3 } }),
      candidate('servizio', { writtenScores: [28, 22], oralScore: 27, preferenceTitles: { 'lodevole-servizio': true } }),
    ];
    // when
    const { ranked } = new GraduatoriaRanker().rank(candidates);
    // then
    expect(ranked.map((e) => e.candidateId)).toEqual(['servizio', 'figli']);
    expect(ranked[0]?.aheadOfNext).toMatchObject({ rule: 'titolo-preferenza', code: 'lodevole-servizio' });
  });

  it('prefers more figli a carico between candidates who both have children', () => {
    // given
    const candidates = [
      candidate('uno', { preferenceTitles: { 'figli-a-carico': 1 } }),
      candidate('due', { preferenceTitles: { 'figli-a-carico': 2 } }),
    ];
    // when
    const { ranked } = new GraduatoriaRanker().rank(candidates);
    // then
    expect(ranked.map((e) => e.candidateId)).toEqual(['due', 'uno']);
  });

  it('prefers the younger candidate when score and titles are equal (L. 127/1997)', () => {
    // given
    const candidates = [candidate('older', { birthDate: '1990-05-01' }), candidate('younger', { birthDate: '1995-03-10' })];
    // when
    const { ranked } = new GraduatoriaRanker().rank(candidates);
    // then
    expect(ranked.map((e) => [e.position, e.candidateId])).toEqual([[1, 'younger'], [2, 'older']]);
    expect(ranked[0]?.aheadOfNext).toMatchObject({ rule: 'minore-eta', birthDate: '1995-03-10', nextBirthDate: '1990-05-01' });
  });

  it('applies the under-represented gender before age only when the bando sets it', () => {
    // given: she is younger, he belongs to the gender the bando declares under-represented
    const candidates = [
      candidate('lei', { gender: 'F', birthDate: '1998-01-01' }),
      candidate('lui', { gender: 'M', birthDate: '1985-01-01' }),
    ];
    // when
    const withRule = new GraduatoriaRanker({ underrepresentedGender: 'M' }).rank(candidates);
    const withoutRule = new GraduatoriaRanker().rank(candidates);
    // then
    expect(withRule.ranked.map((e) => e.candidateId)).toEqual(['lui', 'lei']);
    expect(withRule.ranked[0]?.aheadOfNext).toMatchObject({ rule: 'genere-meno-rappresentato', gender: 'M' });
    expect(withoutRule.ranked.map((e) => e.candidateId)).toEqual(['lei', 'lui']);
  });

  it('puts candidates no rule separates at the same position, in a fixed order', () => {
    // given: same marks, no titles, same birth date
    const candidates = [candidate('b'), candidate('a'), candidate('c', { oralScore: 23 })];
    // when
    const first = new GraduatoriaRanker().rank(candidates);
    const again = new GraduatoriaRanker().rank([...candidates].reverse());
    // then
    expect(first.ranked.map((e) => [e.position, e.candidateId])).toEqual([[1, 'a'], [1, 'b'], [3, 'c']]);
    expect(first.ranked[0]?.aheadOfNext).toEqual({ rule: 'ex-aequo' });
    expect(again.ranked).toEqual(first.ranked);
  });

  it('compares means exactly: 21.5, 22.25 and 23 over three tests tie with 22 on each', () => {
    // given: (21.5 + 22.25 + 23) / 3 = 22.25, + 21.75 = 44; 22 + 22 = 44
    const candidates = [
      candidate('decimali', { writtenScores: [21.5, 22.25, 23], oralScore: 21.75, birthDate: '1980-01-01' }),
      candidate('interi', { writtenScores: [22, 22, 22], oralScore: 22, birthDate: '1981-01-01' }),
    ];
    // when
    const { ranked } = new GraduatoriaRanker().rank(candidates);
    // then: the tie is real, so age decides
    expect(ranked.map((e) => e.total)).toEqual([44, 44]);
    expect(ranked[0]).toMatchObject({ candidateId: 'interi', aheadOfNext: { rule: 'minore-eta' } });
  });

  describe('validation', () => {
    it('rejects a duplicate candidate', () => {
      expect(() => new GraduatoriaRanker().rank([candidate('x'), candidate('x')])).toThrow(
        expect.objectContaining({ code: 'DUPLICATE', field: 'candidates[1].id' }),
      );
    });

    it('rejects an invalid birth date', () => {
      expect(() => new GraduatoriaRanker().rank([candidate('x', { birthDate: '1990-02-30' })])).toThrow(
        expect.objectContaining({ code: 'INVALID_DATE', field: 'candidates[0].birthDate' }),
      );
    });

    it('rejects a negative mark and a mark with more than three decimals', () => {
      expect(() => new GraduatoriaRanker().rank([candidate('x', { oralScore: -1 })])).toThrow(
        expect.objectContaining({ code: 'OUT_OF_RANGE', field: 'candidates[0].oralScore' }),
      );
      expect(() => new GraduatoriaRanker().rank([candidate('x', { titoliScore: 1.2345 })])).toThrow(
        expect.objectContaining({ code: 'INVALID_NUMBER', field: 'candidates[0].titoliScore' }),
      );
    });

    it('rejects an unknown preference title and a wrong value type', () => {
      expect(() => new GraduatoriaRanker().rank([candidate('x', { preferenceTitles: { nobile: true } })])).toThrow(
        expect.objectContaining({ code: 'UNKNOWN_VALUE', field: 'candidates[0].preferenceTitles.nobile' }),
      );
      expect(() => new GraduatoriaRanker().rank([candidate('x', { preferenceTitles: { 'figli-a-carico': true } })])).toThrow(
        expect.objectContaining({ code: 'INVALID_NUMBER', field: 'candidates[0].preferenceTitles.figli-a-carico' }),
      );
    });

    it('rejects candidates with a different number of written tests', () => {
      expect(() => new GraduatoriaRanker().rank([candidate('x'), candidate('y', { writtenScores: [24] })])).toThrow(
        expect.objectContaining({ code: 'CONFLICT', field: 'candidates[1].writtenScores' }),
      );
    });
  });
});
