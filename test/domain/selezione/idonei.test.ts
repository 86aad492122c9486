import { describe, expect, it } from 'vitest';
import { computeIdoneiLimit } from '../../../src/domain/selezione/idonei.js';

describe('idonei limit (art. 35 c.5-ter D.Lgs. 165/2001, DL 44/2023)', () => {
  it('allows idonei up to 20% of the posts, rounded up: 3 posts give 1, 10 give 2, 11 give 3', () => {
    // when / then
    expect([3, 10, 11].map((p) => computeIdoneiLimit(p, { applies: true, approvalDate: '2026-05-25' }).maxIdonei)).toEqual([1, 2, 3]);
  });

  it('sets no limit when the bando does not apply it, and says what to verify', () => {
    // when
    const limit = computeIdoneiLimit(3, { applies: false });
    // then
    expect(limit.maxIdonei).toBeUndefined();
    expect(limit.verify).toMatch(/enti locali/);
    expect(limit.legalSource).toContain('art. 35, c. 5-ter');
  });

  it('sets no limit for a graduatoria approved in 2025, while DL 25/2025 suspends it', () => {
    // when
    const limit = computeIdoneiLimit(3, { applies: true, approvalDate: '2025-06-30' });
    // then
    expect(limit).toEqual(expect.objectContaining({ applies: false }));
    expect(limit.legalSource).toContain('DL 25/2025');
  });

  it('refuses a concorso without posts', () => {
    expect(() => computeIdoneiLimit(0, { applies: true })).toThrow(/postiBanditi/);
  });
});
