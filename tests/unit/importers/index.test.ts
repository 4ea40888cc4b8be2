import { describe, expect, it } from 'vitest';
import { emitPack } from '../../../lib/glossary/emit';
import { detectFormat, FORMAT_NAMES, importGlossary } from '../../../lib/glossary/importers/index';
import { parsePack } from '../../../lib/glossary/validate';
import { fixture, fixtureFolder, imported, seed, SEEDS, termNamed } from './helpers';

describe('detectFormat', () => {
  it.each([
    ['bold.md', 'bold'],
    ['table.md', 'table'],
    ['headings.md', 'headings'],
    ['context.md', 'context'],
    ['docs-site.txt', 'docs-site'],
    ['pack.yaml', 'pack'],
    ['pack.json', 'pack'],
  ])('%s → %s', (file, format) => {
    expect(detectFormat(fixture(file))).toBe(format);
  });

  it.each([
    [SEEDS.platformGuide, 'docs-site'],
    [SEEDS.appendixA, 'bold'],
    [SEEDS.appendixB, 'table'],
    [SEEDS.appendixAOld, 'bold'],
    [SEEDS.homelabContext, 'context'],
  ])('seed %s → %s', (file, format) => {
    expect(detectFormat(seed(file))).toBe(format);
  });

  it('detects a folder and nothing in plain prose', () => {
    expect(detectFormat(fixtureFolder('folder'))).toBe('folder');
    expect(detectFormat(fixture('none.txt'))).toBeUndefined();
  });
});

