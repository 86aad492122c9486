import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from './support/childProcess.js';
import { importGraph, sourceFiles } from './support/importGraph.js';

/**
 * DESIGN.md: "No code path of the app or workers may depend on the embedded engine's internals." Checked
 * on the static import graph: from the app's entry points, following every static `import`/`export ... from`
 * (a dynamic `await import()` is how main.ts loads the engine only when ENGINE=embedded), no module of
 * src/engine or src/gateway is reached.
 */
const ENTRY_POINTS = ['src/main.ts', 'src/camunda/index.ts', 'web/server', 'workers'];
const ENGINE_INTERNALS = ['src/engine/', 'src/gateway/'];

describe('the app and workers reach the engine only through its public APIs', () => {
  it('statically imports nothing from src/engine or src/gateway', () => {
    // given
    const entries = ENTRY_POINTS.flatMap(sourceFiles);
    expect(entries.length).toBeGreaterThan(0);

    // when
    const { modules } = importGraph(entries, { dynamic: false });

    // then
    const offending = [...modules.entries()]
      .filter(([file]) => ENGINE_INTERNALS.some((dir) => path.relative(REPO_ROOT, file).startsWith(dir)))
      .map(([, chain]) => chain.map((f) => path.relative(REPO_ROOT, f)).join(' -> '));
    expect(offending).toEqual([]);
  });

  it('loads the embedded engine in main.ts only through a dynamic import', () => {
    const main = readFileSync(path.join(REPO_ROOT, 'src/main.ts'), 'utf8');
    expect(main).toMatch(/await import\('\.\/engine\/EmbeddedEngine\.js'\)/);
  });
});
