import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseTargets, type TestDatabaseHandle } from '../db/testDatabases.js';
import { runTs, type RunningProcess } from './support/childProcess.js';

/** The environment of a fresh process: ours without any engine, SDK or database settings. */
function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (!/^(ENGINE|PORT|HOST|DATA_DIR|DATABASE_URL|TEST_DATABASE_URL|ZEEBE_.*|CAMUNDA_.*)$/.test(name)) env[name] = value;
  }
  return { ...env, ZEEBE_CLIENT_LOG_LEVEL: 'NONE', CAMUNDA_LOG_LEVEL: 'none', ...extra };
}

async function signIn(baseUrl: string, username: string, password: string): Promise<{ cookie: string }> {
  const first = await fetch(new URL('/api/session', baseUrl));
  const { csrfToken } = (await first.json()) as { csrfToken: string };
  const cookie = first.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const signedIn = await fetch(new URL('/api/session', baseUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-csrf-token': csrfToken, cookie },
    body: JSON.stringify({ username, password }),
  });
  expect(signedIn.status).toBeLessThan(300);
  const renewed = signedIn.headers.getSetCookie().map((c) => c.split(';')[0]);
  return { cookie: renewed.length > 0 ? renewed.join('; ') : cookie };
}

for (const target of testDatabaseTargets) {
  describe.skipIf(!target.available)(`npm start with ENGINE=external against a cluster in another process (app data on ${target.name})`, () => {
    let clusterDir: string;
    let appDir: string;
    let database: TestDatabaseHandle;
    let cluster: RunningProcess;
    let app: RunningProcess;
    let addresses: { grpc: string; rest: string };
    let webUrl: string;

    beforeAll(async () => {
      // given: a "remote" cluster, our embedded engine in a process of its own, with nothing deployed
      clusterDir = await mkdtemp(path.join(os.tmpdir(), 'remote-cluster-'));
      appDir = await mkdtemp(path.join(os.tmpdir(), 'external-app-'));
      database = await target.create();
      cluster = runTs('test/deploy/support/remoteCluster.ts', [clusterDir], cleanEnv({}));
      const [line] = await cluster.waitForLine(/^\{.*"grpc".*\}$/m);
      addresses = JSON.parse(line) as { grpc: string; rest: string };

      // when: the app starts with ENGINE=external, pointed at it with the SDK's variables only
      app = runTs('src/main.ts', [], cleanEnv({
        ENGINE: 'external',
        ZEEBE_GRPC_ADDRESS: addresses.grpc,
        ZEEBE_REST_ADDRESS: addresses.rest,
        CAMUNDA_AUTH_STRATEGY: 'NONE',
        PORT: '0',
        HOST: '127.0.0.1',
        DATA_DIR: appDir,
        NODE_ENV: 'development',
        SEED_DEMO_USERS: 'true',
        // the local mail catcher on an ephemeral port, so a developer's own relay on 1025 does not collide
        MAIL_CATCHER_PORT: '0',
        ...(database.databaseUrl ? { DATABASE_URL: database.databaseUrl } : {}),
      }));
      [, webUrl] = (await app.waitForLine(/Web app: (\S+)/, 60_000)) as RegExpMatchArray;
    });

    afterAll(async () => {
      await app?.stop();
      await cluster?.stop();
      await database?.cleanup();
      await rm(clusterDir, { recursive: true, force: true });
      await rm(appDir, { recursive: true, force: true });
    });

    it('does not start an engine of its own', () => {
      expect(app.output()).toContain('ENGINE=external: using the Camunda 8 cluster at');
      expect(app.output()).not.toMatch(/listening on/i);
      expect(existsSync(path.join(appDir, 'engine.sqlite'))).toBe(false);
    });

    it('deploys processes/ to the cluster through the gRPC gateway', async () => {
      // then: the cluster knows the processes, as its own REST API reports them
      expect(app.output()).toMatch(/Deployed process selezione-personale v1 \(selezione-personale\.bpmn\)/);
      const response = await fetch(`${addresses.rest}/v2/process-definitions/search`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ filter: { processDefinitionId: 'procedimento-disciplinare' } }),
      });
      const body = (await response.json()) as { items: Array<{ processDefinitionId: string; version: number }> };
      expect(body.items).toEqual([expect.objectContaining({ processDefinitionId: 'procedimento-disciplinare', version: 1 })]);
    });

    it(`keeps the app data in ${target.name === 'postgres' ? 'PostgreSQL (DATABASE_URL)' : 'SQLite in DATA_DIR'}`, () => {
      expect(existsSync(path.join(appDir, 'app.sqlite'))).toBe(target.name === 'sqlite');
    });

    it('serves the web app, which reads the cluster through its REST API', async () => {
      // the demo passwords are random, printed once in the start log
      const [, password] = /demo sign-in: designer \/ (\S+)/.exec(app.output()) ?? [];
      const { cookie } = await signIn(webUrl, 'designer', password);
      const response = await fetch(new URL('/api/processes', webUrl), { headers: { cookie } });
      expect(response.status).toBe(200);
      expect(await response.text()).toContain('selezione-personale');
    });

    it('stops cleanly on SIGTERM', async () => {
      await app.stop();
      expect(app.child.exitCode).toBe(0);
    });
  });
}
