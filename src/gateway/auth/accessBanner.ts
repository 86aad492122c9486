import fs from 'node:fs';
import type { LoadedCredentials } from './EngineCredentials.js';

/** What `npm start` prints about who may call the engine, so an operator knows how to connect a client. */
export function accessBanner(options: { credentials: LoadedCredentials | undefined; grpc: string; rest: string | undefined; tokenUrl: string | undefined }): { info: string[]; warnings: string[] } {
  const { credentials, grpc, rest, tokenUrl } = options;
  if (!credentials) {
    return {
      info: [],
      warnings: [
        `WARNING: ENGINE_AUTH=none: the engine's gRPC (${grpc}) and REST (${rest ?? 'not served'}) APIs accept every request without credentials;` +
          ' anyone who reaches these ports can read and change every case. Use it for local experiments only.',
      ],
    };
  }
  const { file, created } = credentials;
  const ids = credentials.credentials.clients.map((c) => c.id).join(', ');
  const warnings: string[] = [];
  const mode = fs.existsSync(file) ? fs.statSync(file).mode & 0o777 : 0o600;
  if (mode & 0o077) warnings.push(`WARNING: ${file} is readable by others (mode ${mode.toString(8)}): run chmod 600 on it`);
  const secretOf = (id: string) => `$(node -p "require('${file}').clients.find((c) => c.id === '${id}').secret")`;
  return {
    info: [
      `Engine APIs need credentials: OAuth2 tokens from ${tokenUrl ?? '(REST not served)'} or Basic, for the clients ${ids} of ${file}${created ? ' (generated now, mode 0600)' : ''}`,
      `  e.g. ZEEBE_CLIENT_ID=operator ZEEBE_CLIENT_SECRET=${secretOf('operator')} ZEEBE_AUTHORIZATION_SERVER_URL=${tokenUrl} ZEEBE_TOKEN_AUDIENCE=zeebe-api npx zbctl --address ${grpc} --insecure status`,
    ],
    warnings,
  };
}
