import type { Config } from '../config.js';

/** Settings the Camunda SDK reads: addresses, auth strategy (NONE, BASIC, OAUTH, BEARER), TLS, tenants. */
const SDK_VARIABLE = /^(CAMUNDA|ZEEBE)_[A-Z0-9_]+$/;

/**
 * The SDK configuration for an external Camunda 8 cluster: every CAMUNDA_* and ZEEBE_* variable of the
 * environment as the SDK documents it (CAMUNDA_AUTH_STRATEGY, CAMUNDA_BASIC_AUTH_USERNAME, ZEEBE_CLIENT_ID,
 * CAMUNDA_OAUTH_URL, ...), with the gateway addresses taken verbatim from the configuration so `grpcs://`
 * and a SaaS REST path such as `https://bru-2.zeebe.camunda.io/<cluster-id>` reach the SDK unchanged.
 */
export function camundaSdkConfig(config: Pick<Config, 'grpcAddress' | 'restAddress'>, env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const settings: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) {
    if (SDK_VARIABLE.test(name) && value !== undefined && value !== '') settings[name] = value;
  }
  settings.ZEEBE_GRPC_ADDRESS = config.grpcAddress;
  settings.ZEEBE_REST_ADDRESS = config.restAddress;
  return settings;
}

/**
 * The SDK's REST client (orchestration-cluster-api 8.8) re-reads its configuration from the environment alone on
 * every call made with a consistency option, and there it knows OAuth credentials only as CAMUNDA_CLIENT_ID and
 * CAMUNDA_CLIENT_SECRET: with only the documented ZEEBE_CLIENT_ID/ZEEBE_CLIENT_SECRET set, each such call failed
 * with CONFIG_MISSING_REQUIRED. The environment gets the same credentials under those names too.
 */
export function alignRestClientEnvironment(env: NodeJS.ProcessEnv = process.env): void {
  if (!env.CAMUNDA_CLIENT_ID && env.ZEEBE_CLIENT_ID) env.CAMUNDA_CLIENT_ID = env.ZEEBE_CLIENT_ID;
  if (!env.CAMUNDA_CLIENT_SECRET && env.ZEEBE_CLIENT_SECRET) env.CAMUNDA_CLIENT_SECRET = env.ZEEBE_CLIENT_SECRET;
}
