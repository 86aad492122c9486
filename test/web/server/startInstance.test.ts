import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { searchAuditTrail } from '../../../src/audit/index.js';
import { openAppDatabase, UserStore, type AppDatabase } from '../../../src/db/index.js';
import { seedComuni } from '../../../src/demo/seedDemo.js';
import { createApp } from '../../../web/server/createApp.js';
import { seedDemoUsers } from '../../../web/server/seed/seedDemoUsers.js';
import { InMemoryEngine } from '../support/InMemoryEngine.js';
import { demoPassword, serve, WebClient, signedInClient } from '../support/webClient.js';

let db: AppDatabase;
let server: { url: string; close(): Promise<void> };
const engine = new InMemoryEngine();
engine.addDefinition('procedimento-disciplinare');
engine.addDefinition('procedimento-disciplinare-istruttoria');
engine.addDefinition('selezione-personale');

const signedIn = (username: string, password?: string) => signedInClient(server.url, username, password);
const startUpd = (c: WebClient, variables: unknown) => c.post('/api/instances', { processDefinitionId: 'procedimento-disciplinare', variables });

beforeAll(async () => {
  db = await openAppDatabase({ dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'web-start-')), log: () => undefined });
  await seedDemoUsers(db.knex, { passwordOf: demoPassword });
  await seedComuni(db.knex);
  await new UserStore(db.knex).create({ username: 'upd-only', displayName: 'UPD', password: 'upd-only-demo', roles: ['provincia', 'provincia-upd'] });
  server = await serve(createApp({ db, engine }));
});

afterAll(async () => {
  await server?.close();
  await db?.close();
});

