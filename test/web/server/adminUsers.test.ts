import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { searchAuditTrail } from '../../../src/audit/index.js';
import { openAppDatabase, UserStore, type AppDatabase } from '../../../src/db/index.js';
import { createApp } from '../../../web/server/createApp.js';
import { seedDemoUsers } from '../../../web/server/seed/seedDemoUsers.js';
import { InMemoryEngine } from '../support/InMemoryEngine.js';
import { demoPassword, serve, WebClient, signedInClient } from '../support/webClient.js';

let db: AppDatabase;
let server: { url: string; close(): Promise<void> };

const signedIn = (username: string, password?: string) => signedInClient(server.url, username, password);
const patch = (c: WebClient, p: string, body: unknown) => c.request('PATCH', p, body);

beforeAll(async () => {
  db = await openAppDatabase({ dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'web-users-')), log: () => undefined });
  await seedDemoUsers(db.knex, { passwordOf: demoPassword });
  server = await serve(createApp({ db, engine: new InMemoryEngine() }));
});

afterAll(async () => {
  await server?.close();
  await db?.close();
});

describe('UserStore.list', () => {
  it('lists every account by username without password hashes', async () => {
    // when
    const users = await new UserStore(db.knex).list();

    // then
    expect(users.map((u) => u.username)).toEqual([...users.map((u) => u.username)].sort());
    expect(users.map((u) => u.username)).toEqual(expect.arrayContaining(['admin', 'auditor', 'comune', 'designer', 'provincia']));
    expect(JSON.stringify(users)).not.toMatch(/scrypt|password/i);
  });
});

describe('/api/users: administrators only', () => {
  it('refuses every non-admin role with 403 and anonymous callers with 401', async () => {
    for (const role of ['designer', 'provincia', 'comune', 'auditor']) {
      const c = await signedIn(role);
      expect((await c.get('/api/users')).status, role).toBe(403);
      expect((await c.post('/api/users', { username: 'intruso', displayName: 'X', password: 'long-enough-pw', roles: ['admin'] })).status, role).toBe(403);
      expect((await patch(c, '/api/users/admin', { active: false })).status, role).toBe(403);
    }
    const anonymous = new WebClient(server.url);
    await anonymous.get('/api/session');
    expect((await anonymous.get('/api/users')).status).toBe(401);
    expect(await new UserStore(db.knex).findByUsername('intruso')).toBeUndefined();
  });

  it('lists accounts with roles, Comune scope and state', async () => {
    const res = await (await signedIn('admin')).get('/api/users');
    expect(res.status).toBe(200);
    expect(res.body.items).toContainEqual(expect.objectContaining({ username: 'comune', roles: ['comune'], comuniIstat: ['108033'], active: true }));
    expect(JSON.stringify(res.body)).not.toMatch(/hash/i);
  });

  it('creates a Comune user who can sign in, deactivates them (they are out at once), resets a password', async () => {
    // given
    const admin = await signedIn('admin');

    // when: create
    const created = await admin.post('/api/users', { username: 'desio', displayName: 'Comune di Desio', password: 'desio-secret-1', roles: ['comune'], comuniIstat: ['108023'], email: 'personale@comune.desio.mb.it' });
    const desio = await signedIn('desio', 'desio-secret-1');
    const me = await desio.get('/api/session');

    // then
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ username: 'desio', comuniIstat: ['108023'], email: 'personale@comune.desio.mb.it', notifyTasks: false });
    expect(me.body.user).toMatchObject({ username: 'desio', comuni: ['108023'], groups: ['comune-108023'] });

    // when: deactivate
    expect((await patch(admin, '/api/users/desio', { active: false })).body).toMatchObject({ active: false });

    // then: the open session no longer counts, and signing in fails
    expect((await desio.get('/api/tasks')).status).toBe(401);
    expect((await new WebClient(server.url).signIn('desio', 'desio-secret-1')).status).toBe(401);

    // when: reactivate with a new password
    await patch(admin, '/api/users/desio', { active: true, password: 'desio-secret-2' });

    // then
    expect((await new WebClient(server.url).signIn('desio', 'desio-secret-1')).status).toBe(401);
    expect((await new WebClient(server.url).signIn('desio', 'desio-secret-2')).status).toBe(200);
    const { items } = await searchAuditTrail(db, { action: 'user.update' });
    expect(items.map((e) => e.data)).toContainEqual({ active: true, passwordReset: true });
    expect(JSON.stringify(items)).not.toContain('desio-secret');
  });

  it('refuses bad input: a Comune user without a Comune, a Provincia user without a service, a bad e-mail, self-deactivation', async () => {
    const admin = await signedIn('admin');
    const base = { displayName: 'X', password: 'long-enough-pw' };
    expect((await admin.post('/api/users', { ...base, username: 'c1', roles: ['comune'] })).body.code).toBe('INVALID_COMUNI');
    expect((await admin.post('/api/users', { ...base, username: 'p1', roles: ['provincia'] })).body.code).toBe('INVALID_ROLES');
    expect((await admin.post('/api/users', { ...base, username: 'e1', roles: ['designer'], email: 'not-an-address' })).body.code).toBe('INVALID_EMAIL');
    expect((await admin.post('/api/users', { ...base, username: 'admin', roles: ['designer'] })).status).toBe(409);
    expect((await patch(admin, '/api/users/admin', { active: false })).status).toBe(409);
    expect((await patch(admin, '/api/users/designer', { password: 'short' })).status).toBe(400);
  });
});

describe('/api/profile: a user opts in to new-task e-mails', () => {
  it('sets the address and the opt-in; opting out keeps the address', async () => {
    // given
    const comune = await signedIn('comune');

    // when
    const on = await patch(comune, '/api/profile', { email: 'personale@comune.monza.mb.it', notifyTasks: true });
    const off = await patch(comune, '/api/profile', { notifyTasks: false });
    const bad = await patch(comune, '/api/profile', { email: 'x@' });

    // then
    expect(on.body).toMatchObject({ email: 'personale@comune.monza.mb.it', notifyTasks: true });
    expect(off.body).toMatchObject({ email: 'personale@comune.monza.mb.it', notifyTasks: false });
    expect(bad.status).toBe(400);
    expect((await new UserStore(db.knex).findByUsername('comune'))?.taskMailSince).toBeUndefined();
  });
});
