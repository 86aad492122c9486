import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { openAppDatabase, UserStore, type AppDatabase } from '../../../../src/db/index.js';
import { EmbeddedEngine } from '../../../../src/engine/EmbeddedEngine.js';
import { createApp, type WebApp } from '../../../../web/server/createApp.js';
import { CamundaEngineClient } from '../../../../web/server/engine/CamundaEngineClient.js';
import { seedDemoUsers } from '../../../../web/server/seed/seedDemoUsers.js';
import { CamundaTaskClient } from '../../../../web/server/tasks/CamundaTaskClient.js';
import { sdkClient } from '../../../support/engineHarness.js';
import { demoPassword, serve } from '../../support/webClient.js';

export const REPO = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../../..');

export interface TaskStack {
  embedded: EmbeddedEngine;
  zeebe: ReturnType<typeof sdkClient>;
  engine: CamundaEngineClient;
  tasks: CamundaTaskClient;
  db: AppDatabase;
  app: WebApp;
  url: string;
  dataDir: string;
  stop(): Promise<void>;
}

/**
 * The embedded engine (gRPC + REST on ephemeral ports), the web app reading it through the Camunda
 * REST API (user tasks included), demo accounts plus a second Comune and a second UPD officer.
 */
export async function startTaskStack(options: { staticDir?: string; liveIntervalMs?: number } = {}): Promise<TaskStack> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'web-tasks-'));
  const embedded = await EmbeddedEngine.start({ dataDir, grpc: { host: '127.0.0.1', port: 0 }, rest: { host: '127.0.0.1', port: 0 } });
  const zeebe = sdkClient(embedded.grpcAddress);
  const engine = new CamundaEngineClient({ restAddress: embedded.restAddress });
  const tasks = new CamundaTaskClient({ restAddress: embedded.restAddress });
  const db = await openAppDatabase({ dataDir: path.join(dataDir, 'app'), log: () => undefined });
  await seedDemoUsers(db.knex, { passwordOf: demoPassword });
  const users = new UserStore(db.knex);
  await users.create({ username: 'lissone', displayName: 'Comune di Lissone', password: 'lissone-demo', roles: ['comune'], comuniIstat: ['108028'] });
  await users.create({ username: 'upd2', displayName: 'Seconda funzionaria UPD', password: 'upd2-demo', roles: ['provincia', 'provincia-upd'] });
  await users.create({ username: 'monza2', displayName: 'Collega del Comune di Monza', password: 'monza2-demo', roles: ['comune'], comuniIstat: ['108033'] });
  const app = createApp({ db, engine, staticDir: options.staticDir, live: { intervalMs: options.liveIntervalMs ?? 150 }, tasks: { client: tasks, dataDir } });
  const server = await serve(app);
  return {
    embedded,
    zeebe,
    engine,
    tasks,
    db,
    app,
    url: server.url,
    dataDir,
    async stop() {
      app.services.live.closeAll();
      await server.close();
      await engine.close();
      await tasks.close();
      await zeebe.close().catch(() => undefined);
      await db.close();
      await embedded.stop();
    },
  };
}

/** Deploys BPMN and form files through the web app's engine client (Camunda REST). */
export async function deployFiles(stack: TaskStack, files: Array<{ name: string; content: string }>): Promise<void> {
  await stack.engine.deploy(files.map((f) => ({ name: f.name, content: Buffer.from(f.content) })));
}

export const processFile = (name: string) => ({ name, content: fs.readFileSync(path.join(REPO, 'processes', name), 'utf8') });
export const formFile = (name: string) => ({ name, content: fs.readFileSync(path.join(REPO, 'processes/forms', name), 'utf8') });

/**
 * What the documents worker leaves behind (workers/shared/documents.ts): a PDF under
 * DATA_DIR/documents/<businessKey>/ and a `documents` row with its SHA-256.
 */
export async function produceTestDocument(stack: TaskStack, processInstanceKey: string, businessKey: string, kind: string): Promise<string> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  doc.addPage().drawText(`${kind} – ${businessKey}`, { x: 50, y: 750, size: 14, font });
  const bytes = await doc.save();
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const folder = path.join('documents', businessKey.replace(/[^A-Za-z0-9._-]+/g, '_'));
  const percorso = path.join(folder, `${kind}-${processInstanceKey}.pdf`);
  fs.mkdirSync(path.join(stack.dataDir, folder), { recursive: true });
  fs.writeFileSync(path.join(stack.dataDir, percorso), bytes);
  await stack.db.knex('documents').insert({ sha256, path: percorso, kind, business_key: businessKey, process_instance_key: processInstanceKey, created_at: new Date().toISOString() });
  return sha256;
}
