import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * What a web-client build was made from: the SHA-256 of every source file Vite put into the bundle (as
 * Rollup's module graph lists them, so a file the client imports from src/ or web/shared counts too), plus
 * the files that change a build without being modules (the Vite config, the lockfile). Written beside the
 * build; a later start rebuilds only when one of these files changed.
 */
export interface ClientBuildInputs {
  files: Record<string, string>;
}

export const INPUTS_FILE = '.build-inputs.json';

/** Files that shape every build without being in the module graph, relative to the repository. */
export const ALWAYS_INPUTS = ['web/client/vite.config.ts', 'package-lock.json'];

export function sha256OfFile(file: string): string | undefined {
  try {
    return createHash('sha256').update(fs.readFileSync(file)).digest('hex');
  } catch {
    return undefined;
  }
}

/** The inputs record for a build whose modules are `moduleIds` (absolute paths; virtual and node_modules ids skipped). */
export function describeInputs(repoRoot: string, moduleIds: Iterable<string>): ClientBuildInputs {
  const files: Record<string, string> = {};
  const add = (absolute: string) => {
    const rel = path.relative(repoRoot, absolute).split(path.sep).join('/');
    if (rel.startsWith('..') || rel.split('/').includes('node_modules')) return;
    const hash = sha256OfFile(absolute);
    if (hash) files[rel] = hash;
  };
  for (const id of moduleIds) {
    const file = id.split('?')[0];
    if (file.startsWith('\0') || !path.isAbsolute(file)) continue;
    add(file);
  }
  for (const rel of ALWAYS_INPUTS) add(path.join(repoRoot, rel));
  return { files };
}

/** Why the build in `outDir` is stale, or undefined when every recorded input is unchanged. */
export function staleReason(repoRoot: string, outDir: string): string | undefined {
  if (!fs.existsSync(path.join(outDir, 'index.html'))) return 'no build yet';
  let inputs: ClientBuildInputs;
  try {
    inputs = JSON.parse(fs.readFileSync(path.join(outDir, INPUTS_FILE), 'utf8')) as ClientBuildInputs;
  } catch {
    return `no ${INPUTS_FILE} beside the build`;
  }
  if (!inputs.files || Object.keys(inputs.files).length === 0) return `${INPUTS_FILE} lists no files`;
  for (const [rel, hash] of Object.entries(inputs.files)) {
    if (sha256OfFile(path.join(repoRoot, rel)) !== hash) return `${rel} changed`;
  }
  return undefined;
}
