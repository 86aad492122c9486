import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { protectDataDir } from '../../src/dataDirPermissions.js';
import { writeAuditAnchor } from '../../src/audit/auditAnchors.js';
import { openAppDatabase } from '../../src/db/index.js';
import { startMailCatcher } from '../../src/mail/devMailCatcher.js';
import { Mailer } from '../../workers/shared/Mailer.js';

/** DATA_DIR is owner-only: files 0600, folders 0700, for what is there and for what the process writes later. */
const modeOf = (file: string) => fs.statSync(file).mode & 0o777;

let dataDir: string;
let umask: number;

beforeEach(() => {
  umask = process.umask();
  process.umask(0o022); // a usual default: without our care, files would be 0644 and folders 0755
  dataDir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'data-dir-')), 'data');
});

afterEach(() => {
  process.umask(umask);
  fs.rmSync(path.dirname(dataDir), { recursive: true, force: true });
});

describe('protectDataDir', () => {
  it('tightens what an older version left readable by others', async () => {
    // given
    fs.mkdirSync(path.join(dataDir, 'documents/UPD-2026-1'), { recursive: true, mode: 0o755 });
    fs.writeFileSync(path.join(dataDir, 'documents/UPD-2026-1/contestazione.pdf'), 'pdf', { mode: 0o644 });
    fs.writeFileSync(path.join(dataDir, 'audit-anchors.log'), 'x', { mode: 0o644 });

    // when
    const { tightened } = await protectDataDir(dataDir);

    // then
    expect(modeOf(dataDir)).toBe(0o700);
    expect(modeOf(path.join(dataDir, 'documents'))).toBe(0o700);
    expect(modeOf(path.join(dataDir, 'documents/UPD-2026-1'))).toBe(0o700);
    expect(modeOf(path.join(dataDir, 'documents/UPD-2026-1/contestazione.pdf'))).toBe(0o600);
    expect(modeOf(path.join(dataDir, 'audit-anchors.log'))).toBe(0o600);
    expect(tightened).toContain('audit-anchors.log');
  });

  it('makes the SQLite files and their -wal/-shm companions, created afterwards, owner-only', async () => {
    // given
    await protectDataDir(dataDir);

    // when
    const db = await openAppDatabase({ dataDir, log: () => undefined });
    await db.knex('users').select('id').limit(1);

    // then
    const sqliteFiles = fs.readdirSync(dataDir).filter((f) => f.startsWith('app.sqlite'));
    expect(sqliteFiles).toEqual(expect.arrayContaining(['app.sqlite', 'app.sqlite-wal']));
    for (const f of sqliteFiles) expect(modeOf(path.join(dataDir, f)), f).toBe(0o600);
    await db.close();
  });
});

describe('files written into DATA_DIR without the umask', () => {
  it('the caught mail folder is 0700 and each .eml 0600', async () => {
    // given
    const catcher = await startMailCatcher({ dir: path.join(dataDir, 'mail'), port: 0, log: () => undefined });
    const mailer = new Mailer({ host: catcher.host, port: catcher.port });

    // when
    await mailer.send({ from: 'protocollo@pec.provincia.mb.it', to: ['upd@provincia.mb.it'], subject: 'Prova', text: 'Prova', messageId: '<perm@test>' });

    // then
    mailer.close();
    await catcher.close();
    expect(modeOf(path.join(dataDir, 'mail'))).toBe(0o700);
    const [eml] = fs.readdirSync(path.join(dataDir, 'mail'));
    expect(modeOf(path.join(dataDir, 'mail', eml))).toBe(0o600);
  });

  it('the app database folder is created 0700, the audit anchor log 0600', async () => {
    const db = await openAppDatabase({ dataDir, log: () => undefined });
    await writeAuditAnchor(db);
    await db.close();
    expect(modeOf(dataDir)).toBe(0o700);
    expect(modeOf(path.join(dataDir, 'audit-anchors.log'))).toBe(0o600);
  });
});
