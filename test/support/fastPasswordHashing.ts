import { setPasswordHashCostForTests } from '../../src/db/passwordHash.js';

/**
 * vitest setup file: test accounts are hashed at scrypt N=2^12 instead of OWASP's 2^17 (about 40x cheaper),
 * so the hundreds of test sign-ins stay quick on a shared core. test/db/passwordHash.test.ts and
 * test/web/server/signInHardening.test.ts use the real cost explicitly.
 */
setPasswordHashCostForTests({ N: 2 ** 12, r: 8, p: 1 });
