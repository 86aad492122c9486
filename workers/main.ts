import { Camunda8 } from '@camunda8/sdk';
import { camundaSdkConfig } from '../src/camunda/camundaSdkConfig.js';
import { loadConfig, smtpTarget, type Config } from '../src/config.js';
import { protectDataDir } from '../src/dataDirPermissions.js';
import { openAppDatabase } from '../src/db/openAppDatabase.js';
import { stopOnSignals } from '../src/shutdown.js';
import { sdkWorkerLogging } from '../src/workersRuntime.js';
import { startWorkers } from './index.js';
import type { ZeebeGrpcClient } from './shared/sdk.js';

/**
 * `npm run start:workers` (and docker-compose's `workers` service): every job worker of workers/ and
 * nothing else, against the gateway at ZEEBE_GRPC_ADDRESS. The Camunda SDK reads its own variables as
 * they are (CAMUNDA_AUTH_STRATEGY, ZEEBE_CLIENT_ID, ...); the app data is DATABASE_URL or SQLite in
 * DATA_DIR, where the documents go too; notices go to SMTP_HOST:SMTP_PORT from MAIL_FROM (src/config.ts).
 * Run as many replicas as the load needs: Zeebe hands each job to one of them.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  await protectDataDir(config.dataDir);
  const camunda = new Camunda8({ ...sdkSettings(config), ...sdkWorkerLogging() } as never);
  const zeebe = camunda.getZeebeGrpcApiClient() as unknown as ZeebeGrpcClient;
  const db = await openAppDatabase({ dataDir: config.dataDir, databaseUrl: config.databaseUrl });
  const smtp = smtpTarget(config.smtp);
  const workers = startWorkers({ zeebe, db, dataDir: config.dataDir, smtp, addresses: { mittente: config.smtp.from } });
  console.log(`Job workers for ${workers.taskTypes.length} task types, taking jobs from the gateway at ${config.grpcAddress}:`);
  console.log(`  ${workers.taskTypes.join(', ')}`);
  console.log(`Documents in ${config.dataDir}; notices from ${config.smtp.from} to ${smtp.secure ? 'smtps' : 'smtp'}://${smtp.host}:${smtp.port}`);

  // jobs in hand are finished or, past their timeout, handed by the engine to another worker
  stopOnSignals('the job workers', [() => workers.close(), () => zeebe.close().catch(() => undefined), () => db.close()]);
}

/**
 * The SDK's variables as they are, with the gateway address from the configuration. The embedded engine
 * of `npm start` (ENGINE=embedded, the default) asks for no credentials, so the auth strategy defaults to
 * NONE there; against a cluster (ENGINE=external) the SDK's own default and variables apply.
 */
function sdkSettings(config: Config, env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const settings = camundaSdkConfig(config, env);
  if (config.engine === 'embedded' && !env.CAMUNDA_AUTH_STRATEGY) settings.CAMUNDA_AUTH_STRATEGY = 'NONE';
  return settings;
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
