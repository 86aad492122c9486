import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AuditTrail } from '../../../src/audit/index.js';
import { openAppDatabase, UserStore, type AppDatabase } from '../../../src/db/index.js';
import { EmbeddedEngine } from '../../../src/engine/EmbeddedEngine.js';
import { CamundaEventSource } from '../../../web/server/audit/follower/CamundaEventSource.js';
import { EngineEventFollower } from '../../../web/server/audit/follower/EngineEventFollower.js';
import { createApp, type WebApp } from '../../../web/server/createApp.js';
import { CamundaEngineClient } from '../../../web/server/engine/CamundaEngineClient.js';
import { seedDemoUsers } from '../../../web/server/seed/seedDemoUsers.js';
import { CamundaTaskClient } from '../../../web/server/tasks/CamundaTaskClient.js';
import { ErrorCode } from '../../../processes/generated/task-types.js';
import { auditDeadlines, type ScadenzaRecord } from '../../../workers/shared/deadlines.js';
import { produceDocument } from '../../../workers/shared/documents.js';
import { BusinessError, WorkerInputError } from '../../../workers/shared/errors.js';
import type { ZeebeJob } from '../../../workers/shared/sdk.js';
import { runHandler, type AnyTaskHandler } from '../../../workers/shared/TaskHandler.js';
import type { WorkerContext } from '../../../workers/shared/WorkerContext.js';
import { DEFAULT_ADDRESSES } from '../../../workers/shared/WorkerContext.js';
import { sdkClient } from '../../support/engineHarness.js';
import { demoPassword, serve } from '../../web/support/webClient.js';
import { JOB_CALCOLA, JOB_PROTOCOLLO, JOB_VERIFICA } from './auditProcess.js';

export interface AuditStack {
  embedded: EmbeddedEngine;
  zeebe: ReturnType<typeof sdkClient>;
  engine: CamundaEngineClient;
  db: AppDatabase;
  app: WebApp;
  follower: EngineEventFollower;
  url: string;
  dataDir: string;
  stop(): Promise<void>;
}

export const LEGAL_RULE = 'art. 55-bis c. 4 d.lgs. 165/2001';
export const DEFAULT_DUE = '2030-01-31T00:00:00+01:00';

/** What the deadlines worker writes for the contestazione (workers/shared/deadlines.ts). */
function contestazione(scadeIl: string): ScadenzaRecord {
  return {
    variabile: 'scadenzaContestazione', tipo: 'contestazione', scadeIl, dataTermine: scadeIl.slice(0, 10), decorrenza: '2029-12-31',
    giorni: 30, natura: 'perentorio', limite: 'notAfter', fonte: LEGAL_RULE, spostataDa: null, motivoSpostamento: null,
  };
}

type Vars = { codiceIstat: string; idProcedimento: string; scadenzaOverride?: string; protocolloOk?: boolean; pecNonConsegnata?: boolean };

/** Test handlers built from the workers' shared steps, run through the workers' own runHandler. */
const HANDLERS: Record<string, AnyTaskHandler> = {
  [JOB_CALCOLA]: async (job, ctx) => {
    const v = job.variables as unknown as Vars;
    const entries = [contestazione(v.scadenzaOverride ?? DEFAULT_DUE)];
    await auditDeadlines(ctx, job, v.idProcedimento, entries, v.codiceIstat);
    const doc = await produceDocument(ctx, job, { kind: 'segnalazione', businessKey: v.idProcedimento, title: `Segnalazione ${v.idProcedimento}`, sections: [{ lines: ['Fatto segnalato.'] }], comune: v.codiceIstat });
    return job.complete({ scadenzaContestazione: entries[0].scadeIl, scadenze: entries, segnalazione: doc } as never);
  },
  [JOB_PROTOCOLLO]: async (job) => {
    if (!(job.variables as unknown as Vars).protocolloOk) throw new WorkerInputError('protocolloOk', 'registro di protocollo non disponibile');
    return job.complete({ protocollo: 'PROT-2026-0042' });
  },
  [JOB_VERIFICA]: async (job) => {
    if ((job.variables as unknown as Vars).pecNonConsegnata) throw new BusinessError(ErrorCode.PEC_NON_CONSEGNATA, 'PEC non consegnata al dipendente');
    return job.complete({ consegnata: true });
  },
};

/**
 * The embedded engine, the web app (task list included) on the same app database as a set of real
 * job workers (the workers' runHandler and shared steps), and the engine event follower polled on
 * demand (no grace period, so a test sees what the engine did at once).
 */
export async function startAuditStack(options: { staticDir?: string } = {}): Promise<AuditStack> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'audit-web-'));
  const embedded = await EmbeddedEngine.start({ dataDir, grpc: { host: '127.0.0.1', port: 0 }, rest: { host: '127.0.0.1', port: 0 } });
  const zeebe = sdkClient(embedded.grpcAddress);
  const engine = new CamundaEngineClient({ restAddress: embedded.restAddress });
  const tasks = new CamundaTaskClient({ restAddress: embedded.restAddress });
  const source = new CamundaEventSource({ restAddress: embedded.restAddress });
  const db = await openAppDatabase({ dataDir: path.join(dataDir, 'app'), log: () => undefined });
  await seedDemoUsers(db.knex, { passwordOf: demoPassword });
  const users = new UserStore(db.knex);
  await users.create({ username: 'upd2', displayName: 'Seconda funzionaria UPD', password: 'upd2-demo', roles: ['provincia', 'provincia-upd'] });
  const app = createApp({ db, engine, staticDir: options.staticDir, live: { intervalMs: 200 }, tasks: { client: tasks, dataDir }, auditSource: source });
  const server = await serve(app);
  const follower = new EngineEventFollower(db, app.services.audit, source, { graceMs: 0, onError: (e) => console.error(e) });
  const ctx: WorkerContext = {
    knex: db.knex,
    audit: new AuditTrail(db),
    mailer: undefined as never,
    dataDir,
    addresses: DEFAULT_ADDRESSES,
    now: () => new Date(),
  };
  const workers = Object.entries(HANDLERS).map(([taskType, fn]) =>
    zeebe.createWorker({ taskType, taskHandler: (job: ZeebeJob) => runHandler(fn, job, ctx), timeout: 10_000, pollInterval: 100 } as never),
  );
  return {
    embedded,
    zeebe,
    engine,
    db,
    app,
    follower,
    url: server.url,
    dataDir,
    async stop() {
      await follower.stop();
      for (const w of workers) await (w as { close(): Promise<unknown> }).close().catch(() => undefined);
      app.services.live.closeAll();
      await server.close();
      await engine.close();
      await tasks.close();
      await source.close();
      await zeebe.close().catch(() => undefined);
      await db.close();
      await embedded.stop();
    },
  };
}
