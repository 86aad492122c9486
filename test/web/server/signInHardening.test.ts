import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { searchAuditTrail } from '../../../src/audit/index.js';
import { hashPassword, openAppDatabase, UserStore, type AppDatabase } from '../../../src/db/index.js';
import { OWASP_SCRYPT_COST, passwordHashCost, setPasswordHashCostForTests } from '../../../src/db/passwordHash.js';
import { createApp, type AppDeps } from '../../../web/server/createApp.js';
import { SignInThrottle, type SignInLimits } from '../../../web/server/auth/SignInThrottle.js';
import { InMemoryEngine } from '../support/InMemoryEngine.js';
import { serve, WebClient, signedInClient } from '../support/webClient.js';

/**
 * Sign-in hardening (OWASP ASVS 4.0.3 V2.2.1, V2.4, V3.3, V3.4, V9.1): lockout per account and per address
 * counted in the app database, a bounded audit trail for failures, sessions ended by a password change,
 * scrypt at OWASP's cost with rehash at sign-in, Secure cookie and HSTS, TRUST_PROXY. Real HTTP on loopback,
 * real SQLite.
 */
let db: AppDatabase;
let users: UserStore;
let server: { url: string; close(): Promise<void> } | undefined;

const LIMITS: SignInLimits = { accountFailures: 3, addressFailures: 6, windowSeconds: 600, lockoutSeconds: 120 };

async function start(deps: Partial<AppDeps> = {}): Promise<string> {
  await server?.close();
  server = await serve(createApp({ db, engine: new InMemoryEngine(), signInLimits: LIMITS, ...deps }));
  return server.url;
}

const from = (url: string, address?: string) => {
  const c = new WebClient(url);
  if (address) c.headers['x-forwarded-for'] = address;
  return c;
};

beforeEach(async () => {
  db = await openAppDatabase({ dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'sign-in-')), log: () => undefined });
  users = new UserStore(db.knex);
  await users.create({ username: 'rossi', displayName: 'Mario Rossi', password: 'rossi-password-1', roles: ['comune'], comuniIstat: ['108033'] });
  await users.create({ username: 'bianchi', displayName: 'Anna Bianchi', password: 'bianchi-password-1', roles: ['admin'] });
});

afterEach(async () => {
  await server?.close();
  server = undefined;
  await db.close();
});

describe('lockout per account', () => {
  it('locks the account after the limit, even for the right password, and keeps other accounts open', async () => {
    // given
    const url = await start();
    const attacker = from(url);

    // when
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await attacker.signIn('rossi', `guess-${i}`)).status);
    const rightPassword = await from(url).signIn('rossi', 'rossi-password-1');

    // then
    expect(statuses).toEqual([401, 401, 429]);
    expect(rightPassword.status).toBe(429);
    expect(rightPassword.body).toMatchObject({ code: 'SIGN_IN_LOCKED' });
    expect(Number(rightPassword.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await from(url).signIn('bianchi', 'bianchi-password-1')).status).toBe(200);
  });

  it('keeps the lockout across a restart of the app (the counts are in the app database)', async () => {
    // given
    let url = await start();
    for (let i = 0; i < 3; i++) await from(url).signIn('rossi', `guess-${i}`);

    // when
    url = await start();

    // then
    expect((await from(url).signIn('rossi', 'rossi-password-1')).status).toBe(429);
  });

  it('records the first failure and the lockout, and counts the attempts in between', async () => {
    // given
    const url = await start();

    // when
    for (let i = 0; i < 3; i++) await from(url).signIn('rossi', `guess-${i}`);

    // then
    const failed = await searchAuditTrail(db, { action: 'auth.sign-in-failed' });
    const locked = await searchAuditTrail(db, { action: 'auth.sign-in-locked' });
    expect(failed.items).toHaveLength(1);
    expect(locked.items.map((e) => e.data)).toEqual([expect.objectContaining({ scope: 'account', failures: 3, lockoutSeconds: 120 })]);
  });

  it('clears the account’s count on a correct password and says how many failures came before', async () => {
    // given
    const url = await start();
    for (let i = 0; i < 2; i++) await from(url).signIn('rossi', `guess-${i}`);

    // when
    const ok = await from(url).signIn('rossi', 'rossi-password-1');
    const again = [];
    for (let i = 0; i < 2; i++) again.push((await from(url).signIn('rossi', `guess-${i}`)).status);

    // then
    expect(ok.status).toBe(200);
    expect(again).toEqual([401, 401]);
    const signIn = await searchAuditTrail(db, { action: 'auth.sign-in', actorId: 'rossi' });
    expect(signIn.items[0].data).toMatchObject({ failedAttemptsBefore: 2 });
  });
});

