import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import type { Engine } from '../../engine/Engine.js';
import { gatewayHandlers } from './handlers.js';
import { operationHandlers } from './operationHandlers.js';
import { authenticated } from './authentication.js';
import type { EngineAuthenticator } from '../auth/EngineAuthenticator.js';

const PROTO = path.join(path.dirname(fileURLToPath(import.meta.url)), 'proto', 'gateway.proto');

/** Zeebe's gateway limit; grpc-js answers RESOURCE_EXHAUSTED above it, as the Zeebe gateway does. */
export const MAX_MESSAGE_BYTES = 4 * 1024 * 1024;

export interface GatewayOptions {
  /**
   * Let clients send gzip/deflate-compressed requests. Off (the default), every response advertises
   * `grpc-accept-encoding: identity`, and grpc-js clients (the Camunda SDK compresses every request with gzip
   * by default) send plain messages from their second call on: on loopback or a LAN, compressing small job
   * messages costs the client and the engine more CPU than it saves. Compressed requests are still read.
   */
  acceptCompression?: boolean;
  /** Checks every call's credentials (UNAUTHENTICATED without); absent with ENGINE_AUTH=none. */
  authenticator?: EngineAuthenticator;
}

/** Serves `gateway_protocol.Gateway` over plain gRPC (HTTP/2) for official Zeebe clients. */
export class GatewayServer {
  private readonly server: grpc.Server;
  private boundPort = 0;

  constructor(
    private readonly engine: Engine,
    private readonly host: string,
    options: GatewayOptions = {},
  ) {
    this.server = new grpc.Server({
      'grpc.max_receive_message_length': MAX_MESSAGE_BYTES,
      'grpc.max_send_message_length': MAX_MESSAGE_BYTES,
      // Channelz (grpc-js's per-call and per-session statistics for its admin service) is not served here:
      // off, every call skips its trackers.
      'grpc.enable_channelz': 0,
    });
    const definition = protoLoader.loadSync(PROTO, { keepCase: true, longs: String, enums: String, defaults: true, oneofs: true });
    const proto = grpc.loadPackageDefinition(definition) as unknown as { gateway_protocol: { Gateway: { service: grpc.ServiceDefinition } } };
    const handlers = { ...gatewayHandlers(engine, { host, port: () => this.boundPort }), ...operationHandlers(engine) };
    this.server.addService(proto.gateway_protocol.Gateway.service, authenticated(handlers, options.authenticator, options.acceptCompression ? 'identity,deflate,gzip' : 'identity'));
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
