import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import { describeInputs, INPUTS_FILE } from '../../scripts/web/clientBuildInputs.js';

/**
 * The browser client. Built into dist/web, which the Koa server serves. Lives here, not at the
 * repository root, so vitest keeps using vitest.config.ts. Build: `vite build --config web/client/vite.config.ts`.
 */
const root = fileURLToPath(new URL('.', import.meta.url));
const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const outDir = fileURLToPath(new URL('../../dist/web', import.meta.url));

/** Records the sources this build was made from, so `npm start` rebuilds only when one of them changes. */
function recordBuildInputs(): Plugin {
  return {
    name: 'record-build-inputs',
    apply: 'build',
    writeBundle() {
      const inputs = describeInputs(repoRoot, this.getModuleIds());
      fs.writeFileSync(path.join(outDir, INPUTS_FILE), JSON.stringify(inputs, null, 1));
    },
  };
}

export default defineConfig({
  root,
  base: '/',
  publicDir: false,
  logLevel: 'warn',
  plugins: [recordBuildInputs()],
  build: {
    outDir,
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 4000,
  },
  server: {
    // `vite --config web/client/vite.config.ts` during development; the API runs on npm start.
    proxy: { '/api': 'http://127.0.0.1:3000' },
  },
});
