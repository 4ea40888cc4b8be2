import { describe, expect, it } from 'vitest';
import { detectFormat, importGlossary } from '../../../lib/glossary/importers/index';
import { fixture, headwords, imported, seed, SEEDS, termNamed } from './helpers';

describe('bold importer: fixture', () => {
  const { pack, format, warnings } = imported(fixture('bold.md'));

  it('detects the shape and reads title, intro and every entry', () => {
    expect(format).toBe('bold');
    expect(detectFormat(fixture('bold.md'))).toBe('bold');
    expect(pack.name).toBe('Runbook Glossary');
    expect(pack.id).toBe('runbook-glossary');
    expect(pack.description).toBe('Terms used across the on-call runbook. Cross-referenced to chapters.');
    expect(headwords(pack)).toEqual(['PDB', 'Secret', 'kubectl', 'WAL', 'advisory lock', 'CR']);
    expect(warnings).toEqual([]);
  });

  it('joins wrapped definitions, files terms under their ## heading and lifts chapter references into see', () => {
    const pdb = termNamed(pack, 'PDB');
    expect(pdb.definition).toBe('Limits how many Pods of an app may be down at once during voluntary disruptions.');
    expect(pdb.aliases).toEqual(['PodDisruptionBudget']);
    expect(pdb.category).toBe('Kubernetes');
    expect(pdb.see).toEqual(['Chapter 7']);
    expect(termNamed(pack, 'kubectl').see).toEqual(['Chapters 2, 17']);
    // "(Chapter 19)." ends the sentence: the full stop stays with the definition.
    const lock = termNamed(pack, 'advisory lock');
    expect(lock.definition).toBe('A Postgres lock apps take voluntarily. Source of bug #6.');
    expect(lock.see).toEqual(['Chapter 19']);
    expect(lock.category).toBe('Databases');
  });

  it('keeps a second paragraph as details and splits headwords', () => {
    const wal = termNamed(pack, 'WAL');
    expect(wal.details).toBe('Replaying the WAL on top of a base backup is point-in-time recovery.');
    expect(termNamed(pack, 'Secret', 'Kubernetes').definition).toBe('An object holding sensitive values. Base64, not encrypted.');
    expect(termNamed(pack, 'CR').aliases).toEqual(['CRD']);
  });
});

describe('bold importer: malformed input', () => {
  it('skips bold lines without a definition and stray prose, naming each line', () => {
    const { pack, warnings } = imported(fixture('bold-malformed.md'));
    expect(headwords(pack)).toEqual(['Good', 'Second good']);
    expect(warnings).toEqual([
      'fixtures/bold-malformed.md:5:1: text outside any entry: "Some stray prose before any term.": skipped',
      'fixtures/bold-malformed.md:7:1: "Orphan" has no definition: skipped',
      'fixtures/bold-malformed.md:11:1: "Empty" has no definition: skipped',
    ]);
  });

  it('fails, rather than returning an empty pack, when no bold line has a definition', () => {
    const result = importGlossary({ kind: 'text', name: 'empty.md', text: '## A\n\n**One**:\n\n**Two**:\n' }, { format: 'bold' });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error).toContain('no terms found as bold');
      expect(result.error).toContain('empty.md:3:1: "One" has no definition');
    }
  });
});

