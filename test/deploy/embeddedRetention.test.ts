import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openAppDatabase } from '../../src/db/index.js';
import { bpmn, tempDir, waitFor } from '../support/engineHarness.js';
import { runTs, type RunningProcess } from './support/childProcess.js';

/** `npm start` (src/main.ts) with ENGINE_RETENTION: the web app's audit follower acknowledges, the engine deletes. */
async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (!/^(ENGINE.*|PORT|HOST|DATA_DIR|DATABASE_URL|TEST_DATABASE_URL|ZEEBE_.*|CAMUNDA_.*)$/.test(name)) env[name] = value;
  }
  return { ...env, ZEEBE_CLIENT_LOG_LEVEL: 'NONE', CAMUNDA_LOG_LEVEL: 'none', ...extra };
}

describe('npm start with ENGINE_RETENTION', () => {
  let app: RunningProcess;
  let dataDir: string;
  let rest: string;
  let authorization: string;

  beforeAll(async () => {
    // given: the embedded engine with retention PT0S (deleted as soon as the trail has it), the web app and workers
    dataDir = tempDir('retention-start-');
    rest = `http://127.0.0.1:${await freePort()}`;
    app = runTs('src/main.ts', [], cleanEnv({
      ENGINE_RETENTION: 'PT0S',
      ZEEBE_GRPC_ADDRESS: `grpc://127.0.0.1:${await freePort()}`,
      ZEEBE_REST_ADDRESS: rest,
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      NODE_ENV: 'development',
      DEMO_INSTANCES: '0',
      MAIL_CATCHER_PORT: '0',
    }));
    await app.waitForLine(/^Web app: /m, 60_000);
    const { clients } = JSON.parse(fs.readFileSync(path.join(dataDir, 'engine-credentials.json'), 'utf8')) as { clients: { id: string; secret: string }[] };
    const operator = clients.find((c) => c.id === 'operator')!;
    authorization = `Basic ${Buffer.from(`${operator.id}:${operator.secret}`).toString('base64')}`;
  }, 90_000);

  afterAll(async () => {
    await app?.stop();
  });

  it('deletes an ended instance once the audit trail has recorded it', async () => {
    // given: a process that ends at once
    const form = new FormData();
    form.append('resources', new Blob([bpmn('retention-at-once', `<bpmn:startEvent id="s"/><bpmn:endEvent id="e"/><bpmn:sequenceFlow id="f" sourceRef="s" targetRef="e"/>`)]), 'retention-at-once.bpmn');
    expect((await fetch(`${rest}/v2/deployments`, { method: 'POST', headers: { authorization }, body: form })).status).toBe(200);

    // when: an instance runs to its end
    const created = await fetch(`${rest}/v2/process-instances`, { method: 'POST', headers: { authorization, 'content-type': 'application/json' }, body: JSON.stringify({ processDefinitionId: 'retention-at-once' }) });
    const { processInstanceKey } = (await created.json()) as { processInstanceKey: string };

    // then: it goes from the engine (after the follower's grace period and acknowledgement) ...
    await waitFor(async () => (await fetch(`${rest}/v2/process-instances/${processInstanceKey}`, { headers: { authorization } })).status === 404, 30_000, 'the instance to be deleted');
    const status = (await (await fetch(`${rest}/engine/retention`, { headers: { authorization } })).json()) as { retention: string; exporters: { exporterId: string }[] };
    expect(status).toMatchObject({ retention: 'PT0S', exporters: [{ exporterId: 'audit-trail' }] });
    expect(app.output()).toContain('Engine retention PT0S');
    // ... and stays in the trail
    await app.stop();
    const db = await openAppDatabase({ dataDir, log: () => undefined });
    try {
      expect(await db.knex('audit_entries').where({ action: 'instance.start', entity_key: processInstanceKey }).count({ n: '*' }).first()).toEqual({ n: 1 });
    } finally {
      await db.close();
    }
  }, 60_000);
});
