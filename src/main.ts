import path from 'node:path';
import { loadConfig } from './config.js';
import { EmbeddedEngine } from './engine/EmbeddedEngine.js';

/** `npm start`: the embedded engine (gRPC gateway), with every diagram under processes/ deployed. */
async function main(): Promise<void> {
  const config = loadConfig();
  if (config.engine !== 'embedded') {
    console.log(`ENGINE=external: using the Camunda 8 cluster at ${config.grpc.host}:${config.grpc.port}; the embedded engine does not start.`);
    return;
  }
  const embedded = await EmbeddedEngine.start({
    dataDir: config.dataDir,
    grpc: { host: config.grpc.host, port: config.grpc.port },
  });
  console.log(`Zeebe gateway (gRPC) listening on ${config.grpc.host}:${embedded.gateway.port}`);
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
  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: stopping`);
    embedded.stop().then(
      () => process.exit(0),
      (error) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
