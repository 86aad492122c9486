import { createHash, createPublicKey } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exportInstanceTrailPdf } from '../../src/audit/index.js';
import type { AppDatabase } from '../../src/db/index.js';
import { testDatabaseTargets, type TestDatabaseHandle } from '../db/testDatabases.js';
import { pdfTextRuns } from '../support/pdfText.js';
import { buildTamperBaseline, TAMPER_SCENARIOS, type TamperBaseline } from './support/tamperScenarios.js';

const pdfText = async (bytes: Uint8Array): Promise<string> => (await pdfTextRuns(bytes)).join('\n').replaceAll('\n', ' ');

describe('the PDF report states what the chain was verified against', () => {
  let handle: TestDatabaseHandle;
  let db: AppDatabase;
  let base: TamperBaseline;
  beforeEach(async () => {
    handle = await testDatabaseTargets[0].create();
    db = await handle.open();
    base = await buildTamperBaseline(db);
  });
  afterEach(async () => {
    await handle.cleanup();
  });

  it('gives the signing key fingerprint and the latest anchor', async () => {
    // given: the fingerprint an auditor computes from the public key file they were handed
    const pub = createPublicKey(await readFile(path.join(handle.dataDir, 'audit-signing-key.pub.pem'), 'utf8'));
    const fingerprint = createHash('sha256').update(pub.export({ type: 'spki', format: 'der' })).digest('hex').match(/.{4}/g)!.join(' ');

    // when
    const text = await pdfText(await exportInstanceTrailPdf(db, '2251799813685249'));

    // then
    expect(text).toContain(`Catena di audit integra: ${base.head} voci verificate`);
    expect(text).toContain(`Voci firmate (Ed25519): ${base.head}.`);
    expect(text).toContain(`Impronta SHA-256 della chiave pubblica: ${fingerprint}`);
    expect(text).toContain(`Ultimo: voce ${base.anchored},`);
    expect(text).toContain(base.entries.find((e) => e.seq === base.anchored)!.hash);
  });

  it('says where the chain broke when the anchor log is gone', async () => {
    // when
    const scenario = TAMPER_SCENARIOS.find((s) => s.name === 'the anchor log missing')!;
    await scenario.tamper(db, base);
    const text = await pdfText(await exportInstanceTrailPdf(db, '2251799813685249'));

    // then
    expect(text).toContain(`ATTENZIONE: catena di audit interrotta alla voce ${base.anchored} (anchor-log-missing)`);
    expect(text).not.toContain('Catena di audit integra');
  });
});
