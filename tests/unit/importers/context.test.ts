import { describe, expect, it } from 'vitest';
import { avoidWords, mentions } from '../../../lib/glossary/importers/context';
import { fixture, headwords, imported, seed, SEEDS, termNamed } from './helpers';

describe('avoidWords', () => {
  it('takes the quoted or listed words of the first clause, not the guidance', () => {
    expect(
      avoidWords('"auth tier" / "auth mode" — refer to it by the canonical key, auth (e.g. auth = "required"). "tier" is reserved.'),
    ).toEqual(['auth tier', 'auth mode']);
    expect(avoidWords('bare "app" without the Service definition; "deployment" (collides with K8s Deployment).')).toEqual([
      'app',
      'deployment',
    ]);
    expect(avoidWords('"the tunnel" without "Cloudflared" (could mean Headscale).')).toEqual(['the tunnel']);
    expect(avoidWords('Purchase, transaction')).toEqual(['Purchase', 'transaction']);
    expect(avoidWords('relying on the default.')).toEqual([]);
    expect(avoidWords('expecting Diun to deploy; conflating with Keel.')).toEqual([]);
    // The term's own name is not a word to avoid for it.
    expect(avoidWords('using "Stack" when you mean the running Service.', 'Stack')).toEqual([]);
  });
});

describe('mentions', () => {
  it('matches whole words, plurals included, case-insensitively', () => {
    expect(mentions('ExternalSecrets reference Vault', ['ExternalSecret'])).toBe(true);
    expect(mentions('a Stack-local module', ['Stack'])).toBe(false);
    expect(mentions('"node" can mean a K8s Node', ['Node'])).toBe(true);
  });
});

describe('context importer: CONTEXT.md fixture', () => {
  const { pack, format, warnings } = imported(fixture('context.md'));

  it('reads bold terms, definition paragraphs, details and categories from ### headings', () => {
    expect(format).toBe('context');
    expect(pack.name).toBe('Ordering context');
    expect(pack.description).toBe('The language of the ordering team.');
    expect(headwords(pack)).toEqual(['Customer', 'Account manager', 'Order', 'Quote']);
    expect(termNamed(pack, 'Order')).toMatchObject({
      definition: 'A confirmed request for goods, with a price. It has at least one line.',
      details: 'An Order is immutable once shipped.',
      category: 'Orders',
      avoid: ['purchase', 'transaction'],
    });
    expect(termNamed(pack, 'Customer').category).toBe('People');
  });

  it('splits Avoid lines into words and keeps the whole guidance as a note', () => {
    const am = termNamed(pack, 'Account manager');
    expect(am.avoid).toEqual(['rep', 'sales guy']);
    expect(am.notes).toContain('Avoid: "rep" / "sales guy" — say account manager.');
  });

  it('keeps flagged ambiguities and relationships with the terms they name', () => {
    const ambiguity = 'Flagged ambiguity: "order" was used for both Quote and Order — resolved: an Order is confirmed, a Quote is not.';
    expect(termNamed(pack, 'Order').notes).toContain(ambiguity);
    expect(termNamed(pack, 'Quote').notes).toContain(ambiguity);
    expect(termNamed(pack, 'Customer').notes).toEqual([
      'Avoid: client, buyer',
      'Relationship: A **Customer** places zero or more **Orders**.',
      'Relationship: An **Account manager** owns many Customers.',
    ]);
  });

  it('says what it did not keep', () => {
    expect(warnings).toEqual([
      'fixtures/context.md:42:1: flagged ambiguity names no term: ""account" can mean a login or a company: nobody here.": not kept',
      'fixtures/context.md:36-37: "Example dialogue" is not glossary terms: skipped',
    ]);
    expect(headwords(pack)).not.toContain('Dev');
  });
});

describe('context importer: malformed input', () => {
  it('warns about an Avoid line outside a term, a term with no definition and an ambiguity naming nothing', () => {
    const { pack, warnings } = imported(fixture('context-malformed.md'));
    expect(headwords(pack)).toEqual(['Gizmo']);
    expect(termNamed(pack, 'Gizmo')).toMatchObject({ definition: 'A small part.', avoid: ['doohickey'] });
    expect(warnings).toEqual([
      'fixtures/context-malformed.md:3:1: "Avoid:" line outside any term: "_Avoid_: this line has no term": skipped',
      'fixtures/context-malformed.md:7:1: "Widget" has no definition: skipped',
      'fixtures/context-malformed.md:16:1: flagged ambiguity names no term: ""thingamajig" is not a term here.": not kept',
    ]);
  });
});

