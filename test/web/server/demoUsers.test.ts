import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { hashPassword, openAppDatabase, UserStore } from '../../../src/db/index.js';
import { startWebServer, type WebServer } from '../../../web/server/startWebServer.js';
import { DEMO_USERS } from '../../../web/server/seed/seedDemoUsers.js';
import { WebClient, signedInClient } from '../support/webClient.js';

/**
 * SEED_DEMO_USERS: no demo accounts unless asked; asked, each gets a random password printed once; false
 * removes the ones made earlier. The web server as `npm start` runs it (real HTTP, real SQLite); the engine
 * is not needed for signing in, so its address points nowhere.
 */
const running: WebServer[] = [];
const dirs: string[] = [];

async function start(dataDir: string, seedDemoUsers: boolean | undefined, port = 0): Promise<WebServer> {
  const web = await startWebServer({ port, dataDir, restAddress: 'http://127.0.0.1:9', seedDemoUsers, log: () => undefined });
  running.push(web);
  return web;
}

async function stop(web: WebServer): Promise<void> {
  running.splice(running.indexOf(web), 1);
  await web.close();
}

const freshDir = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'demo-users-'));
  dirs.push(dir);
  return dir;
};
const url = (web: WebServer) => web.url.replace(/\/$/, '');
const signInStatus = async (web: WebServer, username: string, password: string) => (await new WebClient(url(web)).signIn(username, password)).status;

afterEach(async () => {
  for (const web of running.splice(0)) await web.close();
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe('SEED_DEMO_USERS unset: no demo accounts', () => {
  it('creates none, and on an empty database one administrator with a random password, printed once', async () => {
    // given / when
    const dir = freshDir();
    const web = await start(dir, undefined);

    // then
    expect(web.demoUsers).toEqual([]);
    for (const demo of DEMO_USERS) expect(await signInStatus(web, demo.username, `${demo.username}-demo`), demo.username).toBe(401);
    const admin = web.firstAdministrator!;
    expect(admin).toMatchObject({ username: 'amministratore', roles: ['admin'] });
    expect(admin.password).toMatch(/^[\w-]{16}$/);
    expect((await (await signedInClient(url(web), admin.username, admin.password)).get('/api/users')).status).toBe(200);
    await stop(web);
    expect((await start(dir, undefined)).firstAdministrator).toBeUndefined();
  });
});

describe('SEED_DEMO_USERS=true', () => {
  it('creates the demo accounts with random passwords, returned once for the start log', async () => {
    // given / when
    const dir = freshDir();
    const web = await start(dir, true);

    // then
    expect(web.demoUsers.map((u) => u.username)).toEqual(DEMO_USERS.map((u) => u.username));
    const passwords = web.demoUsers.map((u) => u.password);
    expect(new Set(passwords).size).toBe(passwords.length);
    for (const u of web.demoUsers) {
      expect(u.password).not.toBe(`${u.username}-demo`);
      expect(await signInStatus(web, u.username, u.password), u.username).toBe(200);
    }
    expect(web.demoUsers.find((u) => u.username === 'comune')?.roles).toEqual(['comune', 'comune-108033']);
    expect(web.firstAdministrator).toBeUndefined();
    await stop(web);
    const again = await start(dir, true);
    expect(again.demoUsers).toEqual([]);
    expect(await signInStatus(again, 'designer', passwords[0])).toBe(200);
  });

  it('gives a demo account left with its old published password (admin-demo) a new random one', async () => {
    // given: an app database from before, with the fixed demo password hashed at the old cost
    const dir = freshDir();
    const db = await openAppDatabase({ dataDir: dir, log: () => undefined });
    const users = new UserStore(db.knex);
    const old = DEMO_USERS.find((u) => u.username === 'admin')!;
    const created = await users.create({ ...old, password: 'placeholder-1' });
    await db.knex('users').where({ id: created.id }).update({ password_hash: await hashPassword('admin-demo', { N: 16384, r: 8, p: 1 }) });
    await db.close();

    // when
    const web = await start(dir, true);

    // then
    const admin = web.demoUsers.find((u) => u.username === 'admin');
    expect(admin?.password).toMatch(/^[\w-]{16}$/);
    expect(await signInStatus(web, 'admin', 'admin-demo')).toBe(401);
    expect(await signInStatus(web, 'admin', admin!.password)).toBe(200);
  });
});

describe('SEED_DEMO_USERS=false', () => {
  it('removes the demo accounts made earlier, with their sessions, and keeps real accounts', async () => {
    // given: demo accounts, a signed-in demo session, a real administrator, and a real account called `auditor`
    const dir = freshDir();
    const seeded = await start(dir, true);
    const adminPassword = seeded.demoUsers.find((u) => u.username === 'admin')!.password;
    const admin = await signedInClient(url(seeded), 'admin', adminPassword);
    expect((await admin.post('/api/users', { username: 'rossi', displayName: 'Mario Rossi', password: 'rossi-password-1', roles: ['admin'] })).status).toBe(201);
    await stop(seeded);
    const db = await openAppDatabase({ dataDir: dir, log: () => undefined });
    await db.knex('users').where({ username: 'auditor' }).update({ display_name: 'Dott.ssa Verdi, revisore dei conti' });
    await db.close();

    // when: restarted on the same address, so the demo session's cookie is sent again
    const web = await start(dir, false, Number(new URL(seeded.url).port));

    // then
    expect(web.removedDemoUsers).toEqual(['designer', 'provincia', 'comune', 'admin']);
    expect(await signInStatus(web, 'admin', adminPassword)).toBe(401);
    expect((await admin.get('/api/session')).body.user).toBeNull();
    expect(await signInStatus(web, 'rossi', 'rossi-password-1')).toBe(200);
    const remaining = await new UserStore(web.db.knex).list();
    expect(remaining.map((u) => u.username)).toEqual(['auditor', 'rossi']);
    expect(web.firstAdministrator).toBeUndefined();
  });
});
