import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/**
 * The browser client. Built into dist/web, which the Koa server serves. Lives here, not at the
 * repository root, so vitest keeps using vitest.config.ts. Build: `vite build --config web/client/vite.config.ts`.
 */
const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  base: '/',
  publicDir: false,
  logLevel: 'warn',
  build: {
    outDir: fileURLToPath(new URL('../../dist/web', import.meta.url)),
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 4000,
  },
  server: {
    // `vite --config web/client/vite.config.ts` during development; the API runs on npm start.
    proxy: { '/api': 'http://127.0.0.1:3000' },
  },
});
