import { defineConfig } from 'vitest/config';

// Real Chromium and real Firefox with the built extension: one browser at a time on a 2-core machine.
export default defineConfig({
  test: {
    environment: 'node',
    include: ['tests/e2e/**/*.e2e.ts'],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
