// Runs scan work in time slices: a queue of scopes (the whole document, or what changed), each walked
// until the slice's budget is spent, each finished run matched and stored at once. The store is told
// where each walk starts and where its slices end, so it can place a walk's matches in document order
// without comparing positions one group at a time.
import type { Matcher, TextMatch } from '../matcher/types';
import type { ExcludeRule } from './classify';
import type { MatchStore } from './match-store';
import { ScopeWalk, type RunSink, type Scope, type TextRun } from './walker';

export type JobKind = 'scan' | 'update';

export interface JobStats {
  kind: JobKind;
  /** performance.now() when the job was queued. */
  start: number;
  /** Time spent working, summed over slices (the job's real cost). */
  active: number;
  slices: number;
  nodes: number;
  runs: number;
  matches: number;
  /** Characters of text matched. */
  chars: number;
}

export interface ScannerOptions {
  matcher: Matcher;
  store: MatchStore;
  exclude?: ExcludeRule;
  /** Called for each open shadow root found, so the caller can observe it. */
  onShadowRoot?: (root: ShadowRoot) => void;
  /** Keeps (in place) only the run's matches worth a highlight (lib/relevance/evidence.ts). */
  filter?: (run: TextRun, found: TextMatch[]) => void;
  now?: () => number;
}

export class Scanner {
  private readonly options: ScannerOptions;
  private readonly now: () => number;
  private queue: ScopeWalk[] = [];
  /** The walk at the head of the queue that the store was told about (beginWalk). */
  private begun: ScopeWalk | null = null;
  private job: JobStats | null = null;
  private readonly sink: RunSink;
  private readonly found: TextMatch[] = [];
  private readonly collect = (start: number, end: number, pattern: number) => {
    this.found.push({ start, end, pattern });
  };

  constructor(options: ScannerOptions) {
    this.options = options;
    this.now = options.now ?? (() => performance.now());
    this.sink = {
      run: (run: TextRun) => this.onRun(run),
      enterOwner: (owner: Node) => options.store.removeOwner(owner),
      shadowRoot: (root: ShadowRoot) => {
        options.onShadowRoot?.(root);
        this.queue.push(new ScopeWalk({ root, mode: 'deep' }, options.exclude));
      },
    };
  }

  /** What kind of job is running, if any. */
  get running(): JobKind | null {
    return this.job?.kind ?? null;
  }

  get matcher(): Matcher {
    return this.options.matcher;
  }

  /** Forget everything and queue a walk of the whole document (or any roots, in document order). */
  fullScan(roots: Node | readonly Node[]): void {
    this.options.store.clear();
    const list: readonly Node[] = Array.isArray(roots) ? roots : [roots as Node];
    this.queue = list.map((root) => new ScopeWalk({ root, mode: 'deep' }, this.options.exclude));
    this.begun = null;
    this.job = this.newJob('scan');
  }

  /** Queue scopes to rescan. They join the running job, or start an update job. */
  enqueue(scopes: readonly Scope[]): void {
    if (scopes.length === 0) return;
    for (const scope of scopes) this.queue.push(new ScopeWalk(scope, this.options.exclude));
    this.job ??= this.newJob('update');
  }

  /** Start an (empty) update job, so work done outside the queue (removals) is measured too. */
  beginUpdate(): void {
    this.job ??= this.newJob('update');
  }

  /**
   * Work until the queue is empty or `budgetMs` is spent (checked every few dozen nodes).
   * Returns the job's statistics when it finished in this slice, otherwise null.
   */
  work(budgetMs: number): JobStats | null {
    const job = this.job;
    if (!job) return null;
    const t0 = this.now();
    const deadline = t0 + budgetMs;
    const shouldYield = () => this.now() >= deadline;
    job.slices++;
    const store = this.options.store;
    while (this.queue.length > 0) {
      const walk = this.queue[0]!;
      if (this.begun !== walk) {
        this.begun = walk;
        store.beginWalk(walk.scope);
      }
      const before = walk.visited;
      const done = walk.step(this.sink, shouldYield);
      job.nodes += walk.visited - before;
      store.endWalkSlice(done);
      if (!done) break;
      this.queue.shift();
    }
    job.active += this.now() - t0;
    if (this.queue.length > 0) return null;
    this.job = null;
    return job;
  }

  /** Add time spent outside work() (e.g. planning a mutation batch) to the running job. */
  charge(ms: number): void {
    if (this.job) this.job.active += ms;
  }

  cancel(): void {
    this.queue = [];
    this.job = null;
    this.begun = null;
    this.options.store.endWalkSlice(true);
  }

  private newJob(kind: JobKind): JobStats {
    return { kind, start: this.now(), active: 0, slices: 0, nodes: 0, runs: 0, matches: 0, chars: 0 };
  }

  private onRun(run: TextRun): void {
    const found = this.found;
    found.length = 0;
    this.options.matcher.scan(run.text, this.collect);
    if (found.length > 0) this.options.filter?.(run, found);
    const job = this.job;
    if (job) {
      job.runs++;
      job.chars += run.text.length;
      job.matches += found.length;
    }
    if (found.length > 0) this.options.store.addRun(run, found);
  }
}
