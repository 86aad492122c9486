import path from 'node:path';
import { loadConfig } from './config.js';
import { protectDataDir } from './dataDirPermissions.js';
import { stopOnSignals } from './shutdown.js';
import { alignRestClientEnvironment, camundaSdkConfig, useExternalCluster } from './camunda/index.js';
import { startWebServer, type WebServer } from '../web/server/index.js';
import { startWorkerRuntime, type WorkerRuntime } from './workersRuntime.js';
import { engineClientSdkSettings } from './camunda/embeddedEngineLogin.js';

/** The web app (issue #6) beside the engine; demo accounts only with SEED_DEMO_USERS=true, with random passwords printed once. */
async function startWeb(config: ReturnType<typeof loadConfig>, smtp: WorkerRuntime['smtp'], sdkConfig?: Record<string, string>): Promise<WebServer> {
  const web = await startWebServer({
    sdkConfig,
    host: config.webHost,
    port: config.webPort,
    dataDir: config.dataDir,
    databaseUrl: config.databaseUrl,
    restAddress: config.engine === 'external' ? config.restAddress : `http://${config.rest.host}:${config.rest.port}`,
    seedDemoUsers: config.seedDemoUsers,
    production: config.production,
    trustProxy: config.trustProxy,
    signInLimits: config.signIn,
    auditAnchors: config.auditAnchors,
    acknowledgeEngineExports: config.engine !== 'external',
    // New-task e-mails for users who opted in go where the notices go (the relay, or the dev catcher).
    taskMail: { smtp, from: config.smtp.from },
  });
  console.log(`Web app: ${web.url}`);
  // Printed once: the passwords are random and stored only as scrypt hashes.
  for (const u of web.demoUsers) console.log(`  demo sign-in: ${u.username} / ${u.password} (${u.roles.join(', ')})`);
  if (web.firstAdministrator) {
    const a = web.firstAdministrator;
    console.log(`  first administrator: ${a.username} / ${a.password} (no other account exists; create the real ones, then change this password)`);
  }
  return web;
}

/** `npm start`: the engine (embedded, or a Camunda 8 cluster with ENGINE=external) with processes/ deployed, and the web app. */
async function main(): Promise<void> {
  const config = loadConfig();
  const { tightened } = await protectDataDir(config.dataDir);
  if (tightened.length > 0) console.log(`DATA_DIR ${config.dataDir}: made ${tightened.length} file(s) and folder(s) readable by this user only`);
  if (config.engine === 'external') alignRestClientEnvironment();
  const embedded = config.engine === 'external' ? undefined : await startEmbeddedEngine(config);
  const engine = embedded ?? (await useExternalCluster(config));
  // Job workers talk to the engine only through the gateway, as they would to a Camunda 8 cluster.
  const grpcAddress = embedded ? embedded.grpcAddress : `${config.grpc.host}:${config.grpc.port}`;
  // On the embedded engine the workers and the web app sign in as their own clients (the audit log tells them apart).
  const signIn = (id: string) => (embedded?.credentials && embedded.restAddress ? engineClientSdkSettings(embedded.client(id), embedded.restAddress) : undefined);
  const workers = await startWorkerRuntime(config, grpcAddress, signIn('job-workers'));
  // ENGINE=external: the SDK variables given explicitly, since the SDK's REST client ignores a ZEEBE_CLIENT_ID it only finds in the environment
  const web = await startWeb(config, workers.smtp, embedded ? signIn('web-app') : camundaSdkConfig(config));
  stopOnSignals('the web app, the job workers and the engine', [() => web.close(), () => workers.close(), () => engine.stop()]);
}

/** The embedded engine, loaded only when ENGINE=embedded, with every diagram under processes/ deployed. */
async function startEmbeddedEngine(config: ReturnType<typeof loadConfig>) {
  const { EmbeddedEngine } = await import('./engine/EmbeddedEngine.js');
  const { accessBanner } = await import('./gateway/auth/accessBanner.js');
  const embedded = await EmbeddedEngine.start({
    dataDir: config.dataDir,
    grpc: { host: config.grpc.host, port: config.grpc.port, acceptCompression: config.grpcCompression },
    rest: { host: config.rest.host, port: config.rest.port },
    auth: config.engineAuth === 'none' ? 'none' : undefined,
    clockControlled: config.clockControlled,
    retention: config.retention,
  });
  console.log(`Zeebe gateway (gRPC) listening on ${config.grpc.host}:${embedded.gateway.port}`);
  console.log(`Orchestration Cluster REST API v2 listening on ${embedded.restAddress}/v2`);
  const access = accessBanner({ credentials: embedded.credentials, grpc: `${config.grpc.host}:${embedded.gateway.port}`, rest: embedded.restAddress, tokenUrl: embedded.tokenUrl });
  for (const line of access.info) console.log(line);
  for (const line of access.warnings) console.warn(line);
  if (config.clockControlled) console.warn('WARNING: ZEEBE_CLOCK_CONTROLLED=true: PUT /v2/clock can move the engine clock and fire legal deadlines early (tests only)');
  console.log(`Engine data in ${path.join(config.dataDir, 'engine.sqlite')}`);
  console.log(config.retention ? `Engine retention ${config.retention.iso}: ended instances are deleted that long after they ended, once the audit trail has them` : 'Engine retention off (ENGINE_RETENTION unset): ended instances are kept');
  try {
    const deployed = await embedded.deployFolder(path.resolve('processes'));
    for (const d of deployed?.deployments ?? []) {
      if ('process' in d) console.log(`Deployed process ${d.process.bpmnProcessId} v${d.process.version} (${d.process.resourceName})`);
      else if ('form' in d) console.log(`Deployed form ${d.form.formId} v${d.form.version}`);
      else if ('decision' in d) console.log(`Deployed decision ${d.decision.decisionId} v${d.decision.version}`);
    }
  } catch (error) {
    console.error(`Deploying processes/ failed:\n${(error as Error).message}`);
  }
  return embedded;
}

main().catch((error) => {
  // a DATA_DIR that is read-only or full is the operator's to fix: one line saying so, no stack trace
  console.error(error instanceof Error && error.name === 'DataDirError' ? error.message : error);
  process.exit(1);
});