describe('bold importer: seed 001 (Markdown captured from a code viewer)', () => {
  const { pack, format, warnings } = imported(seed(SEEDS.appendixA));

  it('drops the commit header and the stray | lines, and reads all 64 distinct terms', () => {
    expect(format).toBe('bold');
    expect(pack.name).toBe('Appendix A — Glossary');
    expect(pack.description).toBe('Alphabetical. Cross-referenced to chapters where each term is used in detail.');
    // 65 bold entries; the second VXLAN ("See Docker/Swarm section.") is a cross-reference.
    expect(pack.terms).toHaveLength(64);
    expect(warnings[0]).toMatch(/deployment-book\.txt:1-8: skipped the capture header/);
    expect(warnings[1]).toMatch(/:583:1: "VXLAN" again, as a cross-reference/);
    expect(pack.terms.some((t) => /\|/.test(t.term) || /\|/.test(t.definition))).toBe(false);
  });

  it('keeps every category, in source order', () => {
    const categories = [...new Set(pack.terms.map((t) => t.category))];
    expect(categories).toEqual([
      'Kubernetes / k3s',
      'Docker / Swarm',
      'Cloudflare',
      'Hetzner',
      'Neon',
      'Backblaze B2',
      'Go + Asynq',
      'Other',
    ]);
    expect(pack.terms.every((t) => (t.see ?? []).length === 1 && /^Chapter \d+$/.test(t.see?.[0] ?? ''))).toBe(true);
  });

  it('joins definitions wrapped over several lines, keeping inline code', () => {
    expect(termNamed(pack, 'goose').definition).toBe(
      'pressly/goose — the SQL migration tool we use in production (commit 12b2f9d onward). Migration files live in `migrations/`, one file per version with `-- +goose Up` / `-- +goose Down` markers.',
    );
    const hpa = termNamed(pack, 'HPA');
    expect(hpa.aliases).toEqual(['HorizontalPodAutoscaler']);
    expect(hpa.see).toEqual(['Chapter 7']);
    expect(termNamed(pack, 'mode: global').definition).toBe('Swarm deploy mode for services running one pod per node.');
    expect(termNamed(pack, 'VXLAN').notes).toEqual(['Also listed under Other: See Docker/Swarm section.']);
  });
});

describe('bold importer: seed 003 (rendered page after a long commit message)', () => {
  const { pack, format } = imported(seed(SEEDS.appendixAOld));

  it('reads the rendered `Term: definition` lines under plain heading lines', () => {
    expect(format).toBe('bold');
    expect(pack.name).toBe('Appendix A — Glossary');
    expect(pack.terms).toHaveLength(62);
    expect(termNamed(pack, 'ClusterIP').category).toBe('Kubernetes / k3s');
    expect(termNamed(pack, 'advisory lock').category).toBe('Other');
    // A headword holding a colon: "mode: host: Port publishing mode…".
    expect(termNamed(pack, 'mode: host').definition).toBe(
      "Port publishing mode that binds to node's real interface, bypassing the ingress mesh.",
    );
    // A definition wrapped after a full stop still continues ("… honeydue." / "System services …").
    expect(termNamed(pack, 'Namespace').definition).toBe(
      'Kubernetes logical grouping. Our app lives in honeydue. System services in kube-system.',
    );
  });

  it('does not turn the commit message into terms', () => {
    const names = headwords(pack).join('\n');
    for (const noise of ['Infrastructure', 'Co-Authored-By', 'Bug fixes', 'Documentation', 'New files', 'Dockerfile']) {
      expect(names).not.toContain(noise);
    }
    expect(pack.terms[0]?.term).toBe('ClusterIP');
  });
});

describe('bold importer: remarks inside an entry', () => {
  it('reads "**Note**:" and "**Warning:**" lines as text of the entry above, not as terms', () => {
    const text = [
      '## Kubernetes',
      '',
      '**Pod**: The smallest deployable unit.',
      '',
      '**Note**: pods are ephemeral.',
      '',
      '**PDB**: Limits voluntary disruptions.',
      '**Warning:** an empty selector matches every pod.',
      '',
      '**Tip**: outside any entry is still not a term.',
    ].join('\n');
    const { pack, warnings } = imported({ kind: 'text', name: 'remarks.md', text: `**Node**: A machine.\n\n${text}\n` });
    expect(headwords(pack)).toEqual(['Node', 'Pod', 'PDB']);
    expect(termNamed(pack, 'Pod').details).toBe('**Note**: pods are ephemeral.');
    expect(termNamed(pack, 'PDB').definition).toBe('Limits voluntary disruptions. **Warning:** an empty selector matches every pod.');
    // The last remark follows a blank line after PDB's definition: PDB's details.
    expect(termNamed(pack, 'PDB').details).toBe('**Tip**: outside any entry is still not a term.');
    expect(warnings).toEqual([]);
  });
});

