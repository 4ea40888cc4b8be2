import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';
import { everydayWordsPlugin, glossaryIndexPlugin } from './scripts/glossary-vite-plugin';

export default defineConfig({
  // The bundled index is a virtual module made at build time; tests get the same one.
  plugins: [WxtVitest(), glossaryIndexPlugin({ dir: 'glossary' }), everydayWordsPlugin()],
  test: {
    environment: 'happy-dom',
    include: ['tests/unit/**/*.test.{ts,tsx}'],
    restoreMocks: true,
  },
});
