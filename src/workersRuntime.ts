import path from 'node:path';
import { Camunda8 } from '@camunda8/sdk';
import { smtpTarget, type Config } from './config.js';
import { openAppDatabase } from './db/openAppDatabase.js';
import { seedComuni } from './demo/seedDemo.js';
import { startDemoInstances } from './demo/startDemoInstances.js';
import { startMailCatcher, type MailCatcher } from './mail/devMailCatcher.js';
import { startWorkers } from '../workers/index.js';
import type { ZeebeGrpcClient } from '../workers/shared/sdk.js';

/**
 * `npm start` side of the job workers: an SDK client to the gateway (the embedded one, or
 * ZEEBE_GRPC_ADDRESS with ENGINE=external), the demo Comuni seeded once, the workers, and with
 * DEMO_INSTANCES=1 one example instance of each procedure. Notices go to the SMTP relay of
 * config.smtp (SMTP_HOST, SMTP_PORT, ...); without SMTP_HOST outside production, to a mail catcher on
 * loopback that stores them under DATA_DIR/mail/.
 */
export interface WorkerRuntime {
  /** where mail goes (the relay, or the dev mail catcher), for the web app's new-task e-mails too */
  smtp: ReturnType<typeof smtpTarget>;
  close(): Promise<void>;
}

export async function startWorkerRuntime(config: Config, grpcAddress: string): Promise<WorkerRuntime> {
  const camunda = new Camunda8({
    ZEEBE_GRPC_ADDRESS: grpcAddress.includes('://') ? grpcAddress : `grpc://${grpcAddress}`,
    ...(config.engine === 'embedded' ? { CAMUNDA_AUTH_STRATEGY: 'NONE' } : {}),
    ...sdkWorkerLogging(),
  } as never);
  const zeebe = camunda.getZeebeGrpcApiClient() as unknown as ZeebeGrpcClient;
  const db = await openAppDatabase({ dataDir: config.dataDir, databaseUrl: config.databaseUrl });
  const added = await seedComuni(db.knex);
  if (added > 0) console.log(`Seeded ${added} Comuni of the Provincia di Monza e della Brianza (ISTAT 108xxx)`);
  let catcher: MailCatcher | undefined;
  let smtp = smtpTarget(config.smtp);
  if (config.devMailCatcher) {
    catcher = await startMailCatcher({ dir: path.join(config.dataDir, 'mail'), port: config.mailCatcherPort });
    smtp = { host: catcher.host, port: catcher.port, secure: false };
    console.log(`Mail: no SMTP_HOST, so notices are caught on smtp://${catcher.host}:${catcher.port} and stored in ${catcher.dir} (nothing is delivered)`);
  } else {
    console.log(`Mail: notices from ${config.smtp.from} go to ${smtp.secure ? 'smtps' : 'smtp'}://${smtp.host}:${smtp.port}`);
  }
  const workers = startWorkers({ zeebe, db, dataDir: config.dataDir, smtp, addresses: { mittente: config.smtp.from } });
  console.log(`Job workers started for ${workers.taskTypes.length} task types`);
  // A fresh app database (its Comuni were just seeded) means a first start.
  if (config.demoInstances === true || (config.demoInstances === 'first-start' && added > 0)) {
    const keys = await startDemoInstances(zeebe);
    console.log(`Demo instances started: ${keys.join(', ')}`);
  }
  return {
    smtp,
    async close() {
      await workers.close();
      await zeebe.close().catch(() => undefined);
      await catcher?.close();
      await db.close();
    },
  };
}

/**
 * Errors only from the SDK's job workers unless ZEEBE_CLIENT_LOG_LEVEL says otherwise: at the SDK's default
 * (INFO) each of the 34 workers logs its connection events, one JSON line per task type on every stop.
 * The SDK (8.8) reads the level from `zeebeGrpcSettings`, not from a flat ZEEBE_CLIENT_LOG_LEVEL key.
 */
export function sdkWorkerLogging(env: NodeJS.ProcessEnv = process.env): { zeebeGrpcSettings: { ZEEBE_CLIENT_LOG_LEVEL: string } } {
  return { zeebeGrpcSettings: { ZEEBE_CLIENT_LOG_LEVEL: env.ZEEBE_CLIENT_LOG_LEVEL || 'ERROR' } };
}
