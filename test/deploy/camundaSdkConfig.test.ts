import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { alignRestClientEnvironment, camundaSdkConfig, collectProcessResources, deployProcessFolder, type ProcessResource } from '../../src/camunda/index.js';
import { loadConfig } from '../../src/config.js';
import { REPO_ROOT } from './support/childProcess.js';

describe('camundaSdkConfig', () => {
  it('hands the SDK its own variables and the addresses verbatim (TLS scheme and SaaS path kept)', () => {
    // given: Camunda SaaS with OAuth, as the SDK documents the variables
    const env = {
      ENGINE: 'external',
      ZEEBE_GRPC_ADDRESS: 'grpcs://abc-123.bru-2.zeebe.camunda.io:443',
      ZEEBE_REST_ADDRESS: 'https://bru-2.zeebe.camunda.io/abc-123',
      CAMUNDA_AUTH_STRATEGY: 'OAUTH',
      ZEEBE_CLIENT_ID: 'client',
      ZEEBE_CLIENT_SECRET: 'secret',
      CAMUNDA_OAUTH_URL: 'https://login.cloud.camunda.io/oauth/token',
      DATABASE_URL: 'postgres://app:app@db/app',
      CAMUNDA_TENANT_ID: '',
    };

    // when
    const settings = camundaSdkConfig(loadConfig(env), env);

    // then
    expect(settings).toEqual({
      ZEEBE_GRPC_ADDRESS: 'grpcs://abc-123.bru-2.zeebe.camunda.io:443',
      ZEEBE_REST_ADDRESS: 'https://bru-2.zeebe.camunda.io/abc-123',
      CAMUNDA_AUTH_STRATEGY: 'OAUTH',
      ZEEBE_CLIENT_ID: 'client',
      ZEEBE_CLIENT_SECRET: 'secret',
      CAMUNDA_OAUTH_URL: 'https://login.cloud.camunda.io/oauth/token',
    });
  });

  it('passes basic-auth settings through and defaults the addresses like the embedded engine', () => {
    const env = { CAMUNDA_AUTH_STRATEGY: 'BASIC', CAMUNDA_BASIC_AUTH_USERNAME: 'demo', CAMUNDA_BASIC_AUTH_PASSWORD: 'demo' };
    expect(camundaSdkConfig(loadConfig(env), env)).toEqual({
      ...env,
      ZEEBE_GRPC_ADDRESS: 'grpc://127.0.0.1:26500',
      ZEEBE_REST_ADDRESS: 'http://127.0.0.1:8080',
    });
  });
});

describe('deployProcessFolder', () => {
  const processes = path.join(REPO_ROOT, 'processes');

  it('collects every BPMN and form of processes/ for one deployment, and nothing else', async () => {
    const resources = await collectProcessResources(processes);
    const names = resources.map((r) => r.name);
    expect(names).toContain('selezione-personale.bpmn');
    expect(names).toContain('disciplinare-contestazione.form');
    expect(names.every((n) => /\.(bpmn|form|dmn)$/.test(n))).toBe(true);
    expect(resources.find((r) => r.name === 'selezione-personale.bpmn')).toHaveProperty('process');
    expect(resources.find((r) => r.name === 'disciplinare-contestazione.form')).toHaveProperty('form');
  });

  it('retries while the gateway is UNAVAILABLE, then deploys once', async () => {
    // given: a gateway that answers UNAVAILABLE twice
    let calls = 0;
    const deployer = {
      async deployResources(resources: ProcessResource[]) {
        calls++;
        if (calls <= 2) throw Object.assign(new Error('14 UNAVAILABLE: No connection established'), { code: 14 });
        return { key: '1', deployments: resources.map(() => ({})) };
      },
    };

    // when
    const result = await deployProcessFolder(deployer, processes, { waitForGatewayMs: 10_000, retryIntervalMs: 1 });

    // then
    expect(calls).toBe(3);
    expect(result?.key).toBe('1');
  });

  it('reports a rejected model at once, without retrying', async () => {
    let calls = 0;
    const rejection = Object.assign(new Error("3 INVALID_ARGUMENT: Element 'x' of type 'bpmn:complexGateway' is not supported"), { code: 3 });
    const deployer = {
      async deployResources(): Promise<never> {
        calls++;
        throw rejection;
      },
    };
    await expect(deployProcessFolder(deployer, processes, { waitForGatewayMs: 10_000, retryIntervalMs: 1 })).rejects.toBe(rejection);
    expect(calls).toBe(1);
  });
});

describe('alignRestClientEnvironment', () => {
  it("gives the SDK's REST client the OAuth credentials under its own names, and keeps names already set", () => {
    // given
    const documented: NodeJS.ProcessEnv = { CAMUNDA_AUTH_STRATEGY: 'OAUTH', ZEEBE_CLIENT_ID: 'web-app', ZEEBE_CLIENT_SECRET: 's3cret' };
    const both: NodeJS.ProcessEnv = { ZEEBE_CLIENT_ID: 'a', CAMUNDA_CLIENT_ID: 'b', ZEEBE_CLIENT_SECRET: 'x', CAMUNDA_CLIENT_SECRET: 'y' };
    // when
    alignRestClientEnvironment(documented);
    alignRestClientEnvironment(both);
    // then
    expect(documented).toMatchObject({ CAMUNDA_CLIENT_ID: 'web-app', CAMUNDA_CLIENT_SECRET: 's3cret' });
    expect(both).toMatchObject({ CAMUNDA_CLIENT_ID: 'b', CAMUNDA_CLIENT_SECRET: 'y' });
  });
});
