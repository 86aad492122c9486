import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openAppDatabase, type AppDatabase } from '../../../src/db/index.js';
import { createApp } from '../../../web/server/createApp.js';
import { seedDemoUsers } from '../../../web/server/seed/seedDemoUsers.js';
import { officeCalendar } from '../../../workers/shared/officeCalendars.js';
import { InMemoryEngine } from '../support/InMemoryEngine.js';
import { demoPassword, serve, signedInClient } from '../support/webClient.js';

let db: AppDatabase;
let dataDir: string;
let server: { url: string; close(): Promise<void> };

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'web-calendar-'));
  db = await openAppDatabase({ dataDir, log: () => undefined });
  await seedDemoUsers(db.knex, { passwordOf: demoPassword });
  server = await serve(createApp({ db, engine: new InMemoryEngine(), dataDir }));
});

afterAll(async () => {
  await server?.close();
  await db?.close();
});

const LISSONE = { sedeProvincia: '108033', santiPatroni: { '108028': { comune: 'Lissone', santo: 'Santi Pietro e Paolo', giorno: '06-29' } } };

describe('/api/admin/calendario: patron-saint days of the Comuni served', () => {
  it('starts from the default (seat in Monza), and an administrator\'s change reaches the deadline workers and the audit trail', async () => {
    // given
    const admin = await signedInClient(server.url, 'admin');
    expect((await admin.get('/api/admin/calendario')).body).toEqual({ sedeProvincia: '108033', santiPatroni: {} });

    // when
    const put = await admin.request('PUT', '/api/admin/calendario', LISSONE);

    // then: saved, read back, used by the workers' calendar for Lissone, audited
    expect(put.status).toBe(200);
    expect((await admin.get('/api/admin/calendario')).body).toEqual(LISSONE);
    const lissone = await officeCalendar({ dataDir }, { kind: 'comune', istatCode: '108028' });
    expect(lissone.nonWorkingReason('2026-06-29')).toEqual({ kind: 'patron-saint', name: 'Santi Pietro e Paolo (Lissone)' });
    const audit = await db.knex('audit_entries').where({ action: 'calendar.update' });
    expect(audit).toHaveLength(1);
  });

  it('refuses a day that does not exist, naming the field, and keeps the file as it was', async () => {
    // given
    const admin = await signedInClient(server.url, 'admin');
    const before = (await admin.get('/api/admin/calendario')).body;

    // when
    const put = await admin.request('PUT', '/api/admin/calendario', { sedeProvincia: '108033', santiPatroni: { '108023': { comune: 'Desio', santo: 'X', giorno: '04-31' } } });

    // then
    expect(put.status).toBe(400);
    expect(put.body).toEqual(expect.objectContaining({ code: 'INVALID_CALENDAR', field: 'santiPatroni.108023.giorno' }));
    expect((await admin.get('/api/admin/calendario')).body).toEqual(before);
  });

  it('is for administrators only', async () => {
    // given
    const provincia = await signedInClient(server.url, 'provincia');
    // when / then
    expect((await provincia.request('PUT', '/api/admin/calendario', LISSONE)).status).toBe(403);
    expect((await provincia.get('/api/admin/calendario')).status).toBe(403);
  });
});
