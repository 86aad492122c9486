import { Camunda8 } from '@camunda8/sdk';
import type { Config } from './config.js';
import { openAppDatabase } from './db/openAppDatabase.js';
import { seedComuni } from './demo/seedDemo.js';
import { startDemoInstances } from './demo/startDemoInstances.js';
import { startWorkers } from '../workers/index.js';
import type { ZeebeGrpcClient } from '../workers/shared/sdk.js';

/**
 * `npm start` side of the job workers: an SDK client to the gateway (the embedded one, or
 * ZEEBE_GRPC_ADDRESS with ENGINE=external), the demo Comuni seeded once, the workers, and with
 * DEMO_INSTANCES=1 one example instance of each procedure. SMTP_HOST / SMTP_PORT / SMTP_SECURE /
 * SMTP_USER / SMTP_PASS point at the mail (PEC) relay; default 127.0.0.1:1025 (a local test relay).
 */
export async function startWorkerRuntime(config: Config, grpcAddress: string, env: NodeJS.ProcessEnv = process.env): Promise<{ close(): Promise<void> }> {
  const camunda = new Camunda8({
    ZEEBE_GRPC_ADDRESS: grpcAddress.includes('://') ? grpcAddress : `grpc://${grpcAddress}`,
    ...(config.engine === 'embedded' ? { CAMUNDA_AUTH_STRATEGY: 'NONE' } : {}),
  } as never);
  const zeebe = camunda.getZeebeGrpcApiClient() as unknown as ZeebeGrpcClient;
  const db = await openAppDatabase({ dataDir: config.dataDir, databaseUrl: config.databaseUrl });
  const added = await seedComuni(db.knex);
  if (added > 0) console.log(`Seeded ${added} Comuni of the Provincia di Monza e della Brianza (ISTAT 108xxx)`);
  const workers = startWorkers({
    zeebe, db, dataDir: config.dataDir,
    smtp: {
      host: env.SMTP_HOST ?? '127.0.0.1', port: Number(env.SMTP_PORT ?? 1025), secure: env.SMTP_SECURE === 'true',
      ...(env.SMTP_USER ? { auth: { user: env.SMTP_USER, pass: env.SMTP_PASS ?? '' } } : {}),
    },
  });
  console.log(`Job workers started for ${workers.taskTypes.length} task types`);
  if (env.DEMO_INSTANCES === '1' || env.DEMO_INSTANCES === 'true') {
    const keys = await startDemoInstances(zeebe);
    console.log(`Demo instances started: ${keys.join(', ')}`);
  }
  return {
    async close() {
      await workers.close();
      await zeebe.close().catch(() => undefined);
      await db.close();
    },
  };
}
