import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { searchAuditTrail } from '../../../src/audit/index.js';
import { openAppDatabase, type AppDatabase } from '../../../src/db/index.js';
import { createApp } from '../../../web/server/createApp.js';
import { seedDemoUsers } from '../../../web/server/seed/seedDemoUsers.js';
import { InMemoryEngine } from '../support/InMemoryEngine.js';
import { demoPassword, serve, WebClient } from '../support/webClient.js';

let db: AppDatabase;
let server: { url: string; close(): Promise<void> };
const engine = new InMemoryEngine();
const upd = engine.addDefinition('procedimento-disciplinare');
const sel = engine.addDefinition('selezione-personale');
const monza = engine.addInstance(upd, { codiceIstat: '108033', idProcedimento: 'UPD-2025-001' });
const lissone = engine.addInstance(upd, { codiceIstat: '108028', idProcedimento: 'UPD-2025-002' });
const concorso = engine.addInstance(sel, { comuniAderenti: [{ codiceIstat: '108033' }, { codiceIstat: '108009' }] });
const istruttoria = engine.addInstance(engine.addDefinition('procedimento-disciplinare-istruttoria'), { codiceIstat: '108028' });
engine.statistics.set(monza.processInstanceKey, [{ elementId: 'Task_Contestazione', active: 1, completed: 0, canceled: 0, incidents: 0 }]);
engine.statistics.set(lissone.processInstanceKey, [{ elementId: 'Task_Contestazione', active: 1, completed: 0, canceled: 0, incidents: 0 }]);

const client = () => new WebClient(server.url);
async function signedIn(username: string) {
  const c = client();
  const res = await c.signIn(username, `${username}-demo`);
  expect(res.status).toBe(200);
  return c;
}

beforeAll(async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'web-api-'));
  db = await openAppDatabase({ dataDir, log: () => undefined });
  await seedDemoUsers(db.knex, { passwordOf: demoPassword });
  server = await serve(createApp({ db, engine }));
});

afterAll(async () => {
  await server?.close();
  await db?.close();
});

describe('sign-in and sign-out', () => {
  it('signs in with the right password and sets an HTTP-only session cookie', async () => {
    // given
    const c = client();
    const first = await c.get('/api/session');
    expect(first.body.user).toBeNull();

    // when
    const res = await c.post('/api/session', { username: 'designer', password: 'designer-demo' });

    // then
    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({ username: 'designer', roles: ['designer'] });
    const cookie = res.headers.getSetCookie().find((h) => h.startsWith('hr.sid='));
    expect(cookie).toMatch(/httponly/i);
    expect(cookie).toMatch(/samesite=lax/i);
    expect(res.body.csrfToken).not.toBe(first.body.csrfToken);
    expect((await c.get('/api/session')).body.user.username).toBe('designer');
  });

  it('refuses a wrong password with 401, and records both outcomes in the audit trail', async () => {
    // when
    const bad = await client().signIn('comune', 'wrong-password');
    await signedIn('comune');

    // then
    expect(bad.status).toBe(401);
    expect(bad.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(bad.body).toMatchObject({ status: 401, code: 'INVALID_CREDENTIALS' });
    const failed = await searchAuditTrail(db, { action: 'auth.sign-in-failed', actorId: 'comune' });
    const ok = await searchAuditTrail(db, { action: 'auth.sign-in', actorId: 'comune' });
    expect(failed.items.length).toBeGreaterThan(0);
    expect(ok.items.length).toBeGreaterThan(0);
  });

  it('signs out: the old cookie no longer opens the session', async () => {
    // given
    const c = await signedIn('provincia');
    expect((await c.get('/api/instances')).status).toBe(200);

    // when
    const out = await c.request('DELETE', '/api/session');

    // then
    expect(out.status).toBe(200);
    expect((await c.get('/api/instances')).status).toBe(401);
  });
});

describe('CSRF', () => {
  it('refuses a state-changing request without the session token', async () => {
    // given
    const c = await signedIn('designer');

    // when
    const res = await c.post('/api/drafts/demo', { xml: '<bpmn:definitions xmlns:bpmn="x"></bpmn:definitions>' }, { csrf: false });

    // then
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('CSRF_TOKEN_INVALID');
  });

  it('refuses a sign-in without a token (login CSRF)', async () => {
    const res = await client().post('/api/session', { username: 'designer', password: 'designer-demo' });
    expect(res.status).toBe(403);
  });
});

describe('roles', () => {
  it('only designers save drafts and deploy', async () => {
    const comune = await signedIn('comune');
    expect((await comune.post('/api/drafts/demo', { xml: '<definitions></definitions>' })).status).toBe(403);
    expect((await comune.post('/api/deployments', { resources: [{ name: 'a.bpmn', content: '<x/>' }] })).status).toBe(403);
    expect((await comune.get('/api/drafts')).status).toBe(403);
  });

  it('saves drafts as new versions', async () => {
    const designer = await signedIn('designer');
    const xml = '<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"></bpmn:definitions>';
    expect((await designer.post('/api/drafts/prova', { xml })).body.version).toBe(1);
    expect((await designer.post('/api/drafts/prova', { xml })).body.version).toBe(2);
    expect((await designer.get('/api/drafts/prova')).body).toMatchObject({ diagramId: 'prova', version: 2, xml, author: 'designer' });
    expect((await designer.get('/api/drafts/prova/versions')).body.items).toHaveLength(2);
    expect((await designer.post('/api/drafts/prova', { xml: 'not a diagram' })).status).toBe(400);
  });

  it('deploys and records the deploy; a refusal comes back with the engine message', async () => {
    const designer = await signedIn('designer');
    const ok = await designer.post('/api/deployments', { resources: [{ name: 'prova.bpmn', content: '<definitions/>' }] });
    expect(ok.status).toBe(201);
    const audit = await searchAuditTrail(db, { action: 'process.deploy', actorId: 'designer' });
    expect(audit.items.some((e) => e.actor.id === 'designer')).toBe(true);

    engine.refuseDeploy = "Element 'Task_1': no job type";
    const refused = await designer.post('/api/deployments', { resources: [{ name: 'prova.bpmn', content: '<definitions/>' }] });
    engine.refuseDeploy = undefined;
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ code: 'ENGINE_REJECTED', detail: "Element 'Task_1': no job type" });
  });

  it('admin only manages users', async () => {
    expect((await (await signedIn('designer')).get('/api/users/comune')).status).toBe(403);
    const admin = await signedIn('admin');
    expect((await admin.get('/api/users/comune')).body).toMatchObject({ username: 'comune', comuniIstat: ['108033'] });
    const created = await admin.post('/api/users', { username: 'comune2', displayName: 'Comune di Lissone', password: 'lissone-secret', roles: ['comune'], comuniIstat: ['108028'] });
    expect(created.status).toBe(201);
    expect((await admin.post('/api/users', { username: 'x1', displayName: 'X', password: 'long-enough-pw', roles: ['root'] })).status).toBe(400);
  });

  it('answers 401 to anonymous API calls, and a problem document for unknown routes', async () => {
    const anon = client();
    expect((await anon.get('/api/processes')).status).toBe(401);
    const missing = await (await signedIn('designer')).get('/api/nothing-here');
    expect(missing.status).toBe(404);
    expect(missing.body.type).toBe('about:blank');
  });
});

