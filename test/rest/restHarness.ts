import { expect } from 'vitest';
import { Camunda8 } from '@camunda8/sdk';
import { createCamundaClientLoose, type CamundaClientLoose } from '@camunda8/orchestration-cluster-api';
import type { CamundaRestClient } from '@camunda8/sdk/dist/c8/lib/CamundaRestClient.js';
import type { ZodType } from 'zod';
import { EmbeddedEngine } from '../../src/engine/EmbeddedEngine.js';
import { sdkClient, tempDir } from '../support/engineHarness.js';

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
export async function startRestHarness(): Promise<RestHarness> {
  const embedded = await EmbeddedEngine.start({ dataDir: tempDir('rest-'), grpc: { host: '127.0.0.1', port: 0 }, rest: { host: '127.0.0.1', port: 0 } });
  const base = embedded.restAddress as string;
  const c8 = new Camunda8({ ZEEBE_REST_ADDRESS: base, CAMUNDA_AUTH_STRATEGY: 'NONE', CAMUNDA_LOG_LEVEL: 'none', ZEEBE_CLIENT_LOG_LEVEL: 'NONE' } as never);
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

/** Plain fetch, for endpoints the SDK lacks and for error cases. `user` sends Basic auth (the audit actor). */
export async function http(base: string, method: string, path: string, body?: unknown, user?: string): Promise<HttpResult> {
  const headers: Record<string, string> = {};
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (user) headers.authorization = `Basic ${Buffer.from(`${user}:secret`).toString('base64')}`;
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
  const headers: Record<string, string> = user ? { authorization: `Basic ${Buffer.from(`${user}:x`).toString('base64')}` } : {};
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
  return createCamundaClientLoose({
    ...(fetchImpl ? { fetch: fetchImpl as never } : {}),
    config: {
      CAMUNDA_REST_ADDRESS: base,
      CAMUNDA_AUTH_STRATEGY: 'NONE',
      CAMUNDA_SDK_VALIDATION: 'req:none,res:fanatical',
      CAMUNDA_SDK_LOG_LEVEL: 'silent',
      CAMUNDA_SDK_HTTP_RETRY_MAX_ATTEMPTS: 1,
    } as never,
  });
}
