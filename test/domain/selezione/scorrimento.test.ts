import { describe, expect, it } from 'vitest';
import { matchingProfilo } from '../../../src/domain/selezione/scorrimento.js';

describe('scorrimento only for the graduatoria’s profile (art. 35 c.5-ter D.Lgs. 165/2001; art. 3 c.61 L. 350/2003)', () => {
  it('matches the same profile written differently', () => {
    // when / then
    expect(matchingProfilo('istruttore  AMMINISTRATIVO', ['Istruttore amministrativo'])).toBe('Istruttore amministrativo');
    expect(matchingProfilo('Istruttore amministrativo-contabile', ['Istruttore amministrativo contabile'])).toBe('Istruttore amministrativo contabile');
  });

  it('does not match another profile, or an empty one', () => {
    // when / then
    expect(matchingProfilo('Istruttore tecnico', ['Istruttore amministrativo'])).toBeUndefined();
    expect(matchingProfilo('', ['Istruttore amministrativo'])).toBeUndefined();
  });
});
