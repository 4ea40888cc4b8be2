import { bundledIndex } from '../utils/bundled-index';
import { defineBackground } from 'wxt/utils/define-background';
import { sensesForKey } from '../lib/glossary/compile';
import { listen } from '../utils/messaging';

export default defineBackground(() => {
  listen({
    stats: () => ({
      packs: bundledIndex.packs.map(({ id, name, version, termCount }) => ({ id, name, version, termCount })),
      termCount: bundledIndex.entries.length,
    }),
    lookup: ({ key, site }) => ({ senses: sensesForKey(bundledIndex, key, { site }) }),
  });
});
