// The shapes added beside the bundled ones: what each reads beyond its fixture, and the messages.
import { describe, expect, it } from 'vitest';
import { importGlossary } from '../../../lib/glossary/importers/index';
import { imported, termNamed } from './helpers';

const text = (name: string, ...lines: string[]) => ({ kind: 'text' as const, name, text: lines.join('\n') });

describe('new shapes', () => {
  it('data: a mapping of term → block scalar: first paragraph, "Also known as" aliases, details', () => {
    const { pack, format } = imported(
      text(
        'glossary.yaml',
        'cgroups: |',
        '  cgroups limits the resource usage of processes.',
        '',
        '  *Also known as control groups*',
        'Compose: |',
        '  A tool for multi-container apps.',
        '',
        '  More on Compose.',
      ),
    );
    expect(format).toBe('data');
    expect(termNamed(pack, 'cgroups')).toMatchObject({
      definition: 'cgroups limits the resource usage of processes.',
      aliases: ['control groups'],
    });
    expect(termNamed(pack, 'Compose').details).toBe('More on Compose.');
  });

  it('data: YAML errors carry file:line:col', () => {
    const r = importGlossary(text('bad.yaml', '- term: a', '  definition: [unclosed'), { format: 'data' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/^bad\.yaml:\d+:\d+: /);
  });

  it('csv: columns from the header, aliases split, other columns kept as details, positions by line', () => {
    const { pack, format, warnings } = imported(
      text(
        'terms.csv',
        'Name,Description,Also known as,Owner',
        'PDB,"Limits voluntary disruptions, per app.",PodDisruptionBudget,platform',
        'WAL,,,db',
        '',
      ),
    );
    expect(format).toBe('csv');
    expect(termNamed(pack, 'PDB')).toMatchObject({
      definition: 'Limits voluntary disruptions, per app.',
      aliases: ['PodDisruptionBudget'],
      details: 'Owner: platform',
    });
    expect(warnings).toEqual(['terms.csv:3:1: "WAL" has an empty Description cell: skipped']);
  });

  it('csv: a header without a term or definition column is named as the closest shape', () => {
    const r = importGlossary(text('people.csv', 'first,last', 'Ada,Lovelace', ''));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toContain('Closest shape: csv: a spreadsheet, but its header (first, last) names no term column');
  });

  it('tbx: deprecated terms become words to avoid; the concept definition is read', () => {
    const tbx = [
      '<martif type="TBX" xml:lang="en"><text><body>',
      '<termEntry id="1"><descrip type="definition">A staged rollout.</descrip>',
      '<langSet xml:lang="en"><tig><term>canary release</term></tig><tig><term>canary deploy</term><termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></tig></langSet>',
      '</termEntry></body></text></martif>',
    ];
    const { pack, format } = imported(text('t.tbx', ...tbx));
    expect(format).toBe('tbx');
    expect(termNamed(pack, 'canary release')).toMatchObject({ definition: 'A staged rollout.', avoid: ['canary deploy'], aliases: [] });
  });

  it('html: a <dl> in Markdown is read, a <dl> inside a code block is not', () => {
    const md = [
      '# G',
      '',
      '```html',
      '<dl><dt>Example</dt><dd>Not a term.</dd></dl>',
      '```',
      '',
      '<dl>',
      '<dt>Pod</dt><dd>The smallest unit.</dd>',
      '<dt>Node</dt><dd>A machine.</dd>',
      '</dl>',
      '',
    ];
    const { pack, format } = imported(text('g.md', ...md));
    expect(format).toBe('html');
    expect(pack.terms.map((t) => t.term)).toEqual(['Pod', 'Node']);
  });

  it('deflist: several term lines name one term and its aliases; a second definition is details', () => {
    const { pack } = imported(
      text(
        'd.md',
        'PVC',
        'PersistentVolumeClaim',
        ': A request for storage.',
        ': Bound to a volume.',
        '',
        'Pod',
        ':   The smallest unit.',
        '',
      ),
    );
    expect(termNamed(pack, 'PVC')).toMatchObject({
      aliases: ['PersistentVolumeClaim'],
      definition: 'A request for storage.',
      details: 'Bound to a volume.',
    });
  });

  it('sphinx: reST roles, literals and links become inline Markdown', () => {
    const rst = [
      '.. glossary::',
      '',
      '   pod',
      '      Runs ``containers``; see :term:`node` and `the docs <https://k8s.io/>`_.',
      '',
      '   node',
      '      A machine.',
      '',
    ];
    const { pack } = imported(text('g.rst', ...rst));
    expect(termNamed(pack, 'pod').definition).toBe('Runs `containers`; see node and [the docs](https://k8s.io/).');
  });

  it('asciidoc: `term::` with the definition on the next lines, under a section', () => {
    const { pack, format } = imported(
      text('g.adoc', '= Glossary', '', '== Storage', '', 'PVC::', '  A request for storage.', 'PV:: A volume.', ''),
    );
    expect(format).toBe('asciidoc');
    expect(termNamed(pack, 'PVC')).toMatchObject({ definition: 'A request for storage.', category: 'Storage' });
  });

  it('context: fetched from github.com/org/repo, a CONTEXT.md gets that repo as its scope; other shapes none', () => {
    const ctx = [
      '## Language',
      '',
      '**Order**:',
      'A confirmed request.',
      '_Avoid_: purchase',
      '',
      '**Quote**:',
      'A priced offer.',
      '_Avoid_: estimate',
      '',
    ];
    expect(imported(text('CONTEXT.md', ...ctx), { source: 'https://github.com/Acme/Shop/blob/main/CONTEXT.md' }).pack.scope).toEqual([
      'github.com/acme/shop',
    ]);
    expect(
      imported(text('g.md', '- **Pod** A unit.', '- **Node** A machine.'), { source: 'https://github.com/acme/shop/blob/main/g.md' }).pack
        .scope,
    ).toBeUndefined();
  });

  it('positions: every warning of the tree-read shapes names file:line:col', () => {
    const { warnings } = imported(text('b.md', '- **Pod** A unit.', '- **Empty**', '- **Node** A machine.'));
    expect(warnings).toEqual(['b.md:2:3: "Empty" has no definition: skipped']);
  });
});