describe('context importer: seed 004 (rendered CONTEXT.md)', () => {
  const { pack, format, warnings } = imported(seed(SEEDS.homelabContext));

  it('reads all 35 terms under their plain-line categories, after the commit header', () => {
    expect(format).toBe('context');
    expect(pack.name).toBe('Infra');
    expect(pack.description).toMatch(/^Terragrunt-managed homelab/);
    expect(pack.terms).toHaveLength(35);
    expect([...new Set(pack.terms.map((t) => t.category))]).toEqual([
      'Code organization',
      'Cluster',
      'Networking',
      'Storage',
      'Data',
      'Secrets',
      'CI/CD',
    ]);
    expect(headwords(pack).slice(0, 3)).toEqual(['Service', 'Stack', 'Module']);
    expect(headwords(pack).at(-1)).toBe('Anubis');
    expect(warnings).toHaveLength(2);
    expect(warnings[1]).toMatch(/:114-115: "Example dialogue" is not glossary terms: skipped/);
  });

  it('reads `Term: definition … Avoid: …` on one line and `Term:` alone on a line', () => {
    expect(termNamed(pack, 'PVE node')).toMatchObject({
      aliases: ['PVE host'],
      definition: 'The single physical Dell R730 running Proxmox; sole hypervisor and sole NFS server. There is exactly one.',
      avoid: ['server', 'hypervisor', 'Proxmox'],
      category: 'Cluster',
    });
    // "Convention: …" is Vault path's definition, not a term.
    expect(termNamed(pack, 'Vault path').definition).toMatch(/^Convention: secret\/<service>/);
    expect(termNamed(pack, 'Ingress auth').avoid).toEqual(['auth tier', 'auth mode']);
    expect(termNamed(pack, 'Ingress auth').notes).toContain(
      'Avoid: "auth tier" / "auth mode" — refer to it by the canonical key, auth (e.g. auth = "required"). "tier" is reserved for State tier and Namespace tier.',
    );
  });

  it('attaches each flagged ambiguity to every term it names', () => {
    const tier = (pack.terms.find((t) => t.term === 'State tier')?.notes ?? []).find((n) => n.startsWith('Flagged ambiguity: "tier"'));
    expect(tier).toBeDefined();
    for (const name of ['State tier', 'Namespace tier', 'Ingress auth']) expect(termNamed(pack, name).notes).toContain(tier);
    const policy = termNamed(pack, 'Kyverno policy').notes?.find((n) => n.startsWith('Flagged ambiguity: "policy"'));
    expect(termNamed(pack, 'Calico').notes).toContain(policy);
    const node = termNamed(pack, 'Node').notes?.find((n) => n.startsWith('Flagged ambiguity: "node"'));
    expect(termNamed(pack, 'PVE node').notes).toContain(node);
    const secret = termNamed(pack, 'Sealed Secret').notes?.find((n) => n.startsWith('Flagged ambiguity: "secret"'));
    expect(termNamed(pack, 'ExternalSecret').notes).toContain(secret);
    // Every one of the six bullets is kept somewhere.
    const kept = new Set(pack.terms.flatMap((t) => (t.notes ?? []).filter((n) => n.startsWith('Flagged ambiguity:'))));
    expect(kept.size).toBe(6);
  });
});

describe('context importer: fenced code', () => {
  it("keeps a fenced block in the term's details, and does not read its `# comment` lines as headings", () => {
    const text = [
      '# Deploy context',
      '',
      '## Language',
      '',
      '### Releases',
      '',
      '**Release**:',
      'A tagged build that is deployed to production.',
      '_Avoid_: version',
      '',
      '```sh',
      '# tag a release',
      'git tag v1.2.3',
      '```',
      '',
      '**Rollback**:',
      'Going back to the previous release.',
      '_Avoid_: revert',
      '',
    ].join('\n');
    const { pack, format, warnings } = imported({ kind: 'text', name: 'fence.md', text });
    expect(format).toBe('context');
    expect(headwords(pack)).toEqual(['Release', 'Rollback']);
    expect(termNamed(pack, 'Release')).toMatchObject({
      definition: 'A tagged build that is deployed to production.',
      details: '```sh\n# tag a release\ngit tag v1.2.3\n```',
      category: 'Releases',
      avoid: ['version'],
    });
    expect(termNamed(pack, 'Rollback')).toMatchObject({ category: 'Releases', avoid: ['revert'] });
    expect(warnings).toEqual([]);
  });

  it('reads the definition after a fence that comes first, and keeps an unclosed fence, saying so', () => {
    const text = [
      '## Deploys',
      '',
      '**Deploy**:',
      '```sh',
      '# run it',
      'make deploy',
      '```',
      'Pushing a release to the cluster.',
      '_Avoid_: ship',
      '',
      '**Pin**:',
      'Holding a service at one version.',
      '_Avoid_: freeze',
      '',
      '~~~',
      '# not a heading',
      '**Thaw**: not a term',
      '',
    ].join('\n');
    const { pack, warnings } = imported({ kind: 'text', name: 'first.md', text });
    expect(headwords(pack)).toEqual(['Deploy', 'Pin']);
    expect(termNamed(pack, 'Deploy')).toMatchObject({
      definition: 'Pushing a release to the cluster.',
      details: '```sh\n# run it\nmake deploy\n```',
      avoid: ['ship'],
      category: 'Deploys',
    });
    expect(termNamed(pack, 'Pin')).toMatchObject({ details: '~~~\n# not a heading\n**Thaw**: not a term', category: 'Deploys' });
    expect(warnings).toEqual(['first.md:15:1: code fence is never closed: kept the rest of the file as code']);
  });
});
