import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/**
 * Passwords are stored as `scrypt$N$r$p$salt$key` (base64url parts), so the cost can be raised
 * later while old hashes still verify with the parameters they were made with (and are rehashed at
 * the next sign-in, see needsRehash).
 */
export type ScryptCost = Required<Pick<ScryptOptions, 'N' | 'r' | 'p'>>;

/**
 * OWASP Password Storage Cheat Sheet (scrypt): "a minimum CPU/memory cost parameter of (2^17), a
 * minimum block size of 8 (1024 bytes), and a parallelization parameter of 1" (ASVS 4.0.3 V2.4.3).
 * 128 MiB and a few hundred milliseconds per hash on a server core.
 */
export const OWASP_SCRYPT_COST: ScryptCost = Object.freeze({ N: 2 ** 17, r: 8, p: 1 });
const KEY_LENGTH = 64;
const SALT_LENGTH = 16;

let currentCost: ScryptCost = OWASP_SCRYPT_COST;

/** The cost new hashes get. */
export const passwordHashCost = (): ScryptCost => currentCost;

/**
 * For the test suite only (test/support/fastPasswordHashing.ts, a vitest setup file): hundreds of test
 * accounts and sign-ins at 2^17 would take minutes on a shared CI core. Nothing outside test/ calls it,
 * and no environment variable reaches it, so a deployment always hashes at OWASP_SCRYPT_COST.
 */
export function setPasswordHashCostForTests(cost: ScryptCost): void {
  currentCost = Object.freeze({ ...cost });
}

function deriveKey(password: string, salt: Buffer, cost: ScryptCost): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    // maxmem must cover 128 * N * r bytes; the default (32 MiB) is too tight for N = 2^15+.
    scrypt(password.normalize('NFC'), salt, KEY_LENGTH, { ...cost, maxmem: 256 * cost.N * cost.r }, (err, key) =>
      err ? reject(err) : resolve(key),
    );
  });
}

export async function hashPassword(password: string, cost: ScryptCost = currentCost): Promise<string> {
  if (password.length === 0) throw new Error('password must not be empty');
  const salt = randomBytes(SALT_LENGTH);
  const key = await deriveKey(password, salt, cost);
  return ['scrypt', cost.N, cost.r, cost.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

function parse(stored: string): { cost: ScryptCost; salt: Buffer; key: Buffer } | undefined {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return undefined;
  const [N, r, p] = parts.slice(1, 4).map(Number);
  // Bounded so a corrupted row cannot make us allocate gigabytes.
  if (![N, r, p].every((n) => Number.isSafeInteger(n) && n > 0 && n <= 1 << 20)) return undefined;
  const salt = Buffer.from(parts[4], 'base64url');
  const key = Buffer.from(parts[5], 'base64url');
  if (salt.length === 0 || key.length !== KEY_LENGTH) return undefined;
  return { cost: { N, r, p }, salt, key };
}

/** False for a wrong password and for a stored value that is not one of our hashes. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parse(stored);
  if (!parsed) return false;
  const actual = await deriveKey(password, parsed.salt, parsed.cost);
  return timingSafeEqual(actual, parsed.key);
}

/** Whether a (verified) stored hash was made with another cost than new hashes get: rehash it at sign-in. */
export function needsRehash(stored: string, cost: ScryptCost = currentCost): boolean {
  const parsed = parse(stored);
  return !parsed || parsed.cost.N !== cost.N || parsed.cost.r !== cost.r || parsed.cost.p !== cost.p;
}
