// Headword splitting: a glossary headword such as "HPA (HorizontalPodAutoscaler)", "CR / CRD" or
// "Secret (Kubernetes)" names one term plus aliases or a qualifier, not one odd string.

export interface SplitHeadword {
  /** The headword proper, e.g. "HPA". */
  term: string;
  /** Abbreviations, expansions and other names, e.g. "HorizontalPodAutoscaler". */
  aliases: string[];
  /** A context word that disambiguates the headword, e.g. "Kubernetes" for "Secret (Kubernetes)". */
  qualifier?: string;
  /** Absolute http(s) targets of links in the headword ("[Pod](https://…)"): references for `see`. */
  see?: string[];
}

export interface SplitOptions {
  /**
   * Lowercased headwords of the other terms in the same glossary. A parenthetical naming another
   * term ("Reconcile loop (controller-runtime)") is context, and so is any parenthetical after a
   * headword that another entry already uses on its own ("Headless Service (discovery)").
   */
  otherHeadwords?: { has(word: string): boolean };
}

/** Lowercase words that, in parentheses, say which sense or setting is meant rather than name it. */
const CONTEXT_WORDS = new Set([
  'production', 'discovery', 'legacy', 'deprecated', 'default', 'optional', 'experimental', 'preview',
  'internal', 'external', 'local', 'cloud', 'generic', 'general', 'example', 'classic', 'old', 'new',
  'obsolete', 'alpha', 'beta', 'stable', 'advanced', 'basic', 'client', 'server', 'concept', 'pattern',
  // Areas and platforms written in lower case: "Token (auth)", "Secret (k8s)" name a sense, and as
  // aliases they would mark every "auth" or "k8s" on a page as that term.
  'auth', 'authn', 'authz', 'networking', 'network', 'storage', 'security', 'monitoring', 'logging',
  'observability', 'database', 'db', 'infra', 'infrastructure', 'ci', 'cd', 'ops', 'devops', 'sre',
  'platform', 'frontend', 'backend', 'api', 'cli', 'ui', 'k8s', 'kubernetes', 'aws', 'gcp', 'azure',
  'helm', 'argo', 'terraform', 'git', 'github', 'docker', 'linux', 'postgres', 'sql', 'dns', 'http', 'tls',
]);

/**
 * An inline Markdown link or image: `[text](url)`, `[text](<url>)`, `[text](url "title")`. The URL
 * may hold one level of parentheses ("…/wiki/Job_(computing)").
 */
