import { describe, expect, it } from 'vitest';
import { splitCells } from '../../../lib/glossary/importers/table';
import { importGlossary } from '../../../lib/glossary/importers/index';
import { fixture, headwords, imported, seed, SEEDS, termNamed } from './helpers';

describe('splitCells', () => {
  it('drops the outer pipes and keeps escaped ones', () => {
    expect(splitCells('| a | b \\| c | d |')).toEqual(['a', 'b | c', 'd']);
    expect(splitCells('spec vs status |')).toEqual(['spec vs status']);
  });
});

describe('table importer: fixture', () => {
  const { pack, format, warnings } = imported(fixture('table.md'));

  it('reads every row under its heading, with or without a reference column', () => {
    expect(format).toBe('table');
    expect(pack.name).toBe('Platform terms');
    expect(headwords(pack)).toEqual(['Pod', 'initContainer', 'Object', 'spec vs status', 'HPA', 'Service', 'Pipe | escaped']);
    expect(termNamed(pack, 'Pod')).toMatchObject({
      category: 'Workloads',
      see: ['01-core/01-pods.md'],
      definition: 'The smallest deployable unit.',
    });
    expect(termNamed(pack, 'Service')).toMatchObject({
      category: 'Networking',
      see: ['Chapter 3'],
      definition: 'A stable virtual endpoint for a set of Pods.',
    });
    expect(warnings).toEqual([]);
  });

  it('joins rows split over lines: a wrapped reference cell, and a code headword on its own line', () => {
    expect(termNamed(pack, 'Object')).toMatchObject({
      definition: 'A persisted entity in the API.',
      see: ['00-foundations/06-declarative-api-model.md'],
    });
    expect(termNamed(pack, 'spec vs status')).toMatchObject({
      definition: 'The universal divide between desired and observed state.',
      see: ['00-foundations/06-declarative-api-model.md'],
    });
  });

  it('splits headwords and several references', () => {
    const hpa = termNamed(pack, 'HPA');
    expect(hpa.aliases).toEqual(['HorizontalPodAutoscaler']);
    expect(hpa.see).toEqual(['06-prod/04-autoscaling.md', '10-cloud/06-nodes.md']);
    expect(termNamed(pack, 'initContainer').definition).toBe('Runs to completion before the app containers start.');
  });
});

describe('table importer: malformed input', () => {
  it('skips a table without a definition column and rows without a definition, naming the lines', () => {
    const { pack, warnings } = imported(fixture('table-malformed.md'));
    expect(headwords(pack)).toEqual(['Fine']);
    expect(warnings).toEqual([
      'fixtures/table-malformed.md:5:1: table has no definition column (header: Term | Covered in): skipped',
      'fixtures/table-malformed.md:13:1: table row has no definition cell (1 of 3 cells: "Lonely"): skipped',
      'fixtures/table-malformed.md:15:1: "Empty definition" has an empty definition cell: skipped',
    ]);
  });

  it('fails when no table has a definition column', () => {
    const text = '## A\n\n| Term | Covered in |\n|---|---|\n| Pod | x.md |\n| Job | y.md |\n';
    const result = importGlossary({ kind: 'text', name: 'refs.md', text });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toContain('refs.md:3:1: table has no definition column');
  });
});

describe('table importer: seed 002 (rendered tables, rows split where the headword was code)', () => {
  const { pack, format, warnings } = imported(seed(SEEDS.appendixB));

  it('reads all 513 rows in 15 sections', () => {
    expect(format).toBe('table');
    expect(pack.name).toBe('Appendix B — Glossary');
    expect(pack.terms).toHaveLength(513);
    const categories = [...new Set(pack.terms.map((t) => t.category))];
    expect(categories).toHaveLength(15);
    expect(categories[0]).toBe('Cluster architecture & the API model');
    expect(categories.at(-1)).toBe('Part 15 — Day-to-Day Production Operations terms');
    expect(pack.terms.every((t) => (t.see ?? []).length >= 1 && !(t.see ?? []).some((s) => s.includes('|')))).toBe(true);
  });

  it('joins the split rows', () => {
    expect(termNamed(pack, 'spec vs status')).toMatchObject({
      definition: 'The universal divide: humans/controllers write spec (desired); the owning controller/kubelet writes status (observed).',
      see: ['00-foundations/06-declarative-api-model.md'],
    });
    expect(termNamed(pack, 'Object').see).toEqual(['00-foundations/06-declarative-api-model.md']);
    expect(termNamed(pack, 'kubectl apply', '3-way merge').definition).toMatch(/^Declarative update that merges your manifest/);
    expect(termNamed(pack, 'Cloud LoadBalancer').aliases).toEqual(['Service type: LoadBalancer']);
    expect(termNamed(pack, 'eksctl').aliases).toEqual(['gcloud container clusters create', 'az aks create']);
  });

  it('keeps a headword defined in two sections as two senses, and says so', () => {
    expect(termNamed(pack, 'Service mesh').category).toBe('Networking');
    expect(termNamed(pack, 'Service mesh', 'Part 11 — Advanced Production Patterns').definition).toMatch(/^An infrastructure layer/);
    expect(warnings.some((w) => /:448:1: "Service mesh" is also defined at .*:137:1/.test(w))).toBe(true);
    // The second "Cluster API (CAPI)" may not claim the alias again.
    expect(termNamed(pack, 'Cluster API').aliases).toEqual(['CAPI']);
    expect(termNamed(pack, 'Cluster API', 'Part 11 — Advanced Production Patterns').aliases ?? []).toEqual([]);
    expect(warnings.some((w) => /alias "CAPI" of "Cluster API" is already an alias/.test(w))).toBe(true);
  });
});