describe('POST /api/instances: starting a case from the UI', () => {
  it('a Provincia officer starts a case of their service; the trail names them as the actor', async () => {
    // given
    const upd = await signedIn('upd-only');

    // when
    const res = await startUpd(upd, { idProcedimento: ' UPD-2026-100 ', codiceIstat: '108033' });

    // then
    expect(res.status).toBe(201);
    const instance = engine.instances.find((i) => i.processInstanceKey === res.body.processInstanceKey)!;
    expect(instance.processDefinitionId).toBe('procedimento-disciplinare');
    const vars = Object.fromEntries(engine.variables.filter((v) => v.processInstanceKey === instance.processInstanceKey).map((v) => [v.name, JSON.parse(v.value)]));
    expect(vars).toEqual({ idProcedimento: 'UPD-2026-100', codiceIstat: '108033' });
    const { items } = await searchAuditTrail(db, { action: 'instance.start' });
    expect(items).toContainEqual(expect.objectContaining({
      actor: expect.objectContaining({ type: 'user', id: 'upd-only' }),
      entity: expect.objectContaining({ type: 'process-instance', key: instance.processInstanceKey, comune: '108033' }),
    }));
  });

  it('a designer starts a concorso for several Comuni, which the steps receive with their names', async () => {
    // given
    const designer = await signedIn('designer');

    // when
    const res = await designer.post('/api/instances', { processDefinitionId: 'selezione-personale', variables: { idConcorso: 'CONC-2026-7', comuniAderenti: ['108033', '108028'] } });

    // then
    expect(res.status).toBe(201);
    expect(res.body.variables.comuniAderenti).toEqual([{ codiceIstat: '108033', nome: 'Monza' }, { codiceIstat: '108028', nome: 'Lissone' }]);
  });

  it('refuses other roles and services with 403, and starts nothing', async () => {
    // given
    const before = engine.instances.length;
    const upd = await signedIn('upd-only');

    // when
    const otherService = await upd.post('/api/instances', { processDefinitionId: 'selezione-personale', variables: { idConcorso: 'CONC-2026-8', comuniAderenti: ['108033'] } });
    const comune = await startUpd(await signedIn('comune'), { idProcedimento: 'UPD-2026-101', codiceIstat: '108033' });
    const auditor = await startUpd(await signedIn('auditor'), { idProcedimento: 'UPD-2026-102', codiceIstat: '108033' });

    // then
    expect([otherService.status, comune.status, auditor.status]).toEqual([403, 403, 403]);
    expect(engine.instances.length).toBe(before);
  });

  it('refuses bad start variables with the field named, and starts nothing', async () => {
    // given
    const provincia = await signedIn('provincia');
    const before = engine.instances.length;

    // when
    const missing = await startUpd(provincia, { idProcedimento: 'UPD-2026-103' });
    const unknown = await startUpd(provincia, { idProcedimento: 'UPD-2026-103', codiceIstat: '108033', gravita: 'alta' });
    const outside = await startUpd(provincia, { idProcedimento: 'UPD-2026-103', codiceIstat: '015146' });
    const wrongType = await startUpd(provincia, { idProcedimento: 42, codiceIstat: '108033' });
    const noObject = await startUpd(provincia, ['108033']);

    // then
    expect(missing).toMatchObject({ status: 400, body: { code: 'MISSING_VARIABLE', field: 'codiceIstat' } });
    expect(unknown).toMatchObject({ status: 400, body: { code: 'UNKNOWN_VARIABLE', field: 'gravita' } });
    expect(outside).toMatchObject({ status: 400, body: { code: 'INVALID_VARIABLE', field: 'codiceIstat' } });
    expect(outside.body.detail).toContain('015146');
    expect(wrongType).toMatchObject({ status: 400, body: { field: 'idProcedimento' } });
    expect(noObject.status).toBe(400);
    expect(engine.instances.length).toBe(before);
  });

  it('refuses a called phase, a procedure not deployed, a second running case with the same number, and a missing CSRF token', async () => {
    // given
    const provincia = await signedIn('provincia');

    // when
    const phase = await provincia.post('/api/instances', { processDefinitionId: 'procedimento-disciplinare-istruttoria', variables: {} });
    const notDeployed = await provincia.post('/api/instances', { processDefinitionId: 'formazione', variables: { idPiano: 'PF-2027', anno: 2027, comuniAderenti: ['108033'] } });
    const duplicate = await startUpd(provincia, { idProcedimento: 'UPD-2026-100', codiceIstat: '108028' });
    const noCsrf = await provincia.post('/api/instances', { processDefinitionId: 'procedimento-disciplinare', variables: { idProcedimento: 'UPD-2026-104', codiceIstat: '108033' } }, { csrf: false });

    // then
    expect(phase).toMatchObject({ status: 400, body: { code: 'NOT_STARTABLE' } });
    expect(notDeployed.status).toBe(404);
    expect(duplicate).toMatchObject({ status: 409, body: { code: 'DUPLICATE_CASE', field: 'idProcedimento' } });
    expect(noCsrf.status).toBe(403);
  });

  it('lists the start forms each user may use', async () => {
    const ids = async (u: string) => ((await (await signedIn(u)).get('/api/instances/start-forms')).body.items as Array<{ processDefinitionId: string }>).map((f) => f.processDefinitionId);
    expect(await ids('upd-only')).toEqual(['procedimento-disciplinare']);
    expect(await ids('designer')).toEqual(['procedimento-disciplinare', 'selezione-personale', 'formazione']);
    expect(await ids('comune')).toEqual([]);
  });

  it('offers patterns the browser can use: an <input pattern> is compiled with the v flag, where an unescaped / or - in a class is a syntax error', async () => {
    const items = (await (await signedIn('designer')).get('/api/instances/start-forms')).body.items as Array<{ fields: Array<{ pattern?: string; example?: string }> }>;
    const patterns = items.flatMap((f) => f.fields).filter((f) => f.pattern);
    expect(patterns.length).toBeGreaterThan(0);
    for (const f of patterns) {
      const re = new RegExp(`^(?:${f.pattern})$`, 'v');
      expect(re.test(f.example!)).toBe(true);
      expect(re.test('UPD/2026_01.a-b')).toBe(true);
      expect(re.test('-UPD')).toBe(false);
    }
  });
});
