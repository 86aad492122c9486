import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from './support/childProcess.js';
import { importGraph, sourceFiles } from './support/importGraph.js';

/**
 * The production image installs `npm ci --omit=dev` and runs the TypeScript sources with tsx, so every
 * package the app, the workers and the audit scripts load at run time must be a production dependency.
 */
const RUNTIME_ENTRY_POINTS = ['src/main.ts', 'workers', 'scripts/audit'];

const manifest = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
  scripts: Record<string, string>;
};

describe('the production image has what the app needs at run time', () => {
  it('lists every package the runtime imports under dependencies, not devDependencies', () => {
    // given: the app and everything it may load (the embedded engine too, imported on demand)
    const { packages } = importGraph(RUNTIME_ENTRY_POINTS.flatMap(sourceFiles), { dynamic: true });

    // then
    const missing = [...packages.entries()].filter(([name]) => !(name in manifest.dependencies)).map(([name, file]) => `${name} (imported by ${file})`);
    expect(missing).toEqual([]);
  });

  it('runs the sources with tsx, which is therefore a production dependency', () => {
    expect(manifest.scripts.start).toMatch(/^(exec )?tsx /);
    expect(manifest.dependencies).toHaveProperty('tsx');
  });
});