const MD_LINK = /!?\[([^\]]*)\]\(\s*(?:<([^>]*)>|((?:[^()\s]|\([^()\s]*\))*))(?:\s+(?:"[^"]*"|'[^']*'|\([^()]*\)))?\s*\)/g;

/** `[text](url)` → text (the URL when the text is empty). */
function stripLinks(raw: string): string {
  return raw.replace(MD_LINK, (_m, text: string, angled?: string, bare?: string) => text.trim() || (angled ?? bare ?? '').trim());
}

/** Absolute http(s) link targets in a headword, in order. */
export function headwordLinks(raw: string): string[] {
  return dedupe([...raw.matchAll(MD_LINK)].map((m) => (m[2] ?? m[3] ?? '').trim()).filter((url) => /^https?:\/\/\S+$/i.test(url)));
}

/** Strip Markdown links (to their text), emphasis/code markers and a trailing colon, and collapse whitespace. */
export function cleanHeadword(raw: string): string {
  return stripLinks(raw)
    .replace(/\*\*(.+?)\*\*|__(.+?)__/g, (_m, a?: string, b?: string) => a ?? b ?? '')
    .replace(/`/g, '')
    .replace(/^([*_])(.+)\1$/, '$2')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/\s*:$/, '')
    .trim();
}

/** Split on camelCase, hyphens, slashes, spaces and digits: "HorizontalPodAutoscaler" → Horizontal Pod Autoscaler. */
function words(s: string): string[] {
  return s
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[\s/\-–—_.,&+]+/)
    .filter((w) => /[A-Za-z0-9]/.test(w));
}

/** A token that looks like an abbreviation: CRD, OTel, authN, k8s, z2jh. */
function abbreviationLike(s: string): boolean {
  if (/\s/.test(s) || s.length < 2 || s.length > 12) return false;
  const uppers = (s.match(/[A-Z]/g) ?? []).length;
  return uppers >= 2 || /[0-9]/.test(s) || /^[a-z]+[A-Z]/.test(s) || /^[a-z][a-z0-9]*[A-Z][a-z]*$/.test(s);
}

function isSubsequence(short: string, long: string): boolean {
  let i = 0;
  for (const ch of long) if (i < short.length && ch === short[i]) i++;
  return i === short.length;
}

/**
 * True when `short` abbreviates `long`: "HPA" ↔ "HorizontalPodAutoscaler", "k8s" ↔ "Kubernetes",
 * "OTel" ↔ "OpenTelemetry", "DR" ↔ "Backup & disaster recovery", "AOF" ↔ "Append-Only File".
 */
export function isAbbreviation(short: string, long: string): boolean {
  const s = short.trim();
  const l = long.trim();
  if (!abbreviationLike(s) || l.length <= s.length) return false;
  const numeronym = /^([a-z])(\d+)([a-z])$/i.exec(s);
  if (numeronym && !/\s/.test(l)) {
    const [, first = '', n = '0', last = ''] = numeronym;
    if (l[0]?.toLowerCase() === first.toLowerCase() && l.at(-1)?.toLowerCase() === last.toLowerCase() && l.length - 2 === Number(n)) return true;
  }
  const letters = s.toLowerCase().replace(/[^a-z0-9]/g, '');
  const longLower = l.toLowerCase();
  if (!letters) return false;
  // Initials of the long form, in a row: DR in "Backup & disaster recovery", LBC in "AWS Load Balancer Controller".
  const initials = words(l).map((w) => w[0]?.toLowerCase() ?? '').join('');
  if (letters.length >= 2 && /^[A-Z0-9]+$/.test(s) && initials.includes(letters)) return true;
  // Letters in order, starting with the same letter: OTel in OpenTelemetry, authN in Authentication.
  return longLower[0] === letters[0] && isSubsequence(letters, longLower.replace(/[^a-z0-9]/g, ''));
}

function expands(a: string, b: string): boolean {
  return isAbbreviation(a, b) || isAbbreviation(b, a);
}

/** Is `inner` (written in parentheses after a headword) another name for it or a context word? */
function classifyParenthetical(inner: string, names: string[], base: string, opts: SplitOptions): 'alias' | 'qualifier' | 'aliases' {
  const others = opts.otherHeadwords;
  if (names.some((n) => expands(inner, n)) || expands(inner, base)) return 'alias';
  // "OWASP CRS (Core Rule Set)": the expansion of the headword's last word.
  const last = base.split(/\s+/).at(-1) ?? '';
  if (last !== base && isAbbreviation(last, inner)) return 'alias';
  if (others?.has(inner.toLowerCase())) return 'qualifier';
  if (others?.has(base.toLowerCase())) return 'qualifier';
  // "AMP / GMP", "P0 / P1 / P2": a list of abbreviations names the term several ways.
  if (/\s\/\s/.test(inner)) {
    const parts = inner.split(/\s+\/\s+/);
    return parts.every((p) => /^[A-Z][A-Z0-9]+$/.test(p)) ? 'aliases' : 'qualifier';
  }
  if (/\s/.test(inner) || /[/&=]/.test(inner) || /^[^A-Za-z0-9]/.test(inner)) return 'qualifier';
  // "Database (db)", "Authentication (authn)": a lowercase short form of the headword itself.
  const letters = base.toLowerCase().replace(/[^a-z0-9]/g, '');
  if (/^[a-z0-9]+$/.test(inner) && inner.length < letters.length && inner[0] === letters[0] && isSubsequence(inner, letters)) return 'alias';
  if (CONTEXT_WORDS.has(inner.toLowerCase())) return 'qualifier';
  // A single capitalised word or an acronym that does not abbreviate the headword is context:
  // "Secret (Kubernetes)", "Component (Kustomize)", "VPC CNI (AWS)".
  if (/^[A-Z]/.test(inner)) return 'qualifier';
  // A lowercase single token is another name: "ServiceLB (klipper)", "pause container (sandbox)".
  return 'alias';
}

/**
 * Split a headword into term, aliases and qualifier.
 * "HPA (HorizontalPodAutoscaler)" → HPA + alias; "CR / CRD" → CR + alias CRD; "Secret (Kubernetes)" →
 * Secret + qualifier. A headword with parentheses in the middle is kept whole.
 */
export function splitHeadword(raw: string, opts: SplitOptions = {}): SplitHeadword {
  let s = cleanHeadword(raw);
  let qualifier: string | undefined;
  const aliases: string[] = [];

  // "External Secrets Operator (ESO) — production": a short dash suffix is a qualifier.
  const dash = /^(.*\S)\s+[—–]\s+(\S.*)$/.exec(s);
  if (dash && dash[2] && dash[2].split(/\s+/).length <= 4) {
    s = dash[1] ?? s;
    qualifier = dash[2];
  }

  let base = s;
  let inner: string | undefined;
  const paren = /^([^()]*\S)\s*\(([^()]+)\)$/.exec(s);
  if (paren) {
    base = (paren[1] ?? s).trim();
    inner = (paren[2] ?? '').trim();
  }

  const names = base.split(/\s+\/\s+/).map((p) => p.trim()).filter(Boolean);
  const term = names[0] ?? base;
  aliases.push(...names.slice(1).map((n) => sharePrefix(term, n)));

  if (inner) {
    const kind = classifyParenthetical(inner, names, base, opts);
    if (kind === 'alias') aliases.push(inner);
    else if (kind === 'aliases') aliases.push(...inner.split(/\s+\/\s+/));
    else qualifier = qualifier ? `${inner}, ${qualifier}` : inner;
  }

  const see = headwordLinks(raw);
  return {
    term,
    aliases: dedupe(aliases.filter((a) => a.toLowerCase() !== term.toLowerCase())),
    ...(qualifier ? { qualifier } : {}),
    ...(see.length ? { see } : {}),
  };
}

/**
 * "Pod lifecycle / phase" names "Pod phase", "Sync wave / hook" names "Sync hook": a bare lowercase
 * word after a two-word headword shares its first word (and alone would match every "phase").
 */
function sharePrefix(term: string, other: string): string {
  const tw = term.split(/\s+/);
  if (tw.length === 2 && /^[a-z]/.test(tw[1] ?? '') && /^[a-z][a-z-]*$/.test(other)) return `${tw[0]} ${other}`;
  return other;
}

/** The part of a headword other entries are compared with: no trailing parenthetical or dash suffix. */
export function headwordBase(raw: string): string {
  const s = cleanHeadword(raw).replace(/\s+[—–]\s+\S.*$/, '');
  const paren = /^([^()]*\S)\s*\(([^()]+)\)$/.exec(s);
  return (paren?.[1] ?? s).trim();
}

export function dedupe(list: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const item of list) {
    const key = item.trim().toLowerCase();
    if (!key || seen.has(key)) continue;
    seen.add(key);
    out.push(item.trim());
  }
  return out;
}
