import { buildMatcher, loadMatcher, serializeMatcher } from '../lib/matcher';
import { patternKey, type MatchPattern } from '../lib/glossary/compile';
let seed = 7;
const r = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
const syl = ['ka', 'lo', 'mi', 'ne', 'ru', 'ta', 'po', 'di', 'se', 'vo', 'ba', 'ge', 'fi', 'hu', 'ja', 'xo'];
const word = () => { let w = ''; const n = 2 + Math.floor(r() * 3); for (let i = 0; i < n; i++) w += syl[Math.floor(r() * syl.length)]; return w; };
const pats: MatchPattern[] = [];
const seen = new Set<string>();
while (pats.length < 120000) { const t = r() < 0.5 ? `${word()} ${word()}` : word() + '-' + word(); if (seen.has(t)) continue; seen.add(t); pats.push({ text: t, caseSensitive: false, prefix: false, kind: 'term', key: patternKey('term', t, false) }); }
const json = JSON.stringify(serializeMatcher(buildMatcher(pats)));
for (let i = 0; i < 5; i++) { const t0 = performance.now(); loadMatcher(JSON.parse(json)); console.log('load', (performance.now() - t0).toFixed(1)); }
