import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeInputs, INPUTS_FILE, staleReason } from '../../../scripts/web/clientBuildInputs.js';
import { CLIENT_DIST, ensureClientBuild, REPO_ROOT } from '../../../scripts/web/ensureClientBuild.js';

/** A repository-like folder with two source files, a lockfile and a build made from them. */
function builtTree() {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'client-build-'));
  fs.mkdirSync(path.join(root, 'web/client/src'), { recursive: true });
  fs.mkdirSync(path.join(root, 'src/audit'), { recursive: true });
  fs.mkdirSync(path.join(root, 'node_modules/lib'), { recursive: true });
  fs.writeFileSync(path.join(root, 'web/client/src/main.ts'), 'console.log(1)');
  fs.writeFileSync(path.join(root, 'src/audit/actions.ts'), 'export const a = 1');
  fs.writeFileSync(path.join(root, 'node_modules/lib/index.js'), 'export default 1');
  fs.writeFileSync(path.join(root, 'package-lock.json'), '{}');
  const out = path.join(root, 'dist/web');
  fs.mkdirSync(out, { recursive: true });
  fs.writeFileSync(path.join(out, 'index.html'), '<html></html>');
  const modules = ['web/client/src/main.ts', 'src/audit/actions.ts', 'node_modules/lib/index.js'].map((f) => path.join(root, f));
  fs.writeFileSync(path.join(out, INPUTS_FILE), JSON.stringify(describeInputs(root, ['\0virtual:module', ...modules])));
  return { root, out };
}

describe('the web client is rebuilt only when what it was built from changed', () => {
  it('records the bundled sources and the lockfile, not node_modules or virtual modules', () => {
    // given
    const { out } = builtTree();

    // when
    const inputs = JSON.parse(fs.readFileSync(path.join(out, INPUTS_FILE), 'utf8')) as { files: Record<string, string> };

    // then
    expect(Object.keys(inputs.files).sort()).toEqual(['package-lock.json', 'src/audit/actions.ts', 'web/client/src/main.ts']);
  });

  it('finds a build up to date when nothing changed, even if files were touched', () => {
    // given
    const { root, out } = builtTree();
    const later = new Date(Date.now() + 60_000);
    fs.utimesSync(path.join(root, 'web/client/src/main.ts'), later, later);

    // then
    expect(staleReason(root, out)).toBeUndefined();
  });

  it('names the source whose content changed, inside or outside web/client', () => {
    // given
    const { root, out } = builtTree();

    // when
    fs.writeFileSync(path.join(root, 'src/audit/actions.ts'), 'export const a = 2');

    // then
    expect(staleReason(root, out)).toBe('src/audit/actions.ts changed');
  });

  it('rebuilds after a dependency change (lockfile), a deleted source, or without a record', () => {
    const lock = builtTree();
    fs.writeFileSync(path.join(lock.root, 'package-lock.json'), '{"v":2}');
    expect(staleReason(lock.root, lock.out)).toBe('package-lock.json changed');

    const deleted = builtTree();
    fs.rmSync(path.join(deleted.root, 'web/client/src/main.ts'));
    expect(staleReason(deleted.root, deleted.out)).toBe('web/client/src/main.ts changed');

    const unrecorded = builtTree();
    fs.rmSync(path.join(unrecorded.out, INPUTS_FILE));
    expect(staleReason(unrecorded.root, unrecorded.out)).toMatch(/no \.build-inputs\.json/);

    const none = builtTree();
    fs.rmSync(path.join(none.out, 'index.html'));
    expect(staleReason(none.root, none.out)).toBe('no build yet');
  });

  it('the real build records what Vite bundled, and a second start does not build again', () => {
    // given: a build of the repository's client (made now if the sources changed)
    ensureClientBuild();
    const index = path.join(CLIENT_DIST, 'index.html');
    const builtAt = fs.statSync(index).mtimeMs;

    // when
    const again = ensureClientBuild();

    // then: the module graph reached the audit action labels the client imports from src/, and nothing was rebuilt
    const inputs = JSON.parse(fs.readFileSync(path.join(CLIENT_DIST, INPUTS_FILE), 'utf8')) as { files: Record<string, string> };
    expect(Object.keys(inputs.files)).toEqual(expect.arrayContaining(['web/client/src/main.ts', 'src/audit/auditActions.ts', 'package-lock.json']));
    expect(again).toEqual({ built: false });
    expect(fs.statSync(index).mtimeMs).toBe(builtAt);
    expect(staleReason(REPO_ROOT, CLIENT_DIST)).toBeUndefined();
  });
});
