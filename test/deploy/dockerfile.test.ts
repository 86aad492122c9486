import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from './support/childProcess.js';

/** The Dockerfile read as text: stages, base images, the runtime stage's user and install. */
const dockerfile = readFileSync(path.join(REPO_ROOT, 'Dockerfile'), 'utf8');
const instructions = dockerfile
  .replace(/\\\n/g, ' ')
  .split('\n')
  .map((l) => l.trim())
  .filter((l) => l && !l.startsWith('#'));
const stages = instructions.reduce<Array<{ from: string; name?: string; lines: string[] }>>((acc, line) => {
  const from = /^FROM\s+(\S+)(?:\s+AS\s+(\S+))?/i.exec(line);
  if (from) acc.push({ from: from[1], name: from[2], lines: [] });
  else acc.at(-1)?.lines.push(line);
  return acc;
}, []);
const runtime = stages.find((s) => s.name === 'runtime');

describe('Dockerfile', () => {
  it('is multi-stage, with a runtime stage last', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    expect(stages.at(-1)?.name).toBe('runtime');
  });

  it('pins its base images to a version, never latest', () => {
    for (const stage of stages) {
      if (stages.some((s) => s.name === stage.from)) continue;
      expect(stage.from).toMatch(/:[^:]*\d/);
      expect(stage.from).not.toMatch(/:latest$/);
    }
  });

  it('installs production dependencies only in the runtime stage', () => {
    expect(runtime?.lines.some((l) => /^RUN\s.*\bnpm ci\b.*--omit=dev/.test(l))).toBe(true);
    expect(runtime?.lines.some((l) => /\bnpm (ci|install)\b(?!.*--omit=dev)/.test(l))).toBe(false);
  });

  it('runs as a non-root user', () => {
    const user = runtime?.lines.filter((l) => /^USER\s/i.test(l)).at(-1);
    expect(user).toBeDefined();
    expect(user).not.toMatch(/^USER\s+(root|0)(:|$)/i);
  });

  it('starts the app as npm start does', () => {
    const cmd = runtime?.lines.filter((l) => /^CMD\s/i.test(l)).at(-1);
    expect(cmd).toBe('CMD ["node", "--import", "tsx", "src/main.ts"]');
  });

  it('leaves node_modules, data and git out of the build context', () => {
    const ignored = readFileSync(path.join(REPO_ROOT, '.dockerignore'), 'utf8').split('\n').map((l) => l.trim());
    expect(ignored).toEqual(expect.arrayContaining(['node_modules', 'data', '.git']));
  });
});