describe('scope: a Comune sees only its own cases', () => {
  it('lists only the instances of its Comune (including associated concorsi it joined)', async () => {
    const comune = await signedIn('comune');
    const res = await comune.get('/api/instances');
    expect(res.status).toBe(200);
    const keys = res.body.items.map((i: { processInstanceKey: string }) => i.processInstanceKey).sort();
    expect(keys).toEqual([monza.processInstanceKey, concorso.processInstanceKey].sort());
  });

  it("gets 404 for another Comune's instance, its status, variables and live stream", async () => {
    const comune = await signedIn('comune');
    for (const suffix of ['', '/status', '/variables', '/live']) {
      const res = await comune.get(`/api/instances/${lissone.processInstanceKey}${suffix}`);
      expect(res.status, suffix).toBe(404);
    }
    expect((await comune.get(`/api/instances/${monza.processInstanceKey}/variables`)).status).toBe(200);
  });

  it('cannot widen its scope with filters', async () => {
    const comune = await signedIn('comune');
    const res = await comune.get('/api/instances?comune=108028');
    expect(res.body.items).toEqual([]);
    const byKey = await comune.get('/api/instances?businessKey=UPD-2025-002');
    expect(byKey.body.items).toEqual([]);
  });

  it("counts on the diagram only its own instances", async () => {
    const comune = await signedIn('comune');
    const res = await comune.get(`/api/processes/${upd.processDefinitionKey}/statistics`);
    expect(res.body.items).toEqual([{ elementId: 'Task_Contestazione', active: 1, completed: 0, canceled: 0, incidents: 0 }]);
    const provincia = await signedIn('provincia');
    const all = await provincia.get(`/api/processes/${upd.processDefinitionKey}/statistics`);
    expect(all.body.items[0].active).toBe(2);
  });

  it('a Provincia user sees the instances of its services, called processes included', async () => {
    // given: a UPD-only officer
    const admin = await signedIn('admin');
    await admin.post('/api/users', { username: 'upd-only', displayName: 'UPD', password: 'upd-only-demo', roles: ['provincia', 'provincia-upd'] });
    const updOnly = await signedIn('upd-only');

    // when
    const res = await updOnly.get('/api/instances');

    // then
    const keys = res.body.items.map((i: { processInstanceKey: string }) => i.processInstanceKey).sort();
    expect(keys).toEqual([monza.processInstanceKey, lissone.processInstanceKey, istruttoria.processInstanceKey].sort());
    expect((await updOnly.get(`/api/instances/${concorso.processInstanceKey}`)).status).toBe(404);
  });

  it('a designer sees diagrams but no instance data', async () => {
    const designer = await signedIn('designer');
    expect((await designer.get('/api/processes')).body.items).toHaveLength(3);
    expect((await designer.get('/api/instances')).status).toBe(403);
    expect((await designer.get(`/api/instances/${monza.processInstanceKey}`)).status).toBe(403);
    expect((await designer.get(`/api/processes/${upd.processDefinitionKey}/statistics`)).status).toBe(403);
  });

  it('an auditor is read-only and scoped to its Comuni', async () => {
    const auditor = await signedIn('auditor');
    expect((await auditor.get(`/api/instances/${monza.processInstanceKey}`)).status).toBe(200);
    expect((await auditor.get(`/api/instances/${lissone.processInstanceKey}`)).status).toBe(404);
    expect((await auditor.post('/api/deployments', { resources: [] })).status).toBe(403);
  });
});
