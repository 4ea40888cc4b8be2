// Pages that change all the time (live dashboards, timers) must not keep Termlens busy. Changes are
// coalesced per animation frame; on top of that, when the time spent on updates over the last second
// exceeds a budget, the delay before the next batch grows (doubling), and shrinks again once the cost
// is back under half the budget. Cheap updates at 20 Hz cost nothing noticeable and keep following
// the page; expensive ones on a page that never rests get spaced out.

export interface BackoffOptions {
  /** The sliding window the cost is summed over. */
  windowMs?: number;
  /** Update work allowed per window before backing off (25 ms per second: 2.5% of one core). */
  budgetMs?: number;
  /** First delay once backing off. */
  minDelayMs?: number;
  maxDelayMs?: number;
}

export class Backoff {
  private readonly window: number;
  private readonly budget: number;
  private readonly min: number;
  private readonly max: number;
  private readonly runs: Array<{ at: number; cost: number }> = [];
  private total = 0;
  /** Milliseconds to wait before the next batch; 0 means "next animation frame". */
  delay = 0;

  constructor(options: BackoffOptions = {}) {
    this.window = options.windowMs ?? 1000;
    this.budget = options.budgetMs ?? 25;
    this.min = options.minDelayMs ?? 100;
    this.max = options.maxDelayMs ?? 2000;
  }

  /** The work spent in the window (ms). */
  get spent(): number {
    return this.total;
  }

  /** Record that a batch finished at `now` after `costMs` of work; updates `delay` for the next one. */
  ran(now: number, costMs: number): void {
    this.runs.push({ at: now, cost: costMs });
    this.total += costMs;
    while (this.runs.length > 0 && this.runs[0]!.at <= now - this.window) this.total -= this.runs.shift()!.cost;
    if (this.total > this.budget) this.delay = Math.min(this.max, Math.max(this.min, this.delay * 2));
    else if (this.total < this.budget / 2) this.delay = this.delay <= this.min ? 0 : this.delay / 2;
  }
}
