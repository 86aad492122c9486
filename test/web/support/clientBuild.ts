import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const CLIENT_DIST = path.join(REPO, 'dist/web');
const CLIENT_SRC = path.join(REPO, 'web/client');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    newest = Math.max(newest, fs.statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

/** Builds the client with Vite unless dist/web is newer than every file under web/client. */
export function ensureClientBuild(): string {
  const index = path.join(CLIENT_DIST, 'index.html');
  if (fs.existsSync(index) && fs.statSync(index).mtimeMs > newestMtime(CLIENT_SRC)) return CLIENT_DIST;
  execFileSync(process.execPath, [path.join(REPO, 'node_modules/vite/bin/vite.js'), 'build', '--config', path.join(CLIENT_SRC, 'vite.config.ts')], {
    cwd: REPO,
    env: { ...process.env, IBM_TELEMETRY_DISABLED: 'true' },
    stdio: 'pipe',
  });
  return CLIENT_DIST;
}
