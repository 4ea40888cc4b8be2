// Validates every pack in glossary/ and compiles them into `virtual:termlens/bundled-index`,
// which the background imports. A broken pack fails the build with `file:line:col: path: message`.
import { resolve } from 'node:path';
import type { Plugin } from 'vite';
import { compileIndex } from '../lib/glossary/compile';
import { formatError } from '../lib/glossary/validate';
import { everydayWords } from './everyday-words';
import { loadPackFiles, packFiles } from './load-packs';

const ID = 'virtual:termlens/bundled-index';
const RESOLVED = `\0${ID}`;

export function glossaryIndexPlugin(options: { dir: string }): Plugin {
  return {
    name: 'termlens-glossary-index',
    resolveId(id) {
      return id === ID ? RESOLVED : undefined;
    },
    load(id) {
      if (id !== RESOLVED) return undefined;
      const dir = resolve(options.dir);
      const files = packFiles(dir);
      for (const file of files) this.addWatchFile(file);
      const { packs, errors } = loadPackFiles(files);
      if (errors.length > 0) {
        const message = `Invalid glossary pack:\n${errors.map(formatError).join('\n')}`;
        // Vite would bury the message in a stack trace; print it plainly first.
        console.error(`\n${message}\n`);
        this.error(message);
      }
      const index = compileIndex(packs);
      // JSON.parse of a string literal is faster than an object literal of the same size.
      return `export default JSON.parse(${JSON.stringify(JSON.stringify(index))});`;
    },
  };
}

const WORDS_ID = 'virtual:termlens/everyday-words';
const WORDS_RESOLVED = `\0${WORDS_ID}`;

/** `virtual:termlens/everyday-words`: the everyday English words (scripts/everyday-words.ts), one per line. */
export function everydayWordsPlugin(): Plugin {
  return {
    name: 'termlens-everyday-words',
    resolveId(id) {
      return id === WORDS_ID ? WORDS_RESOLVED : undefined;
    },
    load(id) {
      if (id !== WORDS_RESOLVED) return undefined;
      return `export default ${JSON.stringify(everydayWords().join('\n'))};`;
    },
  };
}
