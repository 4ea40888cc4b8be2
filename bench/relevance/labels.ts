// Labels: one file per corpus page (bench/relevance/labels/<page>.json) with every candidate occurrence
// and a reader's judgement of it. Regenerating the candidates (the page or the packs changed) keeps each
// existing judgement by what the occurrence is and reads next to (text and context), not by position.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LABELS_DIR, RELEVANCE_DIR, type Candidate } from './candidates';

export interface CorpusPage {
  /** File name in pages/ without .html, and of its label file. */
  page: string;
  /** Where the page was (it is loaded at this URL in the browser). */
  url: string;
  /** On the bundled packs' topics (Kubernetes, Argo CD, CNPG, cert-manager, Traefik, k3s, Helm, Grafana) or not. */
  topic: 'on' | 'off';
  /** What view it is: github-pr-conversation, github-pr-files, github-issue, github-commit, docs, grafana, argocd… */
  view: string;
  /**
   * Site settings the page is read with, as the popup sets them for its host. Files-changed and
   * commit pages are read with `scanDiffs` on: their diff code is what they are, and with the
   * default (off) a reader sees only their titles highlighted.
   */
  site?: { scanDiffs?: boolean };
}

export interface LabeledCandidate extends Candidate {
  /**
   * A reader of this page would want this occurrence explained in the glossary's sense, and it is in
   * what people wrote (not the site's interface, not a field name, flag, path or user-chosen name).
   * null: not labeled yet.
   */
  relevant: boolean | null;
  /** One line: why. */
  reason: string;
  /** For a word some pack avoids: whether flagging it here is warranted (only inside that pack's scope, in that sense). */
  avoidWarranted?: boolean | null;
}

export interface LabelFile {
  page: string;
  url: string;
  candidates: LabeledCandidate[];
}

export function readCorpus(): CorpusPage[] {
  return JSON.parse(readFileSync(join(RELEVANCE_DIR, 'corpus.json'), 'utf8')) as CorpusPage[];
}

export function labelPath(page: string): string {
  return join(LABELS_DIR, `${page}.json`);
}

export function readLabels(page: string): LabelFile | null {
  const path = labelPath(page);
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as LabelFile) : null;
}

export function writeLabels(file: LabelFile): void {
  // One candidate per line: diffs of a relabeling stay readable.
  const lines = file.candidates.map((c) => `    ${JSON.stringify(c)}`);
  writeFileSync(
    labelPath(file.page),
    `{\n  "page": ${JSON.stringify(file.page)},\n  "url": ${JSON.stringify(file.url)},\n  "candidates": [\n${lines.join(',\n')}\n  ]\n}\n`,
  );
}

const contextKey = (c: Pick<Candidate, 'text' | 'before' | 'after'>) => `${c.text}\u0000${c.before}\u0000${c.after}`;

/**
 * Fresh candidates with the judgements of `old` carried over: matched by text and context; when the same
 * text and context occur several times, by order of appearance. Returns the merged list and how many
 * old labels found no candidate (dropped).
 */
export function mergeLabels(
  fresh: readonly Candidate[],
  old: readonly LabeledCandidate[],
): { candidates: LabeledCandidate[]; dropped: LabeledCandidate[] } {
  const pool = new Map<string, LabeledCandidate[]>();
  for (const c of old) {
    const list = pool.get(contextKey(c)) ?? [];
    list.push(c);
    pool.set(contextKey(c), list);
  }
  const candidates = fresh.map((c): LabeledCandidate => {
    const prior = pool.get(contextKey(c))?.shift();
    const merged: LabeledCandidate = { ...c, relevant: prior?.relevant ?? null, reason: prior?.reason ?? '' };
    if (c.avoidOf.length > 0) merged.avoidWarranted = prior?.avoidWarranted ?? null;
    return merged;
  });
  const dropped = [...pool.values()].flat().filter((c) => c.relevant !== null);
  return { candidates, dropped };
}
