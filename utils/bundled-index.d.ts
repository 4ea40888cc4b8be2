// Emitted at build time by scripts/glossary-vite-plugin.ts; typed in utils/bundled-index.ts.
declare module 'virtual:termlens/bundled-index' {
  const index: unknown;
  export default index;
}

// Emitted at build time by scripts/glossary-vite-plugin.ts (everydayWordsPlugin): one word per line.
declare module 'virtual:termlens/everyday-words' {
  const words: string;
  export default words;
}
