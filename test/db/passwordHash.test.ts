import { describe, expect, it } from 'vitest';
import { hashPassword, needsRehash, OWASP_SCRYPT_COST, verifyPassword } from '../../src/db/index.js';

describe('password hashing (scrypt)', () => {
  it('verifies the password it hashed', async () => {
    const stored = await hashPassword('Concorso-2025!');
    expect(stored).toMatch(/^scrypt\$\d+\$8\$1\$[\w-]+\$[\w-]+$/);
    expect(await verifyPassword('Concorso-2025!', stored)).toBe(true);
  });

  it('hashes at OWASP’s recommended scrypt cost (N=2^17, r=8, p=1) outside the test suite', async () => {
    // given: the suite's setup file lowers the cost for speed; the deployed default is the constant
    expect(OWASP_SCRYPT_COST).toEqual({ N: 131072, r: 8, p: 1 });

    // when
    const stored = await hashPassword('Concorso-2025!', OWASP_SCRYPT_COST);

    // then
    expect(stored).toMatch(/^scrypt\$131072\$8\$1\$/);
    expect(await verifyPassword('Concorso-2025!', stored)).toBe(true);
    expect(needsRehash(stored, OWASP_SCRYPT_COST)).toBe(false);
    expect(needsRehash(await hashPassword('x', { N: 16384, r: 8, p: 1 }), OWASP_SCRYPT_COST)).toBe(true);
  });

  it('rejects a wrong password', async () => {
    const stored = await hashPassword('Concorso-2025!');
    expect(await verifyPassword('concorso-2025!', stored)).toBe(false);
    expect(await verifyPassword('', stored)).toBe(false);
  });

  it('salts every hash', async () => {
    expect(await hashPassword('same')).not.toBe(await hashPassword('same'));
  });

  it('treats the two Unicode forms of an accented password as the same password', async () => {
    const stored = await hashPassword('perch\u00e9');
    expect(await verifyPassword('perche\u0301', stored)).toBe(true);
  });

  it('rejects stored values that are not scrypt hashes, without throwing', async () => {
    for (const stored of ['', 'plain', 'scrypt$1$2$3$$', 'bcrypt$x$y$z$a$b', 'scrypt$99999999$8$1$c2FsdA$a2V5']) {
      expect(await verifyPassword('x', stored), stored).toBe(false);
    }
  });

  it('refuses to hash an empty password', async () => {
    await expect(hashPassword('')).rejects.toThrow(/empty/);
  });
});
