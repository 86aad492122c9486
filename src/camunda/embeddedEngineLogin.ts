import fs from 'node:fs';
import path from 'node:path';

/**
 * Client side of the embedded engine's sign-in (what `npm start`'s web app and workers, and the workers run on their
 * own, use): no import from the engine, which the app reaches only through its public APIs.
 */
export interface EngineClient {
  id: string;
  secret: string;
}

/** The file the engine writes its clients to (src/gateway/auth/EngineCredentials.ts). */
export const CREDENTIALS_FILE = 'engine-credentials.json';

/** The path of the token endpoint on the REST port (src/gateway/rest/routes/oauthToken.ts). */
export const TOKEN_PATH = '/oauth/token';

/**
 * The Camunda SDK's own settings for one of the engine's clients: OAuth2 client credentials against the engine's
 * token endpoint, as against Camunda 8 with Identity. The SDK's disk token cache stays off: a token of an earlier
 * data directory (another signing key) would be refused.
 */
export function engineClientSdkSettings(client: EngineClient, restAddress: string): Record<string, string> {
  return {
    CAMUNDA_AUTH_STRATEGY: 'OAUTH',
    ZEEBE_CLIENT_ID: client.id,
    ZEEBE_CLIENT_SECRET: client.secret,
    CAMUNDA_OAUTH_URL: `${restAddress.replace(/\/+$/, '')}${TOKEN_PATH}`,
    CAMUNDA_TOKEN_DISK_CACHE_DISABLE: 'true',
  };
}

/** A client of `DATA_DIR/engine-credentials.json` (the workers started on their own beside `npm start`), if the file is there. */
export function readEngineClient(dataDir: string, clientId: string): EngineClient | undefined {
  const file = path.join(dataDir, CREDENTIALS_FILE);
  if (!fs.existsSync(file)) return undefined;
  let clients: unknown;
  try {
    clients = (JSON.parse(fs.readFileSync(file, 'utf8')) as { clients?: unknown }).clients;
  } catch (error) {
    throw new Error(`${file} is not valid JSON: ${(error as Error).message}`);
  }
  const client = Array.isArray(clients) ? (clients as Partial<EngineClient>[]).find((c) => c?.id === clientId) : undefined;
  return client && typeof client.secret === 'string' ? { id: clientId, secret: client.secret } : undefined;
}
