import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { staleReason } from './clientBuildInputs.js';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const CLIENT_DIST = path.join(REPO_ROOT, 'dist/web');

export type ClientBuildOutcome = { built: false } | { built: true; reason: string };

/**
 * Builds the browser client with Vite unless dist/web was built from the sources as they are now
 * (`npm start` runs this before listening: a start after the first one does not pay for a build).
 */
export function ensureClientBuild(options: { log?: (line: string) => void } = {}): ClientBuildOutcome {
  const reason = staleReason(REPO_ROOT, CLIENT_DIST);
  if (!reason) return { built: false };
  options.log?.(`web client: building (${reason})`);
  execFileSync(process.execPath, [path.join(REPO_ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--config', path.join(REPO_ROOT, 'web/client/vite.config.ts')], {
    cwd: REPO_ROOT,
    env: { ...process.env, IBM_TELEMETRY_DISABLED: 'true' },
    stdio: options.log ? 'inherit' : 'pipe',
  });
  return { built: true, reason };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const outcome = ensureClientBuild({ log: (line) => console.log(line) });
  if (!outcome.built) console.log('web client: up to date (dist/web)');
}