describe('lockout per client address', () => {
  it('locks an address spraying made-up usernames, with one failure entry and one lockout entry in the trail', async () => {
    // given: behind one trusted proxy, so two client addresses can be told apart on loopback
    const url = await start({ trustProxy: 1 });
    const sprayer = '203.0.113.7';

    // when
    const statuses = [];
    for (let i = 0; i < 8; i++) statuses.push((await from(url, sprayer).signIn(`user${i}`, 'Password1!')).status);
    const realUserSameAddress = await from(url, sprayer).signIn('bianchi', 'bianchi-password-1');
    const realUserOtherAddress = await from(url, '198.51.100.20').signIn('bianchi', 'bianchi-password-1');

    // then
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429, 429]);
    expect(realUserSameAddress.status).toBe(429);
    expect(realUserOtherAddress.status).toBe(200);
    const failed = await searchAuditTrail(db, { action: 'auth.sign-in-failed' });
    expect(failed.items.map((e) => e.data.ip)).toEqual([sprayer]);
    const locked = await searchAuditTrail(db, { action: 'auth.sign-in-locked' });
    expect(locked.items.map((e) => e.data)).toEqual([expect.objectContaining({ scope: 'address', ip: sprayer, failures: 6 })]);
  });
});

describe('TRUST_PROXY', () => {
  it('takes the client address from the address our proxy appended to X-Forwarded-For, only when trusted', async () => {
    // given: the client put a forged address first, the proxy appended the real one
    const forwarded = '10.66.66.66, 203.0.113.9';

    // when
    await from(await start({ trustProxy: 1 }), forwarded).signIn('rossi', 'rossi-password-1');
    await from(await start(), forwarded).signIn('bianchi', 'bianchi-password-1');

    // then
    const trusted = await searchAuditTrail(db, { action: 'auth.sign-in', actorId: 'rossi' });
    const untrusted = await searchAuditTrail(db, { action: 'auth.sign-in', actorId: 'bianchi' });
    expect(trusted.items[0].data.ip).toBe('203.0.113.9');
    expect(untrusted.items[0].data.ip).toMatch(/127\.0\.0\.1$/);
  });
});

describe('Secure cookie and HSTS', () => {
  const sessionCookie = (res: { headers: Headers }) => res.headers.getSetCookie().find((c) => c.startsWith('hr.sid='));

  it('in production: Secure session cookie and Strict-Transport-Security on every response', async () => {
    // given
    const url = await start({ secureCookies: true });

    // when
    const res = await from(url).signIn('rossi', 'rossi-password-1');

    // then
    expect(res.status).toBe(200);
    expect(sessionCookie(res)).toMatch(/;\s*secure/i);
    expect(sessionCookie(res)).toMatch(/;\s*httponly/i);
    expect(res.headers.get('strict-transport-security')).toMatch(/max-age=31536000/);
  });

  it('behind a trusted TLS proxy (X-Forwarded-Proto: https) outside production too, and never from an untrusted header', async () => {
    // given
    const viaProxy = from(await start({ trustProxy: 1 }));
    viaProxy.headers['x-forwarded-proto'] = 'https';

    // when
    const proxied = await viaProxy.get('/api/session');
    const direct = from(await start());
    direct.headers['x-forwarded-proto'] = 'https';
    const forged = await direct.get('/api/session');

    // then
    expect(sessionCookie(proxied)).toMatch(/;\s*secure/i);
    expect(proxied.headers.get('strict-transport-security')).toMatch(/max-age=/);
    expect(sessionCookie(forged)).not.toMatch(/;\s*secure/i);
    expect(forged.headers.get('strict-transport-security')).toBeNull();
  });
});

