import { describe, expect, it } from 'vitest';
import { deadlineKindName } from '../../../src/domain/index.js';

describe('deadlineKindName', () => {
  it('names a legal term in Italian by its kind', () => {
    // given / when / then
    expect(deadlineKindName('contestazione-addebito')).toBe('Contestazione dell’addebito');
    expect(deadlineKindName('chiusura-domande-bando')).toBe('Chiusura delle domande del bando');
  });

  it('knows nothing of an unknown kind or of a key inherited from Object', () => {
    // given / when / then
    expect(deadlineKindName('nonesiste')).toBeUndefined();
    expect(deadlineKindName('toString')).toBeUndefined();
    expect(deadlineKindName(undefined)).toBeUndefined();
  });
});