describe('table importer: rows without outer pipes', () => {
  const read = (name: string, lines: string[]) => imported({ kind: 'text', name, text: [...lines, ''].join('\n') });

  it('reads each line as a row when the header has no outer pipes', () => {
    const { pack, format, warnings } = read('bare.md', [
      '# Terms',
      '',
      '## Workloads',
      '',
      'Term | Definition',
      '--- | ---',
      'Pod | Smallest unit.',
      'Node | A machine.',
    ]);
    expect(format).toBe('table');
    expect(headwords(pack)).toEqual(['Pod', 'Node']);
    expect(termNamed(pack, 'Pod')).toMatchObject({ definition: 'Smallest unit.', category: 'Workloads' });
    expect(termNamed(pack, 'Node').definition).toBe('A machine.');
    expect(warnings).toEqual([]);
  });

  it('reads each line as a row when the header has a leading pipe but no trailing one', () => {
    const { pack, warnings } = read('leading.md', [
      '## Workloads',
      '',
      '| Term | Definition | Covered in',
      '| --- | --- | ---',
      '| Pod | x | pods.md',
      '| Node | y',
      '| Job | z | jobs.md',
    ]);
    expect(headwords(pack)).toEqual(['Pod', 'Node', 'Job']);
    expect(termNamed(pack, 'Pod')).toMatchObject({ definition: 'x', see: ['pods.md'] });
    expect(termNamed(pack, 'Node').definition).toBe('y');
    expect(termNamed(pack, 'Job')).toMatchObject({ definition: 'z', see: ['jobs.md'] });
    expect(warnings).toEqual(['leading.md:6:1: table row has 2 of 3 cells: the missing cells are left empty']);
  });

  it('still joins a wrapped line without pipes onto the last cell of the row above', () => {
    const { pack } = read('wrapped.md', [
      '## Workloads',
      '',
      'Term | Definition',
      '--- | ---',
      'Node | A machine.',
      'Pod | The smallest',
      'deployable unit.',
      'Job | Runs to completion.',
    ]);
    expect(headwords(pack)).toEqual(['Node', 'Pod', 'Job']);
    expect(termNamed(pack, 'Pod').definition).toBe('The smallest deployable unit.');
  });

  it('starts a new row at a leading pipe once the row above has all its cells, even if it had no closing pipe', () => {
    const { pack, warnings } = read('mixed.md', [
      '## Workloads',
      '',
      '| Term | Definition |',
      '|---|---|',
      '| Pod | x',
      '| Node | y',
      '| Job | z |',
    ]);
    expect(headwords(pack)).toEqual(['Pod', 'Node', 'Job']);
    expect(termNamed(pack, 'Pod').definition).toBe('x');
    expect(termNamed(pack, 'Node').definition).toBe('y');
    expect(warnings).toEqual([]);
  });
});

describe('table importer: linked headwords', () => {
  it('takes the link text of a term cell as the headword, not an alias', () => {
    const text = [
      '## Workloads',
      '',
      '| Term | Definition | Covered in |',
      '|---|---|---|',
      '| [Pod](pods.md) | The smallest unit. | 01-core/01-pods.md |',
      '| [Job](https://kubernetes.io/docs/concepts/workloads/controllers/job/) | Runs to completion. | 01-core/02-jobs.md |',
      '',
    ].join('\n');
    const { pack } = imported({ kind: 'text', name: 'links.md', text });
    expect(headwords(pack)).toEqual(['Pod', 'Job']);
    expect(termNamed(pack, 'Pod')).toMatchObject({ aliases: [], see: ['01-core/01-pods.md'] });
    expect(termNamed(pack, 'Job')).toMatchObject({
      aliases: [],
      see: ['01-core/02-jobs.md', 'https://kubernetes.io/docs/concepts/workloads/controllers/job/'],
    });
  });
});
