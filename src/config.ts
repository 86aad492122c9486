import path from 'node:path';

/** Where a gRPC address points: `grpc://host:port` (plain) or `grpcs://` (TLS), as the Camunda SDK reads it. */
export interface HostPort {
  host: string;
  port: number;
}

export interface Config {
  engine: 'embedded' | 'external';
  grpc: HostPort;
  rest: HostPort;
  /** the addresses exactly as configured (scheme, TLS and path kept), for the Camunda SDK in external mode */
  grpcAddress: string;
  restAddress: string;
  webPort: number;
  /** the web app's listening interface: loopback by default, 0.0.0.0 in a container */
  webHost: string;
  dataDir: string;
  databaseUrl?: string;
}

export function parseAddress(value: string, defaultPort: number): HostPort {
  const withoutScheme = value.replace(/^[a-z]+:\/\//i, '').replace(/\/.*$/, '');
  const match = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(withoutScheme);
  if (!match) throw new Error(`Invalid address '${value}': expected host:port`);
  const port = match[2] ? Number(match[2]) : defaultPort;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`Invalid port in address '${value}'`);
  return { host: match[1].replace(/^\[|\]$/g, ''), port };
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const engine = (env.ENGINE ?? 'embedded').toLowerCase();
  if (engine !== 'embedded' && engine !== 'external') {
    throw new Error(`ENGINE must be 'embedded' or 'external', got '${env.ENGINE}'`);
  }
  const webPort = Number(env.PORT ?? 3000);
  if (!Number.isInteger(webPort)) throw new Error(`PORT must be an integer, got '${env.PORT}'`);
  const grpcAddress = env.ZEEBE_GRPC_ADDRESS ?? env.ZEEBE_ADDRESS ?? 'grpc://127.0.0.1:26500';
  const restAddress = env.ZEEBE_REST_ADDRESS ?? 'http://127.0.0.1:8080';
  return {
    engine,
    grpc: parseAddress(grpcAddress, 26500),
    rest: parseAddress(restAddress, 8080),
    grpcAddress,
    restAddress,
    webPort,
    webHost: env.HOST || '127.0.0.1',
    dataDir: path.resolve(env.DATA_DIR ?? './data'),
    databaseUrl: env.DATABASE_URL || undefined,
  };
}
