import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import type { Engine } from '../../engine/Engine.js';
import { gatewayHandlers } from './handlers.js';

const PROTO = path.join(path.dirname(fileURLToPath(import.meta.url)), 'proto', 'gateway.proto');

/** Zeebe's gateway limit; grpc-js answers RESOURCE_EXHAUSTED above it, as the Zeebe gateway does. */
export const MAX_MESSAGE_BYTES = 4 * 1024 * 1024;

/** Serves `gateway_protocol.Gateway` over plain gRPC (HTTP/2) for official Zeebe clients. */
export class GatewayServer {
  private readonly server = new grpc.Server({
    'grpc.max_receive_message_length': MAX_MESSAGE_BYTES,
    'grpc.max_send_message_length': MAX_MESSAGE_BYTES,
  });
  private boundPort = 0;

  constructor(
    private readonly engine: Engine,
    private readonly host: string,
  ) {
    const definition = protoLoader.loadSync(PROTO, { keepCase: true, longs: String, enums: String, defaults: true, oneofs: true });
    const proto = grpc.loadPackageDefinition(definition) as unknown as { gateway_protocol: { Gateway: { service: grpc.ServiceDefinition } } };
    this.server.addService(proto.gateway_protocol.Gateway.service, gatewayHandlers(engine, { host, port: () => this.boundPort }));
  }

  async listen(port: number): Promise<number> {
    this.boundPort = await new Promise<number>((resolve, reject) => {
      this.server.bindAsync(`${this.host}:${port}`, grpc.ServerCredentials.createInsecure(), (error, bound) => (error ? reject(error) : resolve(bound)));
    });
    return this.boundPort;
  }

  get port(): number {
    return this.boundPort;
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        this.server.forceShutdown();
        resolve();
      }, 2000);
      this.server.tryShutdown(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }
}
