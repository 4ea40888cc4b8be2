// Stands in for the `fault` package in the extension's bundles (wxt.config.ts aliases it). The
// Markdown front-matter extension throws with it only on a malformed matter definition, ours being
// fixed; the real package's `format` dependency finds the global object with `(0, eval)('this')`,
// code an extension must not ship (addons.mozilla.org's linter rejects eval).

/** `fault('Missing `type` in matter `%j`', value)`: an Error with `%s`, `%d` and `%j` filled in. */
export function fault(template: string, ...values: unknown[]): Error {
  let i = 0;
  const message = template.replace(/%([sdj%])/g, (_, kind: string) => {
    if (kind === '%') return '%';
    const value = values[i++];
    return kind === 'j' ? JSON.stringify(value) : String(value);
  });
  return new Error(message);
}