describe('a password change or reset ends the user’s other sessions', () => {
  it('changing one’s own password signs out the other sessions and keeps this one', async () => {
    // given
    const url = await start();
    const laptop = await signedInClient(url, 'rossi', 'rossi-password-1');
    const stolen = await signedInClient(url, 'rossi', 'rossi-password-1');

    // when
    const res = await laptop.request('PUT', '/api/profile/password', { currentPassword: 'rossi-password-1', newPassword: 'rossi-password-2' });

    // then
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.otherSessionsEnded).toBe(1);
    expect((await laptop.get('/api/session')).body.user?.username).toBe('rossi');
    expect((await stolen.get('/api/session')).body.user).toBeNull();
    expect((await from(url).signIn('rossi', 'rossi-password-1')).status).toBe(401);
    expect((await from(url).signIn('rossi', 'rossi-password-2')).status).toBe(200);
    const ended = await searchAuditTrail(db, { action: 'auth.sessions-ended' });
    expect(ended.items.map((e) => e.data)).toEqual([{ reason: 'password-change', sessions: 1 }]);
  });

  it('refuses a change with the wrong current password and changes nothing', async () => {
    const url = await start();
    const laptop = await signedInClient(url, 'rossi', 'rossi-password-1');
    const other = await signedInClient(url, 'rossi', 'rossi-password-1');
    const res = await laptop.request('PUT', '/api/profile/password', { currentPassword: 'nope', newPassword: 'rossi-password-2' });
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ code: 'WRONG_PASSWORD', field: 'currentPassword' });
    expect((await other.get('/api/session')).body.user?.username).toBe('rossi');
  });

  it('an administrator’s reset signs the user out everywhere', async () => {
    // given
    const url = await start();
    const rossi = await signedInClient(url, 'rossi', 'rossi-password-1');
    const admin = await signedInClient(url, 'bianchi', 'bianchi-password-1');

    // when
    const res = await admin.request('PATCH', '/api/users/rossi', { password: 'reset-by-admin-1' });

    // then
    expect(res.status).toBe(200);
    expect((await rossi.get('/api/session')).body.user).toBeNull();
    expect((await admin.get('/api/session')).body.user?.username).toBe('bianchi');
  });
});

describe('scrypt at OWASP’s cost, old hashes rehashed at sign-in', () => {
  let testCost: ReturnType<typeof passwordHashCost>;
  beforeAll(() => {
    testCost = passwordHashCost();
    setPasswordHashCostForTests(OWASP_SCRYPT_COST);
  });
  afterAll(() => setPasswordHashCostForTests(testCost));

  it('replaces a 2^14 hash with a 2^17 one when the user signs in, and the password still works', async () => {
    // given: an account hashed as this app did before (N=16384)
    await db.knex('users').where({ username: 'rossi' }).update({ password_hash: await hashPassword('rossi-password-1', { N: 16384, r: 8, p: 1 }) });
    const url = await start();

    // when
    const first = await from(url).signIn('rossi', 'rossi-password-1');

    // then
    expect(first.status).toBe(200);
    const { password_hash: stored } = (await db.knex('users').where({ username: 'rossi' }).first()) as { password_hash: string };
    expect(stored).toMatch(/^scrypt\$131072\$8\$1\$/);
    expect((await from(url).signIn('rossi', 'rossi-password-1')).status).toBe(200);
  });
});

describe('the counters table stays small', () => {
  it('sweeps counters whose window is over', async () => {
    // given
    const url = await start();
    await from(url).signIn('rossi', 'guess');
    const sweeper = new SignInThrottle(db.knex, LIMITS);
    expect(Number((await db.knex('sign_in_limits').count({ n: '*' }))[0].n)).toBe(2);

    // when
    const removed = await sweeper.deleteExpired(Date.now() + (LIMITS.windowSeconds + 1) * 1000);

    // then
    expect(removed).toBe(2);
    expect(Number((await db.knex('sign_in_limits').count({ n: '*' }))[0].n)).toBe(0);
  });
});
