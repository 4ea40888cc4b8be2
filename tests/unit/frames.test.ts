import { describe, expect, it } from 'vitest';
import { mergeFrameTerms, TermCursor } from '../../lib/frames';

const term = (key: string, count: number, text = key.replace(/^term:/, '')) => ({ key, text, count });

describe('a tab’s frames as one page', () => {
  it('adds up each frame’s counts, most frequent first, ties in the order first met', () => {
    const merged = mergeFrameTerms([
      { frameId: 0, terms: [term('term:kubelet', 2), term('term:cnpg', 1), term('term:pdb', 1)] },
      { frameId: 7, terms: [term('term:pdb', 3, 'PDB'), term('term:argo', 1)] },
      { frameId: 9, terms: [term('term:kubelet', 1, 'Kubelet'), term('term:gone', 0)] },
    ]);
    expect(merged.map((t) => [t.key, t.text, t.count])).toEqual([
      ['term:pdb', 'pdb', 4],
      ['term:kubelet', 'kubelet', 3],
      ['term:cnpg', 'cnpg', 1],
      ['term:argo', 'argo', 1],
    ]);
    expect(merged[0]!.frames).toEqual([
      { frameId: 0, count: 1 },
      { frameId: 7, count: 3 },
    ]);
  });

  it('walks a term’s occurrences frame by frame, the top frame first, then back to it', () => {
    const [kubelet] = mergeFrameTerms([
      { frameId: 0, terms: [term('term:kubelet', 2)] },
      { frameId: 4, terms: [term('term:kubelet', 1)] },
    ]);
    // Each frame cycles through its own occurrences, as the content script does.
    const cycles = new Map<number, number>();
    const frameScroll = (frameId: number) => {
      const count = kubelet!.frames.find((f) => f.frameId === frameId)!.count;
      const index = (cycles.get(frameId) ?? -1) + 1;
      cycles.set(frameId, index % count);
      return { index: index % count, count };
    };
    const cursor = new TermCursor();
    const seen: string[] = [];
    for (let i = 0; i < 4; i++) {
      const frameId = cursor.frameFor(kubelet!)!;
      const r = frameScroll(frameId);
      const at = cursor.answered(kubelet!, frameId, r.index, r.count);
      seen.push(`frame ${frameId}: ${at.index + 1} of ${at.count}`);
    }
    expect(seen).toEqual(['frame 0: 1 of 3', 'frame 0: 2 of 3', 'frame 4: 3 of 3', 'frame 0: 1 of 3']);
  });

  it('moves on from a frame that no longer has the term', () => {
    const [pdb] = mergeFrameTerms([
      { frameId: 0, terms: [term('term:pdb', 1)] },
      { frameId: 3, terms: [term('term:pdb', 2)] },
    ]);
    const cursor = new TermCursor();
    expect(cursor.frameFor(pdb!)).toBe(0);
    cursor.answered(pdb!, 0, -1, 0);
    expect(cursor.frameFor(pdb!)).toBe(3);
  });
});
