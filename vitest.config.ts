import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    setupFiles: ['test/support/fastPasswordHashing.ts'],
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    env: { ZEEBE_CLIENT_LOG_LEVEL: 'NONE', CAMUNDA_LOG_LEVEL: 'none', IBM_TELEMETRY_DISABLED: 'true' },
  },
});
