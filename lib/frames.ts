// A tab's frames, seen by the popup as one page. The content script runs in every frame of a site
// Termlens may read, and each frame answers for its own document: the popup adds their terms up and
// walks a term's occurrences frame by frame, the top frame first.
import type { PageTerm } from './protocol';

export interface FrameTerms {
  frameId: number;
  terms: readonly PageTerm[];
}

/** A term of the whole tab, and how many of its occurrences each frame holds (frames in tab order). */
export interface TabTerm extends PageTerm {
  frames: ReadonlyArray<{ frameId: number; count: number }>;
}

/**
 * The terms of all frames, most frequent first; equal counts keep the order they were first met in
 * (the top frame's order first). A term keeps the text it was first found with.
 */
export function mergeFrameTerms(frames: readonly FrameTerms[]): TabTerm[] {
  const byKey = new Map<string, { key: string; text: string; count: number; frames: Array<{ frameId: number; count: number }> }>();
  for (const { frameId, terms } of frames) {
    for (const term of terms) {
      if (term.count <= 0) continue;
      let merged = byKey.get(term.key);
      if (!merged) byKey.set(term.key, (merged = { key: term.key, text: term.text, count: 0, frames: [] }));
      merged.count += term.count;
      merged.frames.push({ frameId, count: term.count });
    }
  }
  // Array.prototype.sort is stable: insertion order breaks ties.
  return [...byKey.values()].sort((a, b) => b.count - a.count);
}

/**
 * Where the next "scroll to" of a term goes. Each frame's content script cycles through its own
 * occurrences; the popup stays on a frame until that frame reports its last occurrence, then moves to
 * the next frame holding the term (after the last frame, back to the first).
 */
export class TermCursor {
  /** By term key: the position in the term's frame list that the next scroll asks. */
  private readonly at = new Map<string, number>();

  /** The frame to ask for the term's next occurrence. */
  frameFor(term: TabTerm): number | undefined {
    if (term.frames.length === 0) return undefined;
    const i = (this.at.get(term.key) ?? 0) % term.frames.length;
    return term.frames[i]!.frameId;
  }

  /**
   * A frame answered: it scrolled to its `index`-th of `count` occurrences. Returns the occurrence's
   * place in the whole tab (0-based) and the tab's count, for "kubelet: 4 of 5".
   */
  answered(term: TabTerm, frameId: number, index: number, count: number): { index: number; count: number } {
    const i = term.frames.findIndex((f) => f.frameId === frameId);
    if (i < 0) return { index, count };
    if (index >= count - 1) this.at.set(term.key, (i + 1) % term.frames.length);
    else this.at.set(term.key, i);
    const before = term.frames.slice(0, i).reduce((sum, f) => sum + f.count, 0);
    const total = term.frames.reduce((sum, f, j) => sum + (j === i ? count : f.count), 0);
    return { index: before + index, count: total };
  }
}
