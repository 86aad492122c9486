import path from 'node:path';
import { defineConfig } from 'vitest/config';
import { sdkSourcesAsPackage } from './test/sdk-suite/sdkSourcesAsPackage.js';
import { skippedFiles } from './test/sdk-suite/skipped.js';

const sdkVendor = path.resolve('test/vendor/camunda-8-js-sdk');

export default defineConfig({
  test: {
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    env: { ZEEBE_CLIENT_LOG_LEVEL: 'NONE', CAMUNDA_LOG_LEVEL: 'none', IBM_TELEMETRY_DISABLED: 'true' },
    projects: [
      { extends: true, test: { name: 'app', include: ['test/**/*.test.ts'], setupFiles: ['test/support/fastPasswordHashing.ts'] } },
      {
        // @camunda8/sdk 8.8.13's own integration suites (vendored, unchanged but for skips) against the embedded engine.
        extends: true,
        plugins: [sdkSourcesAsPackage(sdkVendor, path.resolve('node_modules/@camunda8/sdk/dist'))],
        test: {
          name: 'camunda-8-js-sdk',
          root: '.',
          include: ['test/vendor/camunda-8-js-sdk/src/__tests__/**/*.spec.ts'],
          exclude: skippedFiles(),
          globals: true,
          globalSetup: ['test/sdk-suite/globalSetup.ts'],
          setupFiles: ['test/sdk-suite/setup.ts'],
          fileParallelism: false,
        },
      },
    ],
  },
});
