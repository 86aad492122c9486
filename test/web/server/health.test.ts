import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openAppDatabase, type AppDatabase } from '../../../src/db/index.js';
import { createApp } from '../../../web/server/createApp.js';
import { CamundaEngineClient } from '../../../web/server/engine/CamundaEngineClient.js';
import { serve } from '../support/webClient.js';
import { startWebStack, type WebStack } from '../support/webStack.js';

/** A loopback port nobody listens on. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('GET /api/health', () => {
  let stack: WebStack;

  beforeAll(async () => {
    stack = await startWebStack();
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it('answers without sign-in, reports the engine reachable through its REST topology, and starts no session', async () => {
    // when
    const response = await fetch(`${stack.url}/api/health`);

    // then
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.getSetCookie()).toEqual([]);
    const body = (await response.json()) as { status: string; engine: { reachable: boolean; brokers?: number } };
    expect(body).toMatchObject({ status: 'UP', engine: { reachable: true } });
    expect(body.engine.brokers).toBeGreaterThan(0);
  });

  describe('when the engine cannot be reached', () => {
    let db: AppDatabase;
    let engine: CamundaEngineClient;
    let server: { url: string; close(): Promise<void> };

    beforeAll(async () => {
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'web-health-'));
      db = await openAppDatabase({ dataDir, log: () => undefined });
      engine = new CamundaEngineClient({ restAddress: `http://127.0.0.1:${await closedPort()}` });
      server = await serve(createApp({ db, engine }));
    });

    afterAll(async () => {
      await server?.close();
      await engine?.close();
      await db?.close();
    });

    it('is still UP (the app serves), with the engine unreachable and why', async () => {
      const response = await fetch(`${server.url}/api/health`);
      expect(response.status).toBe(200);
      const body = (await response.json()) as { status: string; engine: { reachable: boolean; error?: string } };
      expect(body.status).toBe('UP');
      expect(body.engine.reachable).toBe(false);
      expect(body.engine.error).toBeTruthy();
    });
  });
});
