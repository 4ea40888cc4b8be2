import { defineConfig } from 'vitest/config';

// Real Chromium and real Firefox with the built extension: one browser at a time on a 2-core machine.
// The extension under test is `npm run test:e2e`'s build (TERMLENS_TEST=1, the card's shadow root open
// for the tests) in .output/e2e, apart from the production build in .output that a person loads.
export default defineConfig({
  test: {
    env: { TERMLENS_OUT_DIR: process.env.TERMLENS_OUT_DIR ?? '.output/e2e' },
    environment: 'node',
    include: ['tests/e2e/**/*.e2e.ts'],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