describe('importGlossary', () => {
  it('says a binary file is not a text file, and where a broken JSON file breaks', () => {
    const png = importGlossary({ kind: 'text', name: 'logo.png', text: '\u0089PNG\r\n\u001a\n\u0000\u0000\u0000\rIHDR' });
    expect(png).toMatchObject({ ok: false, error: expect.stringMatching(/^logo\.png is not a text file \(it holds binary data\)\./) });
    expect(importGlossary({ kind: 'text', name: 'terms.json', text: '{"terms": [{"term": "A", "definition": "x"' })).toEqual({
      ok: false,
      error: "terms.json:1:43: JSON error: Expected ',' or '}' after property value",
    });
    expect(importGlossary({ kind: 'text', name: 'terms.json', text: '{\n  "a": 1,,\n}' })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^terms\.json:2:10: JSON error: /),
    });
  });

  it('reads a glossary of one term', () => {
    const bold = importGlossary({ kind: 'text', name: 'one.md', text: '# Glossary\n\n**Frobnicator**: The service that frobs.\n' });
    expect(bold).toMatchObject({
      ok: true,
      format: 'bold',
      pack: { terms: [{ term: 'Frobnicator', definition: 'The service that frobs.' }] },
    });
    const heading = importGlossary({ kind: 'text', name: 'one.md', text: '# Glossary\n\n## Frobnicator\n\nThe service that frobs.\n' });
    expect(heading).toMatchObject({ ok: true, format: 'headings', pack: { terms: [{ term: 'Frobnicator' }] } });
    expect(importGlossary({ kind: 'text', name: 'readme.md', text: '# My project\n\nSome text about it.\n' }).ok).toBe(false);
  });

  it('names every shape it tried when nothing matches, and never returns an empty pack', () => {
    const result = importGlossary(fixture('none.txt'));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toContain('fixtures/none.txt matches no glossary shape');
    for (const name of FORMAT_NAMES) expect(result.error).toContain(`  - ${name}: `);
  });

  it('rejects an unknown format name', () => {
    // @ts-expect-error: an unknown format from the command line
    const result = importGlossary(fixture('bold.md'), { format: 'wiki' });
    expect(result).toEqual({
      ok: false,
      error:
        'unknown format "wiki": use one of pack, tbx, data, csv, folder, docs-site, table, html, context, bold, bullets, deflist, sphinx, asciidoc, abbr, headings or auto',
    });
  });

  it('honours a forced format, and options for id, name, version and source', () => {
    const { pack, format } = imported(fixture('bold.md'), {
      format: 'bold',
      id: 'runbook',
      name: 'Runbook',
      version: '3.1',
      source: 'docs/glossary.md',
    });
    expect(format).toBe('bold');
    expect(pack).toMatchObject({ id: 'runbook', name: 'Runbook', version: '3.1', source: 'docs/glossary.md' });
  });

  it.each(Object.values(SEEDS))('imports seed %s into a pack that validates', (file) => {
    const { pack } = imported(seed(file));
    expect(pack.terms.length).toBeGreaterThan(30);
  });

  it('drops an alias another term already has, or that is another headword, with a warning', () => {
    const text = [
      '## One',
      '',
      '**CR / CRD**: Custom resource.',
      '',
      '**CRD**: The definition.',
      '',
      '**Custom Resource (CR)**: Again.',
      '',
    ].join('\n');
    const { pack, warnings } = imported({ kind: 'text', name: 'dupes.md', text });
    expect(termNamed(pack, 'CR').aliases).toEqual([]);
    expect(termNamed(pack, 'CRD').aliases ?? []).toEqual([]);
    expect(termNamed(pack, 'Custom Resource').aliases).toEqual([]);
    expect(warnings).toEqual([
      'dupes.md:3:1: alias "CRD" of "CR" is the headword of the term at dupes.md:5:1: dropped',
      'dupes.md:7:1: alias "CR" of "Custom Resource" is the headword of the term at dupes.md:3:1: dropped',
    ]);
  });

  it('merges a headword defined twice in the same section', () => {
    const text = ['## One', '', '**Pod**: First.', '', '**Pod**: Second. (Chapter 2)', ''].join('\n');
    const { pack, warnings } = imported({ kind: 'text', name: 'twice.md', text });
    expect(pack.terms).toHaveLength(1);
    expect(termNamed(pack, 'Pod')).toMatchObject({
      definition: 'First.',
      details: 'Also defined at twice.md:5:1: Second.',
      see: ['Chapter 2'],
    });
    expect(warnings).toEqual([
      'twice.md:5:1: "Pod" is defined twice (first at twice.md:3:1): merged into the first: its definition as details; see "Chapter 2"',
    ]);
  });

  it('merges every list field and the details of the second definition, and says what it merged', () => {
    const text = [
      '## Language',
      '',
      '**Order**:',
      'A confirmed request for goods.',
      '_Avoid_: purchase',
      '',
      '**Order / PO**:',
      'A purchase order.',
      '_Avoid_: purchase, transaction',
      '',
      'Orders are immutable once shipped.',
      '',
      '**Quote**:',
      'A priced offer that is not yet an Order.',
      '_Avoid_: estimate',
      '',
      '## Flagged ambiguities',
      '',
      '- "order" was used for both Quote and Order.',
      '',
    ].join('\n');
    const { pack, format, warnings } = imported({ kind: 'text', name: 'twice.md', text });
    expect(format).toBe('context');
    expect(pack.terms.map((t) => t.term)).toEqual(['Order', 'Quote']);
    const ambiguity = 'Flagged ambiguity: "order" was used for both Quote and Order.';
    expect(termNamed(pack, 'Order')).toMatchObject({
      definition: 'A confirmed request for goods.',
      details: 'Also defined at twice.md:7:1: A purchase order.\n\nOrders are immutable once shipped.',
      aliases: ['PO'],
      avoid: ['purchase', 'transaction'],
      notes: ['Avoid: purchase', ambiguity, 'Avoid: purchase, transaction'],
    });
    expect(warnings).toEqual([
      'twice.md:7:1: "Order / PO" is defined twice (first at twice.md:3:1): merged into the first: its definition and details as details; aliases "PO"; avoid "transaction"; notes "Avoid: purchase, transaction"',
    ]);
  });
});

describe('emitPack', () => {
  it('writes tidy YAML without empty lists or defaults, which parsePack reads back', () => {
    const { pack } = imported(fixture('bold.md'));
    const yaml = emitPack(pack, { header: ' generated' });
    expect(yaml.startsWith('# generated\n')).toBe(true);
    expect(yaml).not.toMatch(/: \[\]$/m);
    expect(yaml).not.toContain('match: word');
    expect(yaml).not.toContain('language: en');
    expect(yaml).toContain('    aliases: [PodDisruptionBudget]\n');
    const back = parsePack(yaml, 'x.yaml');
    expect(back.ok).toBe(true);
    if (back.ok) expect(back.pack.terms.map((t) => t.term)).toEqual(pack.terms.map((t) => t.term));
  });
});
