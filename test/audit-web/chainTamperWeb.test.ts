import net from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { anchorAuditChain } from '../../src/audit/index.js';
import type { AppDatabase } from '../../src/db/index.js';
import { AuditChainAlarm } from '../../web/server/audit/AuditChainAlarm.js';
import { createApp } from '../../web/server/createApp.js';
import { CamundaEngineClient } from '../../web/server/engine/CamundaEngineClient.js';
import { seedDemoUsers } from '../../web/server/seed/seedDemoUsers.js';
import { testDatabaseTargets, type TestDatabaseHandle } from '../db/testDatabases.js';
import { buildTamperBaseline, TAMPER_SCENARIOS } from '../audit/support/tamperScenarios.js';
import { demoPassword, serve, signedInClient, type WebClient } from '../web/support/webClient.js';

async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

for (const target of testDatabaseTargets) {
  describe.skipIf(!target.available)(`the web view finds every kind of tampering at its entry (${target.name})`, () => {
    let handle: TestDatabaseHandle;
    let db: AppDatabase;
    let server: { url: string; close(): Promise<void> };
    let engine: CamundaEngineClient;
    let auditor: WebClient;
    let logged: string[];
    let alarm: AuditChainAlarm;

    beforeEach(async () => {
      handle = await target.create();
      db = await handle.open();
      await seedDemoUsers(db.knex, { passwordOf: demoPassword });
      engine = new CamundaEngineClient({ restAddress: `http://127.0.0.1:${await closedPort()}` });
      logged = [];
      alarm = new AuditChainAlarm((line) => logged.push(line));
      server = await serve(createApp({ db, engine, auditAlarm: alarm }));
      // signed in before the baseline, so that the sign-in entry is not appended after the tampering
      auditor = await signedInClient(server.url, 'auditor');
    });
    afterEach(async () => {
      await server.close();
      await engine.close();
      await handle.cleanup();
    });

    it.each(TAMPER_SCENARIOS.map((s) => [s.name, s] as const))('%s', async (_name, scenario) => {
      // given
      const base = await buildTamperBaseline(db);
      expect((await auditor.get('/api/audit/chain')).body).toMatchObject({ status: 'ok', headSeq: base.head, signedEntries: base.head });

      // when
      await scenario.tamper(db, base);

      // then
      const expected = scenario.expected(base);
      expect((await auditor.get('/api/audit/chain')).body).toMatchObject({ status: 'broken', brokenAt: expected });
      expect((await auditor.get('/api/audit/alarm')).body).toMatchObject({ status: 'BROKEN', brokenAt: expected });
      expect((await fetch(`${server.url}/api/health`).then((r) => r.json())) as object).toMatchObject({ audit: 'BROKEN' });
      expect(logged).toEqual([expect.stringContaining(`[audit] ALERT: audit chain BROKEN at entry ${expected.seq} (${expected.reason})`)]);
    });

    it('reports audit OK in the health endpoint once verified, and a broken chain found before an anchor', async () => {
      // given
      const base = await buildTamperBaseline(db);
      expect((await fetch(`${server.url}/api/health`).then((r) => r.json())) as object).toMatchObject({ audit: 'UNKNOWN' });
      await auditor.get('/api/audit/chain');
      expect((await fetch(`${server.url}/api/health`).then((r) => r.json())) as object).toMatchObject({ audit: 'OK' });

      // when: the tail is cut, and the next anchor verifies first
      await TAMPER_SCENARIOS.find((s) => s.name === 'the tail after the last anchor cut off')!.tamper(db, base);
      const outcome = await anchorAuditChain(db);
      if (outcome.status === 'broken') alarm.record({ ok: false, count: outcome.count, brokenAt: outcome.brokenAt });

      // then
      expect(outcome).toMatchObject({ status: 'broken', brokenAt: { seq: base.head - 1, reason: 'truncated' } });
      expect((await fetch(`${server.url}/api/health`).then((r) => r.json())) as object).toMatchObject({ audit: 'BROKEN' });
      expect((await db.knex('audit_anchors').count({ n: '*' }))[0].n).toEqual(target.name === 'postgres' ? '1' : 1);
    });
  });
}
