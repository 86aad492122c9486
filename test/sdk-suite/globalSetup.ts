import type { TestProject } from 'vitest/node';
import { EmbeddedEngine } from '../../src/engine/EmbeddedEngine.js';
import { tempDir } from '../support/engineHarness.js';

/**
 * Starts one embedded engine (gRPC and REST on ephemeral loopback ports) for the vendored @camunda8/sdk suites
 * and points the SDK at it through its own environment variables, as the SDK's `test:c8run` script does
 * against a local Camunda 8.8 (self-managed, single tenant, unsecured).
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // Unsecured, as the suites expect of a c8run (TEST_SECURITY below); the project's own SDK, zeebe-node and zbctl
  // tests run against engines that ask for credentials.
  const embedded = await EmbeddedEngine.start({ auth: 'none', clockControlled: true, dataDir: tempDir('sdk-suite-'), grpc: { host: '127.0.0.1', port: 0 }, rest: { host: '127.0.0.1', port: 0 } });
  const env: Record<string, string> = {
    ZEEBE_GRPC_ADDRESS: `grpc://${embedded.grpcAddress}`,
    ZEEBE_REST_ADDRESS: embedded.restAddress as string,
    CAMUNDA_REST_ADDRESS: embedded.restAddress as string,
    CAMUNDA_AUTH_STRATEGY: 'NONE',
    TEST_VERSION: '8.8',
    TEST_DEPLOYMENT: 'self-managed',
    TEST_TENANCY: 'single-tenant',
    TEST_SECURITY: 'unsecured',
    ZEEBE_CLIENT_LOG_LEVEL: 'NONE',
    CAMUNDA_LOG_LEVEL: 'none',
  };
  // Forked test workers inherit this process's environment.
  Object.assign(process.env, env);
  project.provide('sdkSuiteEnv', env);
  return async () => {
    await embedded.stop();
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    sdkSuiteEnv: Record<string, string>;
  }
}
