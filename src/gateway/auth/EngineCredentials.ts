import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** One OAuth2 client (client credentials grant) that may also sign in with Basic (client id as user name). */
export interface EngineClient {
  id: string;
  secret: string;
  /** who uses it, for the operator reading the file */
  description?: string;
}

/** What `DATA_DIR/engine-credentials.json` holds: the clients and the key that signs the engine's access tokens. */
export interface EngineCredentials {
  /** HS256 key (base64url, 32 random bytes) for the JWTs of the token endpoint */
  signingKey: string;
  clients: EngineClient[];
}

export { CREDENTIALS_FILE } from '../../camunda/embeddedEngineLogin.js';
import { CREDENTIALS_FILE } from '../../camunda/embeddedEngineLogin.js';

/** The clients generated on first start: the web app and the job workers of `npm start`, and one for people (zbctl, scripts). */
export const GENERATED_CLIENTS = [
  { id: 'web-app', description: 'the web app of npm start (REST API v2)' },
  { id: 'job-workers', description: 'the job workers of npm start (gRPC gateway)' },
  { id: 'operator', description: 'for people and scripts: zbctl, the Camunda SDK, curl' },
] as const;

const secret = (): string => randomBytes(24).toString('base64url');

export interface LoadedCredentials {
  credentials: EngineCredentials;
  file: string;
  /** true when this start created the file */
  created: boolean;
}

/**
 * Reads the engine's credentials, or creates them (mode 0600, only the owner reads the secrets) on the first
 * start of a data directory. An operator may add clients to the file; they are read at every start.
 */
export function loadOrCreateCredentials(dataDir: string): LoadedCredentials {
  const file = path.join(dataDir, CREDENTIALS_FILE);
  if (fs.existsSync(file)) return { credentials: parseCredentials(fs.readFileSync(file, 'utf8'), file), file, created: false };
  const credentials: EngineCredentials = {
    signingKey: randomBytes(32).toString('base64url'),
    clients: GENERATED_CLIENTS.map((c) => ({ id: c.id, secret: secret(), description: c.description })),
  };
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  // 'wx': never overwrite a file another process created meanwhile; its secrets are the ones in use
  fs.writeFileSync(file, `${JSON.stringify(credentials, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
  return { credentials, file, created: true };
}

export function parseCredentials(text: string, file: string): EngineCredentials {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new Error(`${file} is not valid JSON: ${(error as Error).message}`);
  }
  const v = value as Partial<EngineCredentials>;
  if (typeof v?.signingKey !== 'string' || Buffer.from(v.signingKey, 'base64url').length < 32) {
    throw new Error(`${file}: 'signingKey' must be at least 32 bytes, base64url`);
  }
  if (!Array.isArray(v.clients)) throw new Error(`${file}: 'clients' must be a list of {id, secret}`);
  for (const [i, c] of v.clients.entries()) {
    if (typeof c?.id !== 'string' || !c.id || typeof c.secret !== 'string' || c.secret.length < 16) {
      throw new Error(`${file}: clients[${i}] needs an 'id' and a 'secret' of at least 16 characters`);
    }
  }
  return { signingKey: v.signingKey, clients: v.clients };
}
