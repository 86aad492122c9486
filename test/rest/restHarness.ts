import { expect } from 'vitest';
import { Camunda8 } from '@camunda8/sdk';
import { createCamundaClientLoose, type CamundaClientLoose } from '@camunda8/orchestration-cluster-api';
import type { CamundaRestClient } from '@camunda8/sdk/dist/c8/lib/CamundaRestClient.js';
import type { ZodType } from 'zod';
import { EmbeddedEngine, type EmbeddedEngineOptions } from '../../src/engine/EmbeddedEngine.js';
import { basicAuthorization, engineLogin, registerEngine, sdkAuthSettings, sdkClient, tempDir } from '../support/engineHarness.js';

export interface RestHarness {
  embedded: EmbeddedEngine;
  base: string;
  /** Camunda's 8.9 Orchestration Cluster client with `fanatical` response validation (see camunda89Client). */
  camunda: CamundaClientLoose;
  /** The SDK's older REST client. */
  restClient: CamundaRestClient;
  zeebe: ReturnType<typeof sdkClient>;
  /** The JSON body of the SDK client's last response, as it came off the wire (the SDK coerces what it returns). */
  lastBody(): unknown;
  stop(): Promise<void>;
}

/** The embedded engine with gRPC and REST on ephemeral loopback ports, and SDK clients for both. */
export async function startRestHarness(options: Pick<EmbeddedEngineOptions, 'clockControlled' | 'auth'> = {}): Promise<RestHarness> {
  const embedded = await EmbeddedEngine.start({ ...options, dataDir: tempDir('rest-'), grpc: { host: '127.0.0.1', port: 0 }, rest: { host: '127.0.0.1', port: 0 } });
  const base = embedded.restAddress as string;
  const login = registerEngine(embedded);
  // the SDK signs in with OAuth through the engine's token endpoint, as against Camunda 8 with Identity
  const c8 = new Camunda8({ ZEEBE_REST_ADDRESS: base, ...sdkAuthSettings(login), CAMUNDA_LOG_LEVEL: 'none', ZEEBE_CLIENT_LOG_LEVEL: 'NONE' } as never);
  let last: unknown;
  const recordingFetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const response = await fetch(input, init);
    const text = await response.clone().text();
    try {
      last = text === '' ? undefined : JSON.parse(text);
    } catch {
      last = text;
    }
    return response;
  };
  // Every call below fails if a response does not match Camunda 8.9's schema for that endpoint.
  const camunda = camunda89Client(base, recordingFetch);
  const zeebe = sdkClient(embedded.grpcAddress);
  return {
    embedded,
    base,
    camunda,
    restClient: c8.getCamundaRestClient(),
    zeebe,
    lastBody: () => last,
    async stop() {
      await zeebe.close().catch(() => undefined);
      await embedded.stop();
    },
  };
}

export interface HttpResult {
  status: number;
  contentType: string;
  body: any;
}

/**
 * Basic credentials for a request to a harness engine: the registered client, or with `user` that user, signed in
 * to the engine first (so the audit actor is an authenticated user). `anonymous` sends none.
 */
export function authorizationFor(base: string, user?: string): Record<string, string> {
  if (user === 'anonymous') return {};
  const login = engineLogin(base);
  const header = basicAuthorization(user && login ? login.asUser(user) : login);
  return header ? { authorization: header } : {};
}

/** Plain fetch, for endpoints the SDK lacks and for error cases, signed in as the harness client or as `user` (Basic). */
export async function http(base: string, method: string, path: string, body?: unknown, user?: string): Promise<HttpResult> {
  const headers: Record<string, string> = { ...authorizationFor(base, user) };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(base + path, { method, headers, body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body) });
  const contentType = response.headers.get('content-type') ?? '';
  const text = await response.text();
  return { status: response.status, contentType, body: contentType.includes('json') && text ? JSON.parse(text) : text };
}

/** Asserts a value matches one of Camunda's published zod schemas, showing the issues when it does not. */
export function expectSchema(schema: ZodType, value: unknown): void {
  const result = schema.safeParse(value);
  expect(result.success, result.success ? '' : JSON.stringify(result.error.issues, null, 2)).toBe(true);
}

/** Multipart deployment through REST. */
export async function deploy(base: string, files: { name: string; content: string }[], user?: string): Promise<HttpResult> {
  const form = new FormData();
  for (const file of files) form.append('resources', new Blob([file.content]), file.name);
  const headers = authorizationFor(base, user);
  const response = await fetch(`${base}/v2/deployments`, { method: 'POST', body: form, headers });
  return { status: response.status, contentType: response.headers.get('content-type') ?? '', body: await response.json() };
}

export const NO_WAIT = { consistency: { waitUpToMs: 0 } } as const;

/**
 * Camunda's own 8.9 REST client (`@camunda8/orchestration-cluster-api` 9.x) in `fanatical` response validation:
 * every call fails when a response has a type mismatch, lacks a field the 8.9 OpenAPI schema requires, or has a
 * field it does not know.
 */
export function camunda89Client(base: string, fetchImpl?: typeof fetch): CamundaClientLoose {
  // Signed in with OAuth through the harness engine's token endpoint, as against Camunda 8 with Identity.
  const login = engineLogin(base);
  const auth = login?.tokenUrl
    ? { CAMUNDA_AUTH_STRATEGY: 'OAUTH', CAMUNDA_CLIENT_ID: login.clientId, CAMUNDA_CLIENT_SECRET: login.clientSecret, CAMUNDA_OAUTH_URL: login.tokenUrl, CAMUNDA_TOKEN_AUDIENCE: 'zeebe-api', CAMUNDA_TOKEN_DISK_CACHE_DISABLE: true }
    : { CAMUNDA_AUTH_STRATEGY: 'NONE' };
  return createCamundaClientLoose({
    ...(fetchImpl ? { fetch: fetchImpl as never } : {}),
    config: {
      CAMUNDA_REST_ADDRESS: base,
      ...auth,
      CAMUNDA_SDK_VALIDATION: 'req:none,res:fanatical',
      CAMUNDA_SDK_LOG_LEVEL: 'silent',
      CAMUNDA_SDK_HTTP_RETRY_MAX_ATTEMPTS: 1,
    } as never,
  });
}
