import { describe, expect, it } from 'vitest';
import { esclusione, precedenza } from '../../../workers/selezione/graduatoria.js';

describe('published graduatoria: reasons in words, not rule codes', () => {
  it('says why a candidate precedes at equal merit', () => {
    expect(precedenza({ rule: 'minore-eta', birthDate: '1990-06-15', nextBirthDate: '1980-01-01', legalSource: 'art. 3, c. 7, L. 127/1997' })).toBe('precede per minore età');
    expect(precedenza({ rule: 'titolo-preferenza', code: 'figli', label: 'numero dei figli a carico', legalSource: 'art. 5 DPR 487/1994' })).toBe('precede per titolo di preferenza: numero dei figli a carico');
    expect(precedenza({ rule: 'genere-meno-rappresentato', gender: 'F', legalSource: 'art. 5 DPR 487/1994' })).not.toContain('-');
  });

  it('says why a candidate is not idoneo, with the marks written the Italian way', () => {
    expect(esclusione({ rule: 'prova-scritta-insufficiente', index: 0, score: 19.5, passMark: 21 })).toBe('prova scritta insufficiente (voto 19,5, minimo 21)');
    expect(esclusione({ rule: 'prova-orale-non-sostenuta' })).toBe('prova orale non sostenuta');
  });
});
