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
