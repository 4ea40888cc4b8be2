// Runs before install, build and tests: WXT and Vitest need Node >= 22.12, and on an older Node
// they fail deep inside with a stack trace. Say so plainly instead. Plain JS so any Node can run it.
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 12)) {
  console.error(
    `\nTermlens needs Node.js 22.12 or newer; this is Node ${process.versions.node}.\n` +
      'Install Node 22 (e.g. `npm i --prefix ~/.local/node22 node@22` and put\n' +
      '~/.local/node22/node_modules/node/bin first on PATH), then run the command again.\n',
  );
  process.exit(1);
}
