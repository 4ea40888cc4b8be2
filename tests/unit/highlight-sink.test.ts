// The registry side of the highlighter (lib/scan/dom.ts): a session that stops takes out only what it
// registered. happy-dom has no CSS Custom Highlight API, so a minimal registry stands in for it.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cssHighlightSink, highlightNames } from '../../lib/scan/dom';

class FakeHighlight extends Set<AbstractRange> {
  priority = 0;
}

let registry: Map<string, FakeHighlight>;

beforeEach(() => {
  registry = new Map();
  vi.stubGlobal('Highlight', FakeHighlight);
  vi.stubGlobal('CSS', { highlights: registry });
});
afterEach(() => vi.unstubAllGlobals());

const range = () => ({}) as AbstractRange;

describe('cssHighlightSink', () => {
  const names = highlightNames('background')!;

  it('registers one highlight per kind under the style’s names, avoid words painted over terms', () => {
    const sink = cssHighlightSink(names);
    const r = range();
    sink.add('term', r);
    expect([...registry.keys()].sort()).toEqual([names.avoid, names.term].sort());
    expect(registry.get(names.term)!.has(r)).toBe(true);
    expect(registry.get(names.avoid)!.priority).toBeGreaterThan(registry.get(names.term)!.priority);
    sink.delete('term', r);
    expect(registry.get(names.term)!.size).toBe(0);
  });

  it('dispose() unregisters its own names', () => {
    const sink = cssHighlightSink(names);
    sink.add('avoid', range());
    sink.dispose();
    expect(registry.size).toBe(0);
  });

  it('dispose() leaves alone the names a newer sink registered since (sessions overlapping during a settings change)', () => {
    const older = cssHighlightSink(names);
    const newer = cssHighlightSink(names);
    const r = range();
    newer.add('term', r);
    older.dispose();
    expect(registry.get(names.term)!.has(r)).toBe(true);
    expect(registry.get(names.avoid)).toBeDefined();
    newer.dispose();
    expect(registry.size).toBe(0);
  });

  it('a sink under other names (a style change) does not touch the first one’s', () => {
    const background = cssHighlightSink(names);
    const underline = cssHighlightSink(highlightNames('underline')!);
    background.dispose();
    expect([...registry.keys()].sort()).toEqual(Object.values(highlightNames('underline')!).sort());
    underline.dispose();
    expect(registry.size).toBe(0);
  });
});
