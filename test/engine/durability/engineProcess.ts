/**
 * Test-only entry: the embedded engine as `npm start` runs it (same configuration variables:
 * DATA_DIR, ZEEBE_GRPC_ADDRESS), without deploying processes/, so a test owns everything deployed.
 * Prints `READY <port>` once the gateway listens.
 */
import { loadConfig } from '../../../src/config.js';
import { EmbeddedEngine } from '../../../src/engine/EmbeddedEngine.js';

const config = loadConfig();
const embedded = await EmbeddedEngine.start({ dataDir: config.dataDir, grpc: { host: config.grpc.host, port: config.grpc.port } });
process.stdout.write(`READY ${embedded.gateway.port}\n`);
const stop = (): void => {
  void embedded.stop().then(() => process.exit(0));
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
