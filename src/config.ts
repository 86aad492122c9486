import path from 'node:path';
import { RetentionPolicy } from './retentionPolicy.js';

/** Where a gRPC address points: `grpc://host:port` (plain) or `grpcs://` (TLS), as the Camunda SDK reads it. */
export interface HostPort {
  host: string;
  port: number;
}

export interface Config {
  engine: 'embedded' | 'external';
  grpc: HostPort;
  /** ENGINE_GRPC_COMPRESSION=true: the embedded gateway invites gzip-compressed requests (default: plain, cheaper on a LAN) */
  grpcCompression: boolean;
  rest: HostPort;
  /** the addresses exactly as configured (scheme, TLS and path kept), for the Camunda SDK in external mode */
  grpcAddress: string;
  restAddress: string;
  webPort: number;
  /** the web app's listening interface: loopback by default, 0.0.0.0 in a container */
  webHost: string;
  dataDir: string;
  databaseUrl?: string;
  /** where the job workers send notices (PEC and e-mail are both SMTP) */
  smtp: SmtpConfig;
  /**
   * SEED_DEMO_USERS: `true` creates the demo sign-ins (random passwords, printed once), `false` removes
   * demo accounts created earlier, unset leaves the accounts as they are (no demo accounts unless asked)
   */
  seedDemoUsers: boolean | undefined;
  /**
   * DEMO_INSTANCES=1: `npm start` starts one example instance of each procedure; =0 never. Unset: only on the
   * first start of a fresh data directory outside production, so a newcomer sees live cases at once.
   */
  demoInstances: boolean | 'first-start';
  /** SMTP_HOST unset outside production: `npm start` catches the mail itself (src/mail/devMailCatcher.ts) */
  devMailCatcher: boolean;
  /** MAIL_CATCHER_PORT: where that catcher listens on loopback (default 1025, SMTP_PORT's default) */
  mailCatcherPort: number;
  /** NODE_ENV=production: Secure session cookie and HSTS on every response (over TLS they are on anyway) */
  production: boolean;
  /**
   * TRUST_PROXY: how many reverse proxies stand in front of the web app (`true` = 1; default 0). Then the
   * client address comes from X-Forwarded-For (the entries those proxies appended) and the scheme from
   * X-Forwarded-Proto; without it both headers are ignored, so a client cannot pick its own address.
   */
  trustProxy: number;
  /** failed sign-ins before a temporary lockout (web/server/auth/SignInThrottle.ts) */
  signIn: { accountFailures: number; addressFailures: number; windowSeconds: number; lockoutSeconds: number };
  /**
   * ENGINE_AUTH: the embedded engine's gRPC and REST APIs ask for credentials (`credentials`, the default: OAuth2
   * tokens from its token endpoint or Basic, clients in DATA_DIR/engine-credentials.json), or nobody's (`none`).
   */
  engineAuth: 'credentials' | 'none';
  /** ZEEBE_CLOCK_CONTROLLED=true (Camunda's switch): the REST API may pin the engine clock; for tests only */
  clockControlled: boolean;
  /** AUDIT_ANCHOR_INTERVAL_MS (default ten minutes) and AUDIT_TSA_URL (an RFC 3161 time-stamping authority) */
  auditAnchors: { intervalMs: number; tsaUrl?: string };
  /**
   * ENGINE_RETENTION (embedded engine only): how long ended instances are kept after they ended and the audit trail
   * has them (ISO-8601 duration); undefined keeps them for ever. On Camunda 8, its own data retention applies.
   */
  retention?: RetentionPolicy;
}

export interface SmtpConfig {
  /** SMTP_HOST; unset means 127.0.0.1 (or, with `npm start` outside production, the local mail catcher) */
  host?: string;
  port: number;
  /** SMTP_SECURE=true: TLS from the first byte (usually port 465); otherwise plain or STARTTLS */
  secure: boolean;
  auth?: { user: string; pass: string };
  /** MAIL_FROM: the sender of every notice, the Provincia's PEC or e-mail address */
  from: string;
}

/** The SMTP peer the workers' Mailer uses: SMTP_HOST, or 127.0.0.1 when it is unset. */
export function smtpTarget(smtp: SmtpConfig): { host: string; port: number; secure: boolean; auth?: { user: string; pass: string } } {
  return { host: smtp.host ?? '127.0.0.1', port: smtp.port, secure: smtp.secure, ...(smtp.auth ? { auth: smtp.auth } : {}) };
}

/** `true`/`1`/`yes`/`on` and `false`/`0`/`no`/`off` (any case); unset or empty gives undefined. */
export function parseFlag(name: string, value: string | undefined): boolean | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const v = value.trim().toLowerCase();
  if (['true', '1', 'yes', 'on'].includes(v)) return true;
  if (['false', '0', 'no', 'off'].includes(v)) return false;
  throw new Error(`${name} must be true or false, got '${value}'`);
}

