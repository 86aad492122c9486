import net from 'node:net';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../src/audit/index.js';
import type { AppDatabase } from '../../src/db/index.js';
import { AuditChainAlarm } from '../../web/server/audit/AuditChainAlarm.js';
import { createApp } from '../../web/server/createApp.js';
import { CamundaEngineClient } from '../../web/server/engine/CamundaEngineClient.js';
import { seedDemoUsers } from '../../web/server/seed/seedDemoUsers.js';
import { testDatabaseTargets, type TestDatabaseHandle } from '../db/testDatabases.js';
import { buildTamperBaseline, TAMPER_SCENARIOS } from '../audit/support/tamperScenarios.js';
import { launchChromium, signIn, trackedPage } from '../web/support/browser.js';
import { ensureClientBuild } from '../web/support/clientBuild.js';
import { demoPassword, serve } from '../web/support/webClient.js';

let handle: TestDatabaseHandle;
let db: AppDatabase;
let engine: CamundaEngineClient;
let server: { url: string; close(): Promise<void> };
let browser: Browser;
const contexts: BrowserContext[] = [];
const pageErrors: string[] = [];
const alarm = new AuditChainAlarm(() => undefined);

beforeAll(async () => {
  const staticDir = ensureClientBuild();
  handle = await testDatabaseTargets[0].create();
  db = await handle.open();
  await seedDemoUsers(db.knex, { passwordOf: demoPassword });
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  engine = new CamundaEngineClient({ restAddress: `http://127.0.0.1:${port}` });
  // the engine is unreachable on purpose: the process list fails, the banner must show anyway
  server = await serve(createApp({ db, engine, staticDir, auditAlarm: alarm, logError: () => undefined }));
  browser = await launchChromium();
}, 180_000);

afterAll(async () => {
  for (const c of contexts) await c.close();
  await browser?.close();
  await server?.close();
  await engine?.close();
  await handle?.cleanup();
});

describe('the audit alarm in the browser', () => {
  it('shows auditors and administrators, on any page, where the chain broke; nobody else', async () => {
    // given: an anchored trail whose tail a database owner cut, found by the verification before an anchor
    const base = await buildTamperBaseline(db);
    await TAMPER_SCENARIOS.find((s) => s.name === 'the tail after the last anchor cut off')!.tamper(db, base);
    alarm.record(await verifyAuditChain(db));

    // when: the auditor opens the process list (not an audit page)
    const auditor = await trackedPage(browser, contexts, pageErrors);
    await signIn(auditor, server.url, 'auditor');
    const banner = auditor.locator('#audit-alarm');

    // then
    await expect.poll(() => banner.textContent()).toContain(`la catena è interrotta alla voce ${base.head - 1} (le voci più recenti sono state tagliate)`);
    expect(await banner.getAttribute('role')).toBe('alert');

    // and an administrator sees it too, a Provincia officer does not
    const admin = await trackedPage(browser, contexts, pageErrors);
    await signIn(admin, server.url, 'admin');
    await expect.poll(() => admin.locator('#audit-alarm').count()).toBe(1);
    const officer = await trackedPage(browser, contexts, pageErrors);
    await signIn(officer, server.url, 'provincia');
    await officer.waitForLoadState('networkidle');
    expect(await officer.locator('#audit-alarm').count()).toBe(0);
    expect(pageErrors).toEqual([]);
  });
});
