import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from './childProcess.js';

/** `import ... from 'x'`, `export ... from 'x'`, `import 'x'`; type-only ones are flagged by the caller. */
const STATIC_IMPORT = /^\s*(?:import|export)\s+(?:type\s+)?(?:[^'";]*?\s+from\s+)?['"]([^'"]+)['"]/gm;
const DYNAMIC_IMPORT = /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g;
const TYPE_ONLY = /^\s*(import|export)\s+type\s/;

export interface ImportGraph {
  /** every repository module reached, with the chain of files that reached it */
  modules: Map<string, string[]>;
  /** bare specifiers (packages) imported by those modules, with one file importing each */
  packages: Map<string, string>;
}

/** TypeScript files of an entry (a file or a folder), absolute paths; none when it does not exist yet. */
export function sourceFiles(entry: string): string[] {
  const full = path.join(REPO_ROOT, entry);
  if (!existsSync(full)) return [];
  if (statSync(full).isFile()) return [full];
  return (readdirSync(full, { recursive: true }) as string[]).filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts')).map((f) => path.join(full, f));
}

function resolveRelative(from: string, specifier: string): string | undefined {
  const base = path.resolve(path.dirname(from), specifier);
  const candidates = [base.replace(/\.js$/, '.ts'), base, `${base}.ts`, path.join(base, 'index.ts')];
  return candidates.find((c) => existsSync(c) && statSync(c).isFile());
}

/** `@scope/name/sub` -> `@scope/name`, `name/sub` -> `name`. */
export function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/** Follows value imports (and dynamic ones when asked) from the entries through the repository's modules. */
export function importGraph(entries: string[], options: { dynamic: boolean }): ImportGraph {
  const modules = new Map<string, string[]>();
  const packages = new Map<string, string>();
  const queue = entries.map((file) => [file]);
  while (queue.length > 0) {
    const chain = queue.shift() as string[];
    const file = chain.at(-1) as string;
    if (modules.has(file)) continue;
    modules.set(file, chain);
    if (!file.endsWith('.ts')) continue;
    const text = readFileSync(file, 'utf8');
    const specifiers = [...text.matchAll(STATIC_IMPORT)].filter((m) => !TYPE_ONLY.test(m[0])).map((m) => m[1]);
    if (options.dynamic) specifiers.push(...[...text.matchAll(DYNAMIC_IMPORT)].map((m) => m[1]));
    for (const specifier of specifiers) {
      if (specifier.startsWith('.')) {
        const target = resolveRelative(file, specifier);
        if (target) queue.push([...chain, target]);
      } else if (!specifier.startsWith('node:')) {
        const name = packageName(specifier);
        if (!packages.has(name)) packages.set(name, path.relative(REPO_ROOT, file));
      }
    }
  }
  return { modules, packages };
}
