import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Camunda8 } from '@camunda8/sdk';
import type { ZeebeGrpcClient } from '@camunda8/sdk/dist/zeebe/index.js';
import { EmbeddedEngine, type EmbeddedEngineOptions } from '../../src/engine/EmbeddedEngine.js';
import { engineClientSdkSettings } from '../../src/camunda/embeddedEngineLogin.js';

export interface Harness {
  embedded: EmbeddedEngine;
  zeebe: ZeebeGrpcClient;
  dataDir: string;
  address: string;
  stop(): Promise<void>;
}

export function tempDir(prefix = 'engine-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** How a test client signs in to an engine: a client of its credentials file, and its token endpoint when REST is served. */
export interface EngineLogin {
  clientId: string;
  clientSecret: string;
  tokenUrl?: string;
  /** Signs a further user in to the same engine (Basic), as Camunda would know a user; for actor tests. */
  asUser(user: string): EngineLogin;
}

/** Logins of the engines this test process started, by gRPC address and by REST base URL. */
const logins = new Map<string, EngineLogin>();

/**
 * Remembers how to sign in to an engine, so `sdkClient(address)`, `http(base, …)` and the web stacks find the
 * credentials by address alone. The `operator` client unless told otherwise; nothing with ENGINE_AUTH=none.
 */
export function registerEngine(embedded: EmbeddedEngine, clientId = 'operator'): EngineLogin | undefined {
  if (!embedded.credentials) return undefined;
  const client = embedded.client(clientId);
  const asUser = (user: string): EngineLogin => {
    const secret = `${user}-test-password`;
    embedded.authenticator?.addClient({ id: user, secret });
    return { clientId: user, clientSecret: secret, asUser };
  };
  const login: EngineLogin = { clientId: client.id, clientSecret: client.secret, tokenUrl: embedded.tokenUrl, asUser };
  logins.set(embedded.grpcAddress, login);
  logins.set(`127.0.0.1:${embedded.gateway.port}`, login);
  if (embedded.restAddress) logins.set(embedded.restAddress, login);
  return login;
}

/**
 * Registers a login for an engine in another process (durability tests), from the credentials file its first
 * start wrote into `dataDir`: the `operator` client, Basic (no token endpoint without REST).
 */
export function registerEngineInDataDir(address: string, dataDir: string, clientId = 'operator'): EngineLogin {
  const { clients } = JSON.parse(fs.readFileSync(path.join(dataDir, 'engine-credentials.json'), 'utf8')) as { clients: { id: string; secret: string }[] };
  const client = clients.find((c) => c.id === clientId);
  if (!client) throw new Error(`no client ${clientId} in ${dataDir}`);
  const login: EngineLogin = { clientId, clientSecret: client.secret, asUser: () => { throw new Error('users can be added only to an engine of this process'); } };
  logins.set(address, login);
  return login;
}

/** The login registered for a gRPC address (`host:port`, `grpc://` optional) or REST base URL. */
export function engineLogin(address: string): EngineLogin | undefined {
  return logins.get(address.replace(/^grpcs?:\/\//, '').replace(/\/$/, ''));
}

/**
 * The Camunda SDK's own settings for a login: OAuth through the engine's token endpoint when it has one, else
 * Basic; NONE without a login. The disk token cache is off: every test engine has its own signing key.
 */
export function sdkAuthSettings(login: EngineLogin | undefined): Record<string, string> {
  if (!login) return { CAMUNDA_AUTH_STRATEGY: 'NONE' };
  if (login.tokenUrl) {
    return {
      CAMUNDA_AUTH_STRATEGY: 'OAUTH',
      ZEEBE_CLIENT_ID: login.clientId,
      ZEEBE_CLIENT_SECRET: login.clientSecret,
      CAMUNDA_OAUTH_URL: login.tokenUrl,
      CAMUNDA_TOKEN_DISK_CACHE_DISABLE: 'true',
    };
  }
  return { CAMUNDA_AUTH_STRATEGY: 'BASIC', CAMUNDA_BASIC_AUTH_USERNAME: login.clientId, CAMUNDA_BASIC_AUTH_PASSWORD: login.clientSecret };
}

/** A Camunda 8 SDK gRPC client pointed at an address, quiet, signed in with the engine's registered login (if any; `null`: none). */
export function sdkClient(address: string, login: EngineLogin | null | undefined = engineLogin(address)): ZeebeGrpcClient {
  const camunda = new Camunda8({
    ZEEBE_GRPC_ADDRESS: `grpc://${address}`,
    ...sdkAuthSettings(login ?? undefined),
    ZEEBE_CLIENT_LOG_LEVEL: 'NONE',
    CAMUNDA_LOG_LEVEL: 'none',
  } as never);
  return camunda.getZeebeGrpcApiClient();
}

/** `authorization` header value for plain HTTP or gRPC calls with a login (Basic), or none. */
export function basicAuthorization(login: EngineLogin | undefined): string | undefined {
  return login && `Basic ${Buffer.from(`${login.clientId}:${login.clientSecret}`).toString('base64')}`;
}

/** Starts the embedded engine on a fresh SQLite file and an ephemeral loopback port, with an SDK client. */
export async function startHarness(options: EmbeddedEngineOptions & { dataDir?: string } = {}): Promise<Harness> {
  const dataDir = options.dataDir ?? tempDir();
  const embedded = await EmbeddedEngine.start({ ...options, dataDir, grpc: { ...options.grpc, host: '127.0.0.1', port: 0 } });
  const address = embedded.grpcAddress;
  registerEngine(embedded);
  const zeebe = sdkClient(address);
  return {
    embedded,
    zeebe,
    dataDir,
    address,
    async stop() {
      await zeebe.close().catch(() => undefined);
      await embedded.stop();
    },
  };
}

export const fixture = (dir: string, name: string): string => path.join(dir, 'fixtures', name);

/** Minimal BPMN builder for tests: a process with the given flow-node XML and flows, no DI. */
export function bpmn(processId: string, body: string, extraRoot = ''): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="defs_${processId}" targetNamespace="http://bpmn.io/schema/bpmn">
  ${extraRoot}
  <bpmn:process id="${processId}" isExecutable="true">
${body}
  </bpmn:process>
</bpmn:definitions>`;
}

/** Deploys BPMN text through the SDK (DeployResource). */
export async function deployXml(zeebe: ZeebeGrpcClient, name: string, xml: string) {
  return zeebe.deployResource({ name, process: Buffer.from(xml) } as never);
}

/** Records of one process instance from the engine's record log, in order. */
export async function records(embedded: EmbeddedEngine, processInstanceKey: string | number, valueType?: string) {
  const query = embedded.engine.knex('records').where('process_instance_key', Number(processInstanceKey)).orderBy('position');
  if (valueType) query.andWhere('value_type', valueType);
  return ((await query) as { key: number; intent: string; element_id: string | null; value_type: string; value: string }[]).map((r) => ({ ...r, value: JSON.parse(r.value) as Record<string, unknown> }));
}

/** Element ids in the order they completed in an instance. */
export async function completedElements(embedded: EmbeddedEngine, processInstanceKey: string | number): Promise<string[]> {
  return (await records(embedded, processInstanceKey, 'PROCESS_INSTANCE')).filter((r) => r.intent === 'ELEMENT_COMPLETED').map((r) => r.element_id as string);
}

export async function waitFor<T>(probe: () => Promise<T | undefined | false>, timeoutMs = 10_000, what = 'condition'): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > until) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** What the web app of `npm start` signs in with: the engine's `web-app` client, OAuth through its token endpoint. */
export function webAppSdkConfig(embedded: EmbeddedEngine): Record<string, string> {
  registerEngine(embedded);
  return embedded.credentials && embedded.restAddress ? engineClientSdkSettings(embedded.client('web-app'), embedded.restAddress) : { CAMUNDA_AUTH_STRATEGY: 'NONE' };
}
