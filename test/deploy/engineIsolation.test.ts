import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from './support/childProcess.js';

/**
 * DESIGN.md: "No code path of the app or workers may depend on the embedded engine's internals." Checked
 * on the static import graph: from the app's entry points, following every static `import`/`export ... from`
 * (a dynamic `await import()` is how main.ts loads the engine only when ENGINE=embedded), no module of
 * src/engine or src/gateway is reached.
 */
const ENTRY_POINTS = ['src/main.ts', 'src/camunda/index.ts', 'web/server', 'workers'];
const ENGINE_INTERNALS = ['src/engine/', 'src/gateway/'];
const STATIC_IMPORT = /^\s*(?:import|export)\s+(?:type\s+)?(?:[^'";]*?\s+from\s+)?['"](\.{1,2}\/[^'"]+)['"]/gm;

function sourceFiles(entry: string): string[] {
  const full = path.join(REPO_ROOT, entry);
  if (!existsSync(full)) return [];
  if (statSync(full).isFile()) return [full];
  return (readdirSync(full, { recursive: true }) as string[]).filter((f) => /\.ts$/.test(f) && !f.endsWith('.d.ts')).map((f) => path.join(full, f));
}

function resolveImport(from: string, specifier: string): string | undefined {
  const base = path.resolve(path.dirname(from), specifier);
  const candidates = [base.replace(/\.js$/, '.ts'), base, `${base}.ts`, path.join(base, 'index.ts')];
  return candidates.find((c) => existsSync(c) && statSync(c).isFile());
}

/** Every module reachable by static imports, with the chain that reached it. */
function staticClosure(entries: string[]): Map<string, string[]> {
  const reached = new Map<string, string[]>();
  const queue = entries.map((file) => [file] as string[]);
  while (queue.length > 0) {
    const chain = queue.shift() as string[];
    const file = chain.at(-1) as string;
    if (reached.has(file)) continue;
    reached.set(file, chain);
    if (!file.endsWith('.ts')) continue;
    for (const match of readFileSync(file, 'utf8').matchAll(STATIC_IMPORT)) {
      if (/^\s*(import|export)\s+type\s/.test(match[0])) continue;
      const target = resolveImport(file, match[1]);
      if (target) queue.push([...chain, target]);
    }
  }
  return reached;
}

describe('the app and workers reach the engine only through its public APIs', () => {
  it('statically imports nothing from src/engine or src/gateway', () => {
    // given
    const entries = ENTRY_POINTS.flatMap(sourceFiles);
    expect(entries.length).toBeGreaterThan(0);

    // when
    const reached = staticClosure(entries);

    // then
    const offending = [...reached.entries()]
      .filter(([file]) => ENGINE_INTERNALS.some((dir) => path.relative(REPO_ROOT, file).startsWith(dir)))
      .map(([, chain]) => chain.map((f) => path.relative(REPO_ROOT, f)).join(' -> '));
    expect(offending).toEqual([]);
  });

  it('loads the embedded engine in main.ts only through a dynamic import', () => {
    const main = readFileSync(path.join(REPO_ROOT, 'src/main.ts'), 'utf8');
    expect(main).toMatch(/await import\('\.\/engine\/EmbeddedEngine\.js'\)/);
  });
});
