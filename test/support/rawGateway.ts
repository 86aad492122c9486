import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { basicAuthorization, engineLogin, type EngineLogin } from './engineHarness.js';

/**
 * A bare grpc-js client on the vendored official `gateway.proto`: no SDK retries or rewriting, so a
 * test sees exactly the status code and details the gateway answers.
 */
const PROTO = path.join(path.dirname(fileURLToPath(import.meta.url)), '../../src/gateway/grpc/proto/gateway.proto');

type Req = Record<string, unknown>;
type Res = Record<string, any>;

export interface RpcFailure {
  code: grpc.status;
  details: string;
}

export interface RawGateway {
  call(method: string, request: Req, deadlineMs?: number): Promise<Res>;
  /** Resolves with the status of a failing call; rejects if the call succeeds. */
  fail(method: string, request: Req): Promise<RpcFailure>;
  /** ActivateJobs is server-streaming: all jobs of all responses. */
  activate(request: Req): Promise<Res[]>;
  /** StreamActivatedJobs; `pause()` stops reading, as a client that does not keep up. */
  stream(request: Req): { jobs: Res[]; cancel(): void; pause(): void; resume(): void };
  close(): void;
}

const definition = protoLoader.loadSync(PROTO, { keepCase: true, longs: String, enums: String, defaults: true, oneofs: true });
const proto = grpc.loadPackageDefinition(definition) as unknown as {
  gateway_protocol: { Gateway: new (address: string, credentials: grpc.ChannelCredentials, options?: grpc.ChannelOptions) => grpc.Client };
};

/**
 * Signed in with the engine's registered login (Basic in the `authorization` metadata, as Camunda's clients send it),
 * or `login: null` for a call without credentials.
 */
export function rawGateway(address: string, login: EngineLogin | null | undefined = engineLogin(address), extraMetadata: Record<string, string> = {}): RawGateway {
  const client = new proto.gateway_protocol.Gateway(address, grpc.credentials.createInsecure(), {
    'grpc.max_send_message_length': 16 * 1024 * 1024,
  }) as grpc.Client & Record<string, (...args: unknown[]) => any>;
  const metadata = (): grpc.Metadata => {
    const m = new grpc.Metadata();
    const header = basicAuthorization(login ?? undefined);
    if (header) m.set('authorization', header);
    for (const [name, value] of Object.entries(extraMetadata)) m.set(name, value);
    return m;
  };
  const call = (method: string, request: Req, deadlineMs = 20_000): Promise<Res> =>
    new Promise((resolve, reject) => {
      client[method](request, metadata(), { deadline: Date.now() + deadlineMs }, (error: grpc.ServiceError | null, response: Res) => (error ? reject(error) : resolve(response)));
    });
  return {
    call,
    async fail(method, request) {
      try {
        await call(method, request);
      } catch (error) {
        const e = error as grpc.ServiceError;
        return { code: e.code, details: e.details };
      }
      throw new Error(`Expected ${method} to fail, but it succeeded`);
    },
    activate(request) {
      return new Promise((resolve, reject) => {
        const jobs: Res[] = [];
        const stream = client.ActivateJobs(request, metadata(), { deadline: Date.now() + 30_000 }) as grpc.ClientReadableStream<Res>;
        stream.on('data', (response: Res) => jobs.push(...(response.jobs as Res[])));
        stream.on('error', reject);
        stream.on('end', () => resolve(jobs));
      });
    },
    stream(request) {
      const jobs: Res[] = [];
      const stream = client.StreamActivatedJobs(request, metadata()) as grpc.ClientReadableStream<Res>;
      stream.on('data', (job: Res) => jobs.push(job));
      stream.on('error', () => undefined);
      return { jobs, cancel: () => stream.cancel(), pause: () => void stream.pause(), resume: () => void stream.resume() };
    },
    close() {
      client.close();
    },
  };
}

export { grpc };
