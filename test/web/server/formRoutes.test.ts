import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openAppDatabase, type AppDatabase } from '../../../src/db/index.js';
import { createApp } from '../../../web/server/createApp.js';
import { seedDemoUsers } from '../../../web/server/seed/seedDemoUsers.js';
import { InMemoryEngine } from '../support/InMemoryEngine.js';
import { demoPassword, serve, signedInClient } from '../support/webClient.js';

let db: AppDatabase;
let server: { url: string; close(): Promise<void> };
const formsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'forms-'));
const schema = (id: string, label = 'Matricola') => ({ type: 'default', id, components: [{ type: 'textfield', id: 'Field_1', key: 'matricola', label }] });

const signedIn = (username: string) => signedInClient(server.url, username);

beforeAll(async () => {
  fs.writeFileSync(path.join(formsDir, 'modulo-prova.form'), JSON.stringify(schema('modulo-prova')));
  db = await openAppDatabase({ dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'web-forms-')), log: () => undefined });
  await seedDemoUsers(db.knex, { passwordOf: demoPassword });
  server = await serve(createApp({ db, engine: new InMemoryEngine(), formsDir }));
});

afterAll(async () => {
  await server?.close();
  await db?.close();
});

describe('/api/forms: designers open deployed forms and keep drafts', () => {
  it('opens the form from processes/forms, then its latest draft', async () => {
    // given
    const designer = await signedIn('designer');
    expect((await designer.get('/api/forms/modulo-prova')).body).toMatchObject({ source: 'processes', schema: { id: 'modulo-prova' } });

    // when
    const saved = await designer.post('/api/forms/modulo-prova/drafts', { schema: schema('modulo-prova', 'Numero di matricola') });

    // then
    expect(saved).toMatchObject({ status: 201, body: { version: 1, author: 'designer' } });
    expect((await designer.get('/api/forms/modulo-prova')).body).toMatchObject({ source: 'draft', version: 1, schema: { components: [{ label: 'Numero di matricola' }] } });
    expect((await designer.get('/api/forms')).body.items).toEqual([expect.objectContaining({ formId: 'modulo-prova', inProcesses: true, draft: expect.objectContaining({ version: 1 }) })]);
  });

  it('refuses a draft whose id differs from the form, one without components, and other roles', async () => {
    const designer = await signedIn('designer');
    expect((await designer.post('/api/forms/modulo-prova/drafts', { schema: schema('altro-id') })).body).toMatchObject({ code: 'FORM_ID_MISMATCH' });
    expect((await designer.post('/api/forms/modulo-prova/drafts', { schema: { id: 'modulo-prova' } })).body).toMatchObject({ code: 'INVALID_FORM' });
    expect((await designer.get('/api/forms/../../etc/passwd')).status).toBe(404);
    for (const role of ['provincia', 'comune', 'auditor']) expect((await (await signedIn(role)).get('/api/forms')).status, role).toBe(403);
  });
});
