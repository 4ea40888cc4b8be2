import raw from 'virtual:termlens/bundled-index';
import type { CompiledIndex } from '../lib/glossary/compile';

/** The bundled packs, validated and compiled at build time. */
export const bundledIndex = raw as CompiledIndex;
