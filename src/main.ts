import path from 'node:path';
import { loadConfig } from './config.js';
import { protectDataDir } from './dataDirPermissions.js';
import { stopOnSignals } from './shutdown.js';
import { useExternalCluster } from './camunda/index.js';
import { startWebServer, type WebServer } from '../web/server/index.js';
import { startWorkerRuntime, type WorkerRuntime } from './workersRuntime.js';

/** The web app (issue #6) beside the engine; demo accounts only with SEED_DEMO_USERS=true, with random passwords printed once. */
async function startWeb(config: ReturnType<typeof loadConfig>, smtp: WorkerRuntime['smtp']): Promise<WebServer> {
  const web = await startWebServer({
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
  const engine = config.engine === 'external' ? await useExternalCluster(config) : await startEmbeddedEngine(config);
  // Job workers talk to the engine only through the gateway, as they would to a Camunda 8 cluster.
  const grpcAddress = 'grpcAddress' in engine ? String(engine.grpcAddress) : `${config.grpc.host}:${config.grpc.port}`;
  const workers = await startWorkerRuntime(config, grpcAddress);
  const web = await startWeb(config, workers.smtp);
  stopOnSignals('the web app, the job workers and the engine', [() => web.close(), () => workers.close(), () => engine.stop()]);
}

/** The embedded engine, loaded only when ENGINE=embedded, with every diagram under processes/ deployed. */
async function startEmbeddedEngine(config: ReturnType<typeof loadConfig>) {
  const { EmbeddedEngine } = await import('./engine/EmbeddedEngine.js');
  const embedded = await EmbeddedEngine.start({
    dataDir: config.dataDir,
    grpc: { host: config.grpc.host, port: config.grpc.port, acceptCompression: config.grpcCompression },
    rest: { host: config.rest.host, port: config.rest.port },
  });
  console.log(`Zeebe gateway (gRPC) listening on ${config.grpc.host}:${embedded.gateway.port}`);
  console.log(`Orchestration Cluster REST API v2 listening on ${embedded.restAddress}/v2`);
  console.log(`Engine data in ${path.join(config.dataDir, 'engine.sqlite')}`);
  try {
    const deployed = await embedded.deployFolder(path.resolve('processes'));
    for (const d of deployed?.deployments ?? []) {
      if ('process' in d) console.log(`Deployed process ${d.process.bpmnProcessId} v${d.process.version} (${d.process.resourceName})`);
      else console.log(`Deployed form ${d.form.formId} v${d.form.version}`);
    }
  } catch (error) {
    console.error(`Deploying processes/ failed:\n${(error as Error).message}`);
  }
  return embedded;
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
