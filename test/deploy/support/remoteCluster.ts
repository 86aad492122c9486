/**
 * A stand-in for a remote Camunda 8 cluster: our embedded engine in a process of its own, serving the
 * gRPC gateway and the REST v2 API on ephemeral loopback ports. It deploys nothing; it prints one JSON line
 * with its addresses and runs until SIGTERM.
 */
import { EmbeddedEngine } from '../../../src/engine/EmbeddedEngine.js';

const dataDir = process.argv[2];
if (!dataDir) throw new Error('usage: remoteCluster.ts <dataDir>');
const embedded = await EmbeddedEngine.start({ dataDir, grpc: { host: '127.0.0.1', port: 0 }, rest: { host: '127.0.0.1', port: 0 } });
// with authentication on, as a Camunda 8 cluster with Identity: the app connects with the web-app client's secret
const client = embedded.client('web-app');
process.stdout.write(`${JSON.stringify({ grpc: `grpc://${embedded.grpcAddress}`, rest: embedded.restAddress, tokenUrl: embedded.tokenUrl, clientId: client.id, clientSecret: client.secret })}\n`);
process.on('SIGTERM', () => {
  embedded.stop().then(() => process.exit(0), () => process.exit(1));
});