export function parseAddress(value: string, defaultPort: number): HostPort {
  const withoutScheme = value.replace(/^[a-z]+:\/\//i, '').replace(/\/.*$/, '');
  const match = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(withoutScheme);
  if (!match) throw new Error(`Invalid address '${value}': expected host:port`);
  const port = match[2] ? Number(match[2]) : defaultPort;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`Invalid port in address '${value}'`);
  return { host: match[1].replace(/^\[|\]$/g, ''), port };
}

function positiveInteger(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value.trim() === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a positive integer, got '${value}'`);
  return n;
}

function portNumber(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value.trim() === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new Error(`${name} must be a port number, got '${value}'`);
  return n;
}

function parseTrustProxy(value: string | undefined): number {
  if (value !== undefined && /^\d+$/.test(value.trim())) return Number(value.trim());
  const flag = parseFlag('TRUST_PROXY', value);
  return flag ? 1 : 0;
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
  const smtpPort = Number(env.SMTP_PORT || 1025);
  if (!Number.isInteger(smtpPort) || smtpPort < 1 || smtpPort > 65535) throw new Error(`SMTP_PORT must be a port number, got '${env.SMTP_PORT}'`);
  const production = env.NODE_ENV === 'production';
  const engineAuth = (env.ENGINE_AUTH || 'credentials').trim().toLowerCase();
  if (engineAuth !== 'credentials' && engineAuth !== 'none') throw new Error(`ENGINE_AUTH must be 'credentials' or 'none', got '${env.ENGINE_AUTH}'`);
  const anchorIntervalMs = Number(env.AUDIT_ANCHOR_INTERVAL_MS || 10 * 60 * 1000);
  if (!Number.isInteger(anchorIntervalMs) || anchorIntervalMs < 1000) {
    throw new Error(`AUDIT_ANCHOR_INTERVAL_MS must be a whole number of milliseconds, at least 1000, got '${env.AUDIT_ANCHOR_INTERVAL_MS}'`);
  }
  const tsaUrl = env.AUDIT_TSA_URL?.trim() || undefined;
  if (tsaUrl && !/^https?:\/\//.test(tsaUrl)) throw new Error(`AUDIT_TSA_URL must be an http(s) URL, got '${tsaUrl}'`);
  const retention = RetentionPolicy.parse(env.ENGINE_RETENTION);
  if (retention && engine === 'external') {
    throw new Error(`ENGINE_RETENTION='${retention.iso}' applies to the embedded engine only: with ENGINE=external set Camunda 8's own data retention (secondary storage), longer than the audit follower needs to catch up`);
  }
  return {
    engine,
    grpc: parseAddress(grpcAddress, 26500),
    grpcCompression: parseFlag('ENGINE_GRPC_COMPRESSION', env.ENGINE_GRPC_COMPRESSION) ?? false,
    rest: parseAddress(restAddress, 8080),
    grpcAddress,
    restAddress,
    webPort,
    webHost: env.HOST || '127.0.0.1',
    dataDir: path.resolve(env.DATA_DIR ?? './data'),
    databaseUrl: env.DATABASE_URL || undefined,
    smtp: {
      host: env.SMTP_HOST || undefined,
      port: smtpPort,
      secure: parseFlag('SMTP_SECURE', env.SMTP_SECURE) ?? false,
      // credentials only for a relay that asks for them (a PEC provider does; Mailpit does not)
      ...(env.SMTP_USER ? { auth: { user: env.SMTP_USER, pass: env.SMTP_PASS ?? '' } } : {}),
      from: env.MAIL_FROM || 'protocollo@pec.provincia.mb.it',
    },
    seedDemoUsers: parseFlag('SEED_DEMO_USERS', env.SEED_DEMO_USERS),
    demoInstances: parseFlag('DEMO_INSTANCES', env.DEMO_INSTANCES) ?? (production ? false : 'first-start'),
    devMailCatcher: !env.SMTP_HOST && !production,
    mailCatcherPort: portNumber('MAIL_CATCHER_PORT', env.MAIL_CATCHER_PORT, 1025),
    production,
    trustProxy: parseTrustProxy(env.TRUST_PROXY),
    signIn: {
      accountFailures: positiveInteger('SIGN_IN_MAX_FAILURES', env.SIGN_IN_MAX_FAILURES, 10),
      addressFailures: positiveInteger('SIGN_IN_MAX_FAILURES_PER_ADDRESS', env.SIGN_IN_MAX_FAILURES_PER_ADDRESS, 100),
      windowSeconds: 15 * 60,
      lockoutSeconds: 60 * positiveInteger('SIGN_IN_LOCKOUT_MINUTES', env.SIGN_IN_LOCKOUT_MINUTES, 15),
    },
    engineAuth,
    clockControlled: parseFlag('ZEEBE_CLOCK_CONTROLLED', env.ZEEBE_CLOCK_CONTROLLED) ?? false,
    auditAnchors: { intervalMs: anchorIntervalMs, ...(tsaUrl ? { tsaUrl } : {}) },
    ...(retention ? { retention } : {}),
  };
}
