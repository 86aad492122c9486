import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AppDatabase } from '../../../src/db/index.js';
import { SignInThrottle } from '../../../web/server/auth/SignInThrottle.js';
import { testDatabaseTargets, type TestDatabaseHandle } from '../../db/testDatabases.js';

/** The counters on each app database the app supports: SQLite always, PostgreSQL with TEST_DATABASE_URL. */
const LIMITS = { accountFailures: 3, addressFailures: 5, windowSeconds: 600, lockoutSeconds: 120 };

for (const target of testDatabaseTargets) {
  describe.skipIf(!target.available)(`SignInThrottle on ${target.name}`, () => {
    let handle: TestDatabaseHandle;
    let db: AppDatabase;

    beforeEach(async () => {
      handle = await target.create();
      db = await handle.open();
    });
    afterEach(async () => {
      await handle.cleanup();
    });

    it('counts failures per account (any case) and locks at the limit, the first one marked as news', async () => {
      // given
      const throttle = new SignInThrottle(db.knex, LIMITS);

      // when
      const first = await throttle.recordFailure('Rossi', '203.0.113.1');
      await throttle.recordFailure('rossi', '203.0.113.2');
      const third = await throttle.recordFailure('ROSSI', '203.0.113.3');

      // then
      expect(first.firstInWindow).toEqual({ account: true, address: true });
      expect(third).toMatchObject({ failures: { account: 3, address: 1 }, lockedNow: [{ scope: 'account', retryAfterSeconds: 120 }] });
      expect(await throttle.lockoutOf('rossi', '198.51.100.1')).toMatchObject({ scope: 'account' });
      expect(await throttle.lockoutOf('bianchi', '203.0.113.3')).toBeUndefined();
    });

    it('locks an address at its limit, across accounts', async () => {
      const throttle = new SignInThrottle(db.knex, LIMITS);
      let last;
      for (let i = 0; i < 5; i++) last = await throttle.recordFailure(`user${i}`, '203.0.113.9');
      expect(last!.lockedNow).toEqual([{ scope: 'address', retryAfterSeconds: 120 }]);
      expect(await throttle.lockoutOf('someone-else', '203.0.113.9')).toMatchObject({ scope: 'address' });
    });

    it('clears the account on success and returns the failures before; sweeps spent counters', async () => {
      const throttle = new SignInThrottle(db.knex, LIMITS);
      await throttle.recordFailure('rossi', '203.0.113.1');
      await throttle.recordFailure('rossi', '203.0.113.1');
      expect(await throttle.recordSuccess('rossi')).toBe(2);
      expect((await throttle.recordFailure('rossi', '203.0.113.1')).failures.account).toBe(1);
      expect(await throttle.deleteExpired(Date.now() + 601_000)).toBe(2);
    });
  });
}
