// Checks the bundled packs in glossary/ against the source glossaries they were imported from
// (glossary/sources/). The expected terms are counted here with a small parse of each source that
// is independent of the importers, so a capture the importer mangles still fails this test.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { formatError, parsePack } from '../../lib/glossary/validate';
import type { Pack, Term } from '../../lib/glossary/schema';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const seedsDir = resolve(repoRoot, 'glossary/sources');

const readSeed = (name: string) => readFileSync(resolve(seedsDir, name), 'utf8');
const lines = (text: string) => text.split(/\r?\n/);
/** Collapse whitespace so text re-joined across wrapped lines compares equal. */
const norm = (s: string) => s.replace(/\s+/g, ' ').trim();
/** Text compared with the source: typography and code backticks (lost by some captures) aside. */
const plain = (s: string) => norm(s.replace(/`/g, '')).replace(/[“”]/g, '"').replace(/[‘’]/g, "'");
/** For renderings that glued code spans to their neighbours ("K8s Serviceobject"): ignore spacing. */
const squash = (s: string) => plain(s).replace(/\s+/g, '');

function loadPack(file: string): { text: string; pack: Pack } {
  const text = readFileSync(resolve(repoRoot, 'glossary', file), 'utf8');
  const result = parsePack(text, `glossary/${file}`);
  if (!result.ok) throw new Error(result.errors.map(formatError).join('\n'));
  return { text, pack: result.pack };
}

/** Lowercase words of a name: "Bound / projected SA token" → bound, projected, sa, token. */
const words = (s: string) =>
  s
    .toLowerCase()
    .split(/[\s/()+,;=—–]+/)
    .filter(Boolean);

/**
 * The pack term a source entry became: same category and references where the source has them, and
 * a headword made only of words of the source headword ("HPA (HorizontalPodAutoscaler)" → HPA,
 * "Bound / projected SA token" → Bound SA token). The term whose names cover most of the source
 * headword wins: "CRI (Container Runtime Interface)" is CRI, not "Container runtime".
 */
function termFor(pack: Pack, e: SourceEntry): Term | undefined {
  const named = new Set(words(e.headword));
  const covered = (t: Term) => new Set([t.term, t.qualifier ?? '', ...t.aliases].flatMap(words).filter((w) => named.has(w))).size;
  return pack.terms
    .filter((t) => (e.category === undefined || t.category === e.category) && e.see.every((ref) => t.see.includes(ref)))
    .filter((t) => words(t.term).every((w) => named.has(w)))
    .sort((a, b) => covered(b) - covered(a))[0];
}

/** Map every entry to its term; each must have its own term, and its definition must be the source's. */
function expectEntries<E extends SourceEntry>(pack: Pack, entries: readonly E[], same: (s: string) => string = plain): Map<E, Term> {
  const found = new Map<E, Term>();
  for (const e of entries) {
    const t = termFor(pack, e);
    expect(t, `${e.headword} (${e.category ?? ''} ${e.see.join(' ')})`).toBeDefined();
    if (!t) continue;
    expect(same(t.definition), e.headword).toBe(same(e.definition));
    found.set(e, t);
  }
  expect(new Set(found.values()).size, 'distinct terms for distinct entries').toBe(entries.length);
  return found;
}

function term(pack: Pack, headword: string, qualifier?: string): Term {
  const found = pack.terms.filter((t) => t.term === headword && t.qualifier === qualifier);
  expect(found, `${headword}${qualifier ? ` (${qualifier})` : ''}`).toHaveLength(1);
  return found[0] as Term;
}

// ---- independent parses of the sources -------------------------------------------------------

interface SourceEntry {
  headword: string;
  definition: string;
  category?: string;
  see: string[];
}

/**
 * 000: a docs-site page. An entry is a headword line followed by `Section titled “…”definition`;
 * about a dozen entries lost their headword, so their definition paragraph starts right after the
 * previous entry ended (a line ending a sentence). Wrapped lines continue the paragraph.
 */
function parsePlatformGuide(text: string): { entries: SourceEntry[]; headless: string[] } {
  const ls = lines(text).slice(2); // title and intro
  const entries: SourceEntry[] = [];
  const headless: string[] = [];
  let current: { text: string; headless: boolean; headword: string } | null = null;
  const flush = () => {
    if (!current) return;
    if (current.headless) headless.push(norm(current.text));
    else entries.push({ headword: current.headword, definition: norm(current.text), see: [] });
    current = null;
  };
  for (let i = 0; i < ls.length; i++) {
    const line = ls[i] ?? '';
    if (line.trim() === '') continue;
    const next = ls[i + 1] ?? '';
    if (next.startsWith('Section titled')) {
      flush();
      const m = /^Section titled “[^”]*”(.*)$/.exec(next);
      current = { headword: line.trim(), text: m?.[1] ?? '', headless: false };
      i++;
      continue;
    }
    const prev = i > 0 ? (ls[i - 1] ?? '') : 'start.';
    if (current === null || /[.!?)”"]$/.test(prev.trim())) {
      flush();
      current = { headword: '', text: line, headless: true };
    } else {
      current.text += ` ${line}`;
    }
  }
  flush();
  return { entries, headless };
}

/** 001: Markdown in a code viewer: `## Category`, `**Term**: definition (Chapter N)` wrapped over lines. */
function parseDeploymentBook(text: string): { entries: SourceEntry[]; categories: string[] } {
  const entries: SourceEntry[] = [];
  const categories: string[] = [];
  let category: string | undefined;
  let current: SourceEntry | null = null;
  for (const raw of lines(text)) {
    const line = raw.trim();
    const heading = /^## (.+)$/.exec(line);
    const head = /^\*\*([^*]+)\*\*:(.*)$/.exec(line);
    if (heading) {
      current = null;
      category = (heading[1] ?? '').trim();
      categories.push(category);
    } else if (head) {
      current = { headword: (head[1] ?? '').trim(), definition: (head[2] ?? '').trim(), category, see: [] };
      entries.push(current);
    } else if (line === '' || line === '|') {
      // The code viewer puts `|` lines between every source line; entries end at the next headword.
    } else if (current) {
      // "load-" + "balances": a word hyphenated at the wrap joins without a space.
      current.definition = /\w-$/.test(current.definition) ? `${current.definition}${line}` : `${current.definition} ${line}`;
    }
  }
  for (const e of entries) {
    e.see = [...e.definition.matchAll(/\(Chapter (\d+)\)/g)].map((m) => `Chapter ${m[1]}`);
    e.definition = norm(e.definition);
  }
  return { entries, categories };
}

/**
 * 002: rendered tables `| Term | Definition | Covered in |` under `…¶` section headings. Rows whose
 * headword or definition held code are split over two or three lines; every row ends with its
 * "Covered in" path, so a row is everything up to a line ending in `<path>.md |`.
 */
function parseKubernetesGuide(text: string): { entries: SourceEntry[]; categories: string[] } {
  const entries: SourceEntry[] = [];
  const categories: string[] = [];
  let category: string | undefined;
  let buffer: string[] = [];
  let inTable = false;
  for (const raw of lines(text)) {
    const line = raw.trim();
    if (line.endsWith('¶')) {
      category = line.slice(0, -1).trim();
      if (category !== 'Appendix B — Glossary') categories.push(category);
      inTable = false;
      continue;
    }
    if (line.startsWith('| Term | Definition')) {
      inTable = true;
      continue;
    }
    if (!inTable || line.startsWith('|---')) continue;
    buffer.push(line);
    const end = /\|?\s*(\S+\.md) \|$/.exec(line);
    if (!end) continue;
    const row = buffer.join(' ').replace(/^\|\s*/, '');
    buffer = [];
    const cells = row.split(' | ');
    const path = end[1] ?? '';
    entries.push({
      headword: (cells[0] ?? '').trim(),
      definition: norm(cells.slice(1, -1).join(' | ')),
      category,
      see: [path],
    });
  }
  return { entries, categories };
}

interface ContextEntry extends SourceEntry {
  avoid?: string;
}

/**
 * 004: CONTEXT.md rendered: category lines, then `Term:` + definition (or `Term: definition` on one
 * line), then an optional `Avoid: …` line (inline on one-line entries). Ends at "Relationships".
 */
function parseHomelabContext(text: string): { entries: ContextEntry[]; categories: string[]; ambiguities: string[] } {
  const ls = lines(text);
  const start = ls.findIndex((l) => l.trim() === 'Language');
  const end = ls.findIndex((l) => l.trim() === 'Relationships');
  const entries: ContextEntry[] = [];
  const categories: string[] = [];
  let category: string | undefined;
  let current: ContextEntry | null = null;
  let prev = '';
  for (const raw of ls.slice(start + 1, end)) {
    const line = raw.trim();
    if (line === '') continue;
    const avoid = /(?:^|\s)Avoid: (.*)$/.exec(line);
    const headOnly = /^([^:]+):$/.exec(line);
    const headInline = /^([^:]+?): (.*)$/.exec(line);
    if (headOnly && !line.startsWith('Avoid')) {
      current = { headword: (headOnly[1] ?? '').trim(), definition: '', category, see: [] };
      entries.push(current);
    } else if (headInline && !line.startsWith('Avoid:') && !prev.endsWith(':')) {
      const rest = headInline[2] ?? '';
      current = { headword: (headInline[1] ?? '').trim(), definition: rest.replace(/\s*Avoid: .*$/, ''), category, see: [] };
      if (avoid) current.avoid = avoid[1];
      entries.push(current);
    } else if (line.startsWith('Avoid:') && current) {
      current.avoid = avoid?.[1];
    } else if (current && prev.endsWith(':') && !prev.startsWith('Avoid')) {
      current.definition = line;
    } else {
      category = line;
      categories.push(line);
      current = null;
    }
    prev = line;
  }
  // The rendering glued some bullets onto the previous one's wrapped line: split on `- "word"`.
  const flagged = ls.findIndex((l) => l.trim() === 'Flagged ambiguities');
  const ambiguities = ls
    .slice(flagged + 1)
    .join(' ')
    .split(/(?:^|\s)- (?=")/)
    .map(norm)
    .filter(Boolean);
  return { entries, categories, ambiguities };
}

// ---- checks shared by every pack -------------------------------------------------------------

function commonChecks(file: string) {
  it('validates through the pack schema', () => {
    const text = readFileSync(resolve(repoRoot, 'glossary', file), 'utf8');
    const result = parsePack(text, `glossary/${file}`);
    expect(result.ok ? [] : result.errors).toEqual([]);
  });

  it('has pack metadata naming its source', () => {
    const { pack } = loadPack(file);
    expect(pack.id).toBe(file.replace(/\.yaml$/, ''));
    expect(pack.language).toBe('en');
    expect(pack.source).toBeTruthy();
    expect(pack.description.length).toBeGreaterThan(20);
  });

  it('carries no capture garbage and no empty lists', () => {
    const { text, pack } = loadPack(file);
    expect(text).not.toMatch(/:\s*\[\]\s*$/m);
    for (const t of pack.terms) {
      for (const s of [t.term, ...t.aliases, t.definition, t.qualifier ?? '', ...t.see]) {
        expect(s, t.term).not.toMatch(/^\|| \|$|^Section titled|\(Chapter \d+\)|\.md \|/);
        expect(s, t.term).toBe(s.trim());
        expect(s, t.term).not.toMatch(/\s{2,}|\n/);
      }
      // A definition cut mid-sentence, or a wrapped line never joined, ends without punctuation.
      expect(t.definition, t.term).toMatch(/[.!?)"”…]$/);
    }
  });
}

// ---- 000: self-hosted platform guide ---------------------------------------------------------

describe('glossary/platform-guide.yaml (seed 000)', () => {
  const file = 'platform-guide.yaml';
  const source = parsePlatformGuide(readSeed('platform-guide.txt'));
  // The headwords the rendering lost, restored by hand (see glossary/sources/README.md).
  const restored = ['ACME', 'CNPG', 'DNAT', 'GHCR', 'Helm', 'k3s', 'OIDC', 'PITR', 'PKCE', 'SigV4', 'TLS', 'WAL'];
  commonChecks(file);

  it('has one term per source entry, including the headword-less ones', () => {
    const { pack } = loadPack(file);
    expect(source.headless).toHaveLength(restored.length);
    expect(pack.terms).toHaveLength(source.entries.length + source.headless.length);
  });

  it('keeps every entry with its definition joined over wrapped lines', () => {
    const { pack } = loadPack(file);
    const found = expectEntries(pack, source.entries);
    // The headword-less paragraphs: each is the definition of a term no headword claimed.
    const rest = pack.terms.filter((t) => ![...found.values()].includes(t)).map((t) => plain(t.definition));
    expect(rest.sort()).toEqual(source.headless.map(plain).sort());
  });

  it('restores the lost headwords with their expansions as aliases', () => {
    const { pack } = loadPack(file);
    for (const h of restored)
      expect(
        pack.terms.some((t) => t.term === h),
        h,
      ).toBe(true);
    expect(term(pack, 'CNPG').aliases).toContain('CloudNativePG');
    expect(term(pack, 'WAL').aliases).toContain('Write-Ahead Log');
    expect(term(pack, 'SigV4').aliases).toContain('AWS Signature Version 4');
    expect(term(pack, 'GHCR').aliases).toEqual(expect.arrayContaining(['GitHub Container Registry', 'ghcr.io']));
    expect(term(pack, 'DNAT').aliases).toContain('Destination NAT');
    expect(term(pack, 'PITR').aliases).toContain('Point-In-Time Recovery');
    expect(term(pack, 'TLS').definition).toMatch(/^Transport Layer Security — /);
    expect(term(pack, 'Helm').definition).toMatch(/^A package manager for Kubernetes/);
  });

  it('keeps a sample of headwords as terms, aliases and qualifiers', () => {
    const { pack } = loadPack(file);
    for (const h of ['AnalysisTemplate', 'Argo CD', 'Argo Rollouts', 'cert-manager', 'HTTP-01', 'kubectl', 'Traefik', 'Tailscale']) {
      term(pack, h);
    }
    expect(term(pack, 'Secret', 'Kubernetes').definition).toMatch(/sensitive data/);
    expect(term(pack, 'barman').aliases).toContain('barman-cloud');
    expect(term(pack, 'CR').aliases).toContain('CRD');
    expect(term(pack, 'ServiceLB').aliases).toContain('klipper');
  });

  it('matches acronyms case-sensitively', () => {
    const { pack } = loadPack(file);
    for (const h of ['WAL', 'TLS', 'PITR', 'PKCE', 'GHCR']) expect(term(pack, h).caseSensitive ?? true, h).toBe(true);
    // …except where the all-caps name is as often written in lowercase (`kubectl cnpg`, `cnpg-system`).
    expect(term(pack, 'CNPG').caseSensitive).toBe(false);
  });
});

// ---- 001: deployment book, Appendix A (newest) -----------------------------------------------

describe('glossary/deployment-book.yaml (seed 001)', () => {
  const file = 'deployment-book.yaml';
  const source = parseDeploymentBook(readSeed('deployment-book.txt'));
  const unique = [...new Map(source.entries.map((e) => [e.headword, e])).keys()];
  commonChecks(file);

  it('has one term per distinct `**Term**:` headword', () => {
    const { pack } = loadPack(file);
    expect(unique.length).toBeGreaterThan(60);
    expect(pack.terms).toHaveLength(unique.length);
  });

  it('keeps every term with its category and chapter references', () => {
    const { pack } = loadPack(file);
    // A headword listed twice ("VXLAN: See Docker/Swarm section." under Other) is one term.
    const firsts = source.entries.filter((e, i) => source.entries.findIndex((x) => x.headword === e.headword) === i);
    const withoutRefs = firsts.map((e) => ({ ...e, definition: e.definition.replace(/\s*\(Chapter \d+\)/g, '') }));
    const found = expectEntries(pack, withoutRefs);
    for (const [e, t] of found) expect(t.see, e.headword).toEqual(e.see);
  });

  it('keeps every `##` category', () => {
    const { pack } = loadPack(file);
    expect(source.categories).toHaveLength(8);
    expect(new Set(pack.terms.map((t) => t.category))).toEqual(new Set(source.categories));
  });

  it('is the newest version: goose, goose_db_version and the reworded AutoMigrate', () => {
    const { pack } = loadPack(file);
    expect(term(pack, 'goose').definition).toMatch(/pressly\/goose/);
    expect(term(pack, 'goose').see).toEqual(['Chapter 8']);
    expect(term(pack, 'goose_db_version').definition).toMatch(/version-tracking table/);
    expect(term(pack, 'AutoMigrate').definition).toMatch(/replaced by goose/);
  });

  it('keeps a sample of headwords', () => {
    const { pack } = loadPack(file);
    expect(term(pack, 'sync.Once').see).toEqual(['Chapter 19']);
    expect(term(pack, 'kube-proxy').category).toBe('Kubernetes / k3s');
    expect(term(pack, 'HPA').aliases).toContain('HorizontalPodAutoscaler');
    expect(term(pack, 'PDB').aliases).toContain('PodDisruptionBudget');
    expect(term(pack, 'CRD').aliases).toContain('Custom Resource Definition');
    expect(term(pack, 'Taint').aliases).toContain('Toleration');
    expect(term(pack, 'mode: global').category).toBe('Docker / Swarm');
    expect(term(pack, 'Full (strict) SSL').category).toBe('Cloudflare');
    expect(term(pack, 'nbg1').see).toEqual(['Chapter 1']);
    expect(term(pack, 'advisory lock').category).toBe('Other');
    expect(term(pack, 'VXLAN').see).toEqual(['Chapter 3']);
  });
});

// ---- 002: Kubernetes production guide, Appendix B --------------------------------------------

describe('glossary/kubernetes-production-guide.yaml (seed 002)', () => {
  const file = 'kubernetes-production-guide.yaml';
  const source = parseKubernetesGuide(readSeed('kubernetes-production-guide.txt'));
  commonChecks(file);

  it('has one term per table row, split rows included', () => {
    const { pack } = loadPack(file);
    expect(source.entries.length).toBeGreaterThan(500);
    expect(pack.terms).toHaveLength(source.entries.length);
  });

  it('keeps every row with its section and its "Covered in" path', () => {
    const { pack } = loadPack(file);
    const found = expectEntries(pack, source.entries);
    for (const [e, t] of found) expect(t.see, e.headword).toEqual(e.see);
  });

  it('keeps every section as a category', () => {
    const { pack } = loadPack(file);
    expect(source.categories).toHaveLength(15);
    expect(new Set(pack.terms.map((t) => t.category))).toEqual(new Set(source.categories));
  });

  it('joins the definitions of rows split over lines', () => {
    const { pack } = loadPack(file);
    expect(term(pack, 'spec vs status').definition).toBe(
      'The universal divide: humans/controllers write spec (desired); the owning controller/kubelet writes status (observed).',
    );
    expect(term(pack, 'spec vs status').see).toEqual(['00-foundations/06-declarative-api-model.md']);
    expect(term(pack, 'Object').definition).toMatch(/^A persisted entity .* usually status \(observed\)\.$/);
    expect(term(pack, 'Object').see).toEqual(['00-foundations/06-declarative-api-model.md']);
  });

  it('keeps a sample of headwords', () => {
    const { pack } = loadPack(file);
    expect(term(pack, 'kube-proxy').category).toBe('Cluster architecture & the API model');
    expect(term(pack, 'Kubernetes').aliases).toContain('k8s');
    expect(term(pack, 'HPA').aliases).toContain('HorizontalPodAutoscaler');
    expect(term(pack, 'Secret').see).toEqual(['03-config-and-storage/02-secrets.md']);
    expect(term(pack, 'preStop hook').category).toBe('Workloads');
    expect(term(pack, 'kubectl apply', '3-way merge').definition).toMatch(/merges your manifest/);
    expect(term(pack, 'use_lockfile = true').category).toBe('Part 14 — EKS in Production: A-Z terms');
    expect(term(pack, 'Argo CD ApplicationSet', 'Cluster generator').see).toEqual([
      '15-day-to-day-production-ops/04-multi-environment-promotion.md',
    ]);
    expect(term(pack, '90-day production-ownership runbook').category).toBe('Part 15 — Day-to-Day Production Operations terms');
    expect(term(pack, 'RBAC').aliases).toContain('Role-Based Access Control');
  });

  it('matches acronyms case-sensitively', () => {
    const { pack } = loadPack(file);
    for (const h of ['RBAC', 'HPA', 'PDB', 'CNI']) {
      const t = pack.terms.find((x) => x.term === h || x.aliases.includes(h));
      expect(t, h).toBeDefined();
      if (t?.term === h) expect(t.caseSensitive ?? true, h).toBe(true);
    }
  });
});

// ---- 004: homelab infrastructure CONTEXT.md --------------------------------------------------

describe('glossary/homelab-infra.yaml (seed 004)', () => {
  const file = 'homelab-infra.yaml';
  const source = parseHomelabContext(readSeed('homelab-infra.txt'));
  commonChecks(file);

  it('has one term per term line of the Language section', () => {
    const { pack } = loadPack(file);
    expect(source.entries.length).toBeGreaterThan(30);
    expect(pack.terms).toHaveLength(source.entries.length);
  });

  it('keeps every term with its category, definition and full Avoid guidance', () => {
    const { pack } = loadPack(file);
    const found = expectEntries(pack, source.entries, squash);
    for (const [e, t] of found) {
      if (e.avoid) expect(t.notes.map(squash).join('\n'), e.headword).toContain(squash(e.avoid));
    }
  });

  it('keeps every category', () => {
    const { pack } = loadPack(file);
    expect(source.categories).toEqual(['Code organization', 'Cluster', 'Networking', 'Storage', 'Data', 'Secrets', 'CI/CD']);
    expect(new Set(pack.terms.map((t) => t.category))).toEqual(new Set(source.categories));
  });

  it('turns Avoid: lines into avoid words', () => {
    const { pack } = loadPack(file);
    expect(term(pack, 'Ingress auth').avoid).toEqual(['auth tier', 'auth mode']);
    expect(term(pack, 'Kyverno policy').avoid).toContain('policy');
    expect(term(pack, 'Ingress chain').avoid).toEqual(expect.arrayContaining(['middleware list', 'Traefik chain']));
    expect(term(pack, 'Node').avoid).toEqual(expect.arrayContaining(['k8s node', 'host']));
    const withAvoid = source.entries.filter((e) => e.avoid).length;
    expect(withAvoid).toBeGreaterThan(25);
  });

  it('attaches each flagged ambiguity to the terms it names', () => {
    const { pack } = loadPack(file);
    expect(source.ambiguities).toHaveLength(6);
    for (const bullet of source.ambiguities) {
      const holders = pack.terms.filter((t) => t.notes.some((n) => squash(n).includes(squash(bullet))));
      expect(holders.length, bullet).toBeGreaterThan(0);
    }
    const bullet = (word: string) => squash(source.ambiguities.find((b) => b.startsWith(`"${word}"`)) ?? '?');
    const noted = (h: string, word: string) => term(pack, h).notes.some((n) => squash(n).includes(bullet(word)));
    expect(noted('State tier', 'tier') && noted('Namespace tier', 'tier')).toBe(true);
    expect(noted('Node', 'node') && noted('PVE node', 'node')).toBe(true);
    expect(noted('Kyverno policy', 'policy') && noted('Calico', 'policy')).toBe(true);
  });

  it('keeps a sample of headwords', () => {
    const { pack } = loadPack(file);
    for (const h of ['Service', 'Stack', 'Stack-local module', 'Factory module', 'local-path', '3-2-1 backup', 'Keel', 'Anubis'])
      term(pack, h);
    expect(term(pack, 'PVE node').aliases).toContain('PVE host');
    expect(term(pack, 'CNPG').aliases).toContain('pg-cluster');
    expect(term(pack, 'ExternalSecret').aliases).toContain('ESO');
  });
});

describe('bundled packs', () => {
  const files = ['deployment-book.yaml', 'homelab-infra.yaml', 'kubernetes-production-guide.yaml', 'platform-guide.yaml'];

  it('are exactly the four imported glossaries', () => {
    const inDir = readdirSync(resolve(repoRoot, 'glossary'))
      .filter((f) => /\.ya?ml$/.test(f))
      .sort();
    expect(inDir).toEqual(files);
  });

  it('hold about 640 terms in all', () => {
    const total = files.reduce((n, f) => n + loadPack(f).pack.terms.length, 0);
    expect(total).toBeGreaterThan(620);
    expect(total).toBeLessThan(660);
  });
});
