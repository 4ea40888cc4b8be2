import type { Plugin } from 'vite';

/**
 * zod decides whether it may compile validators with `new Function('')`, a probe that ships even
 * though the packs and settings schemas set `jitless` (so it never runs) and the extension's CSP
 * forbids eval anyway. Store reviewers (web-ext lint: DANGEROUS_EVAL) see the Function constructor
 * in the bundle, so the build replaces the probe with its answer under that CSP: no eval. A zod whose
 * source no longer has the probe in this shape fails the build, so the replacement is never silently lost.
 */
const PROBE = /export const allowsEval = \/\* @__PURE__\*\/ cached\(\(\) => \{[\s\S]*?\n\}\);/;
const FILE = /\/node_modules\/zod\/v4\/core\/util\.js$/;

export function zodEvalProbePlugin(): Plugin {
  return {
    name: 'termlens-zod-eval-probe',
    enforce: 'pre',
    transform(code, id) {
      if (!FILE.test(id.split('?')[0]!)) return null;
      if (!PROBE.test(code)) this.error(`${id}: zod's allowsEval probe not found; check what the new zod ships before releasing`);
      return { code: code.replace(PROBE, 'export const allowsEval = /* @__PURE__*/ cached(() => false);'), map: null };
    },
  };
}
