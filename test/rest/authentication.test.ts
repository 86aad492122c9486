import { Camunda8 } from '@camunda8/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engineLogin, sdkAuthSettings, type EngineLogin } from '../support/engineHarness.js';
import { http, startRestHarness, type RestHarness } from './restHarness.js';

const basic = (user: string, password: string): string => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

async function raw(base: string, method: string, path: string, headers: Record<string, string> = {}, body?: string) {
  const response = await fetch(base + path, { method, headers, body });
  const text = await response.text();
  return { status: response.status, contentType: response.headers.get('content-type') ?? '', wwwAuthenticate: response.headers.get('www-authenticate'), body: text ? JSON.parse(text) : undefined };
}

const form = (fields: Record<string, string>): string => new URLSearchParams(fields).toString();
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

describe('REST API v2 authentication and the OAuth token endpoint', () => {
  let h: RestHarness;
  let login: EngineLogin;
  beforeAll(async () => {
    h = await startRestHarness();
    login = engineLogin(h.base) as EngineLogin;
  });
  afterAll(async () => {
    await h.stop();
  });

  it('answers 401 problem details to a request without credentials, or with a wrong password, and reads nothing', async () => {
    // when
    const anonymous = await raw(h.base, 'POST', '/v2/variables/search', { 'content-type': 'application/json' }, JSON.stringify({ filter: { name: 'codiceFiscaleDipendente' } }));
    const wrong = await raw(h.base, 'GET', '/v2/topology', { authorization: basic(login.clientId, 'guessed-password') });
    const bearer = await raw(h.base, 'GET', '/v2/topology', { authorization: 'Bearer not-a-token' });
    // then
    expect(anonymous).toMatchObject({ status: 401, wwwAuthenticate: expect.stringContaining('Bearer') });
    expect(anonymous.contentType).toContain('application/problem+json');
    expect(anonymous.body).toEqual({ type: 'about:blank', title: 'Unauthorized', status: 401, detail: expect.stringContaining("'authorization' header"), instance: '/v2/variables/search' });
    expect(wrong.body).toMatchObject({ status: 401, title: 'Unauthorized', detail: 'Wrong user name or password' });
    expect(bearer.body).toMatchObject({ status: 401, title: 'Unauthorized' });
  });

  it('issues a signed token for client credentials (in the form or by Basic) that opens the API', async () => {
    // when
    const inForm = await raw(h.base, 'POST', '/oauth/token', FORM, form({ grant_type: 'client_credentials', client_id: login.clientId, client_secret: login.clientSecret, audience: 'zeebe-api' }));
    const byBasic = await raw(h.base, 'POST', '/oauth/token', { ...FORM, authorization: basic(login.clientId, login.clientSecret) }, form({ grant_type: 'client_credentials' }));
    const topology = await raw(h.base, 'GET', '/v2/topology', { authorization: `Bearer ${inForm.body.access_token}` });
    // then
    expect(inForm.status).toBe(200);
    expect(inForm.body).toMatchObject({ token_type: 'Bearer', expires_in: 3600 });
    expect(inForm.body.access_token.split('.')).toHaveLength(3);
    expect(byBasic.status).toBe(200);
    expect(topology.status).toBe(200);
    expect(topology.body.clusterSize).toBe(1);
  });

  it('refuses a token request with a wrong secret (401 invalid_client) or another grant type (400)', async () => {
    // when
    const wrong = await raw(h.base, 'POST', '/oauth/token', FORM, form({ grant_type: 'client_credentials', client_id: login.clientId, client_secret: 'guessed-secret' }));
    const unknown = await raw(h.base, 'POST', '/oauth/token', FORM, form({ grant_type: 'client_credentials', client_id: 'nobody', client_secret: login.clientSecret }));
    const password = await raw(h.base, 'POST', '/oauth/token', FORM, form({ grant_type: 'password', username: 'a', password: 'b' }));
    // then
    expect(wrong).toMatchObject({ status: 401, body: { error: 'invalid_client' } });
    expect(unknown).toMatchObject({ status: 401, body: { error: 'invalid_client' } });
    expect(password).toMatchObject({ status: 400, body: { error: 'unsupported_grant_type' } });
  });

  it('lets the SDK REST client in with Basic and refuses it with CAMUNDA_AUTH_STRATEGY=NONE', async () => {
    // given
    const client = (settings: Record<string, string>) =>
      new Camunda8({ ZEEBE_REST_ADDRESS: h.base, ...settings, CAMUNDA_LOG_LEVEL: 'none' } as never).getOrchestrationClusterApiClientLoose();
    // when
    const withBasic = await client(sdkAuthSettings({ ...login, tokenUrl: undefined })).getTopology();
    const refused = await client({ CAMUNDA_AUTH_STRATEGY: 'NONE' }).getTopology().then(() => undefined, (error: { status?: number }) => error);
    // then
    expect(withBasic.clusterSize).toBe(1);
    expect(refused?.status).toBe(401);
  });

  it('refuses the clock without ZEEBE_CLOCK_CONTROLLED with 403, and leaves it running', async () => {
    // when
    const pin = await http(h.base, 'PUT', '/v2/clock', { timestamp: Date.parse('2027-01-01T00:00:00Z') });
    const reset = await http(h.base, 'POST', '/v2/clock/reset', {});
    // then
    expect(pin.status).toBe(403);
    expect(pin.body).toMatchObject({ title: 'FORBIDDEN', detail: expect.stringContaining('ZEEBE_CLOCK_CONTROLLED=true') });
    expect(reset.status).toBe(403);
    expect(h.embedded.engine.clock.isPinned).toBe(false);
  });
});

describe('REST API v2 with ENGINE_AUTH=none', () => {
  let h: RestHarness;
  beforeAll(async () => {
    h = await startRestHarness({ auth: 'none' });
  });
  afterAll(async () => {
    await h.stop();
  });

  it('lets anonymous requests in, and records them as anonymous even when they name a user', async () => {
    // when
    const topology = await raw(h.base, 'GET', '/v2/topology');
    const deployed = await fetch(`${h.base}/v2/deployments`, {
      method: 'POST',
      headers: { authorization: basic('mario.rossi', 'anything') },
      body: (() => {
        const f = new FormData();
        f.append('resources', new Blob(['{"id":"anon-form","type":"default","components":[]}']), 'anon.form');
        return f;
      })(),
    });
    const audit = await http(h.base, 'POST', '/v2/audit-logs/search', { filter: { operationType: 'CREATE' } });
    // then
    expect(topology.status).toBe(200);
    expect(deployed.status).toBe(200);
    expect(audit.body.items.map((e: { actorId: string; actorType: string }) => `${e.actorType}:${e.actorId}`)).toEqual(['ANONYMOUS:anonymous']);
  });
});