describe('bold importer: fenced code', () => {
  const read = (name: string, lines: string[]) => imported({ kind: 'text', name, text: [...lines, ''].join('\n') });

  it("keeps a fenced block in the entry's details, and does not read its `# comment` lines as headings", () => {
    const { pack, warnings } = read('fence.md', [
      '# Runbook',
      '',
      '## Databases',
      '',
      '**Backup**: Take a dump of the database.',
      '',
      '```sh',
      '# dump the database',
      'pg_dump app > app.sql',
      '',
      '**not**: a term',
      '```',
      '',
      'Keep the dump for a week.',
      '',
      '**Restore**: Load a dump.',
    ]);
    expect(headwords(pack)).toEqual(['Backup', 'Restore']);
    expect(termNamed(pack, 'Backup')).toMatchObject({
      definition: 'Take a dump of the database.',
      details: '```sh\n# dump the database\npg_dump app > app.sql\n\n**not**: a term\n```\n\nKeep the dump for a week.',
      category: 'Databases',
    });
    expect(termNamed(pack, 'Restore').category).toBe('Databases');
    expect(warnings).toEqual([]);
  });

  it('reads ~~~ fences and a fence right after the definition line, and text after it as details', () => {
    const { pack } = read('tilde.md', [
      '## Shell',
      '',
      '**Alias**: A short name for a command:',
      '~~~bash',
      '## not a heading',
      'alias k=kubectl',
      '~~~',
      'Put it in your shell profile.',
      '',
      '**Prompt**: What the shell prints before input.',
    ]);
    expect(headwords(pack)).toEqual(['Alias', 'Prompt']);
    expect(termNamed(pack, 'Alias')).toMatchObject({
      definition: 'A short name for a command:',
      details: '~~~bash\n## not a heading\nalias k=kubectl\n~~~\n\nPut it in your shell profile.',
      category: 'Shell',
    });
    expect(termNamed(pack, 'Prompt').category).toBe('Shell');
  });

  it('keeps an unclosed fence to the end of the file, and says so', () => {
    const { pack, warnings } = read('open.md', [
      '## Shell',
      '',
      '**Alias**: A short name.',
      '',
      '```sh',
      '# comment',
      'alias k=kubectl',
      '',
      '**Prompt**: not a term inside the fence.',
    ]);
    expect(headwords(pack)).toEqual(['Alias']);
    expect(termNamed(pack, 'Alias').details).toBe('```sh\n# comment\nalias k=kubectl\n\n**Prompt**: not a term inside the fence.');
    expect(warnings).toEqual(['open.md:5:1: code fence is never closed: kept the rest of the file as code']);
  });

  it('warns about a fenced block outside any entry rather than dropping it silently', () => {
    const { pack, warnings } = read('stray.md', [
      '## Shell',
      '',
      '**Alias**: A short name.',
      '',
      '## Other',
      '',
      '```sh',
      '# comment',
      '```',
      '',
      '**Prompt**: What the shell prints.',
    ]);
    expect(headwords(pack)).toEqual(['Alias', 'Prompt']);
    expect(termNamed(pack, 'Prompt').category).toBe('Other');
    expect(warnings).toEqual(['stray.md:7-9: code block outside any entry: skipped']);
  });
});

describe('bold importer: linked headwords', () => {
  it('takes the link text as the headword and keeps an absolute URL in see', () => {
    const text = [
      '## Kubernetes',
      '',
      '**[Pod](https://kubernetes.io/docs/concepts/workloads/pods/)**: The smallest deployable unit. (Chapter 3)',
      '',
      '**[Job](jobs.md)**: Runs to completion.',
      '',
    ].join('\n');
    const { pack, warnings } = imported({ kind: 'text', name: 'links.md', text });
    expect(headwords(pack)).toEqual(['Pod', 'Job']);
    const pod = termNamed(pack, 'Pod');
    expect(pod.qualifier).toBeUndefined();
    expect(pod.see).toEqual(['Chapter 3', 'https://kubernetes.io/docs/concepts/workloads/pods/']);
    expect(termNamed(pack, 'Job')).toMatchObject({ aliases: [], see: [] });
    expect(warnings).toEqual([]);
  });
});
