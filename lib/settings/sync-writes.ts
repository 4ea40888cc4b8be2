// Writes to the browser's synced storage, coalesced and paced. storage.sync allows 120 writes a
// minute and 1,800 an hour; one past either limit fails, and so does every write after it until the
// window has passed. Whatever is asked for while a write is in flight, or while the pace holds writes
// back, goes out together in one write, the later value of a key winning. A few changes in a row are
// written at once (`burst`); past them, one write per `refillMs` at most, which keeps the hour's
// writes under its limit and leaves most of the minute's to the other contexts (the card's
// preferences, the options page).
//
// Each value is a whole item computed from the values before it, so a refused write refuses the
// values queued behind it too: they hold the refused change. `epoch` counts the refusals: a value
// computed from what was read before the latest refusal is refused as well.

export interface WriteBatcher<T extends object> {
  /**
   * Queue `values`; resolves once a write holding them has landed, rejects with the refusal of that
   * write or of one before it. `basedOn`: the `epoch()` when the values' base was read.
   */
  write(values: Partial<T>, basedOn?: number): Promise<void>;
  /** The values queued or in flight: what storage does not hold yet. */
  unsaved(): Partial<T>;
  /** How many writes were refused so far. */
  epoch(): number;
  /** Whether a write is queued or in flight. */
  busy(): boolean;
  /** Resolves once nothing is queued or in flight, whether those writes landed or were refused. */
  idle(): Promise<void>;
}

/** Writes made at once after a quiet spell. */
export const SYNC_WRITE_BURST = 10;
/** Then one write per this many ms at most: 34 in the first minute, 24 a minute after it, 1,450 an hour. */
export const SYNC_WRITE_REFILL_MS = 2500;

export interface WriteBatcherOptions {
  burst?: number;
  refillMs?: number;
  now?: () => number;
  delay?: (ms: number, run: () => void) => void;
}

interface Waiter {
  resolve: () => void;
  reject: (e: unknown) => void;
}

export function createWriteBatcher<T extends object>(
  flush: (values: Partial<T>) => Promise<void>,
  options: WriteBatcherOptions = {},
): WriteBatcher<T> {
  const burst = options.burst ?? SYNC_WRITE_BURST;
  const refill = options.refillMs ?? SYNC_WRITE_REFILL_MS;
  const now = options.now ?? (() => Date.now());
  const delay = options.delay ?? ((ms, run) => void setTimeout(run, ms));
  let pending: Partial<T> | null = null;
  let waiters: Waiter[] = [];
  let inFlight: Partial<T> | null = null;
  let scheduled = false;
  let refusals = 0;
  let lastRefusal: unknown = null;
  let idleWaiters: Array<() => void> = [];
  // A token bucket: a write takes one; they come back at one per `refill`, up to `burst`.
  let tokens = burst;
  let counted = now();
  const refillTokens = () => {
    const t = now();
    tokens = refill > 0 ? Math.min(burst, tokens + (t - counted) / refill) : burst;
    counted = t;
  };

  const run = async () => {
    scheduled = false;
    if (!pending) return;
    const values = pending;
    const batch = waiters;
    pending = null;
    waiters = [];
    inFlight = values;
    refillTokens();
    tokens -= 1;
    try {
      await flush(values);
      inFlight = null;
      for (const w of batch) w.resolve();
    } catch (e) {
      inFlight = null;
      refusals++;
      lastRefusal = e;
      // What was queued meanwhile holds the refused change: it goes with it.
      const behind = waiters;
      pending = null;
      waiters = [];
      for (const w of [...batch, ...behind]) w.reject(e);
    }
    if (pending) schedule();
    else {
      const waiting = idleWaiters;
      idleWaiters = [];
      for (const resolve of waiting) resolve();
    }
  };

  const schedule = () => {
    if (scheduled || inFlight) return;
    scheduled = true;
    refillTokens();
    delay(tokens >= 1 ? 0 : Math.ceil((1 - tokens) * refill), () => void run());
  };

  const busy = () => scheduled || inFlight !== null || pending !== null;

  return {
    write(values, basedOn) {
      if (basedOn !== undefined && basedOn !== refusals) return Promise.reject(lastRefusal);
      pending = { ...pending, ...values };
      const done = new Promise<void>((resolve, reject) => waiters.push({ resolve, reject }));
      schedule();
      return done;
    },
    unsaved: () => ({ ...inFlight, ...pending }),
    epoch: () => refusals,
    busy,
    idle: () => (busy() ? new Promise<void>((resolve) => idleWaiters.push(resolve)) : Promise.resolve()),
  };
}

/**
 * The browser's storage.sync errors in plain words: what was not saved and what to do. Other errors
 * are given back as they are.
 */
export function plainSyncError(error: unknown): Error {
  const raw = error instanceof Error ? error.message : String(error);
  if (/MAX_WRITE_OPERATIONS_PER_MINUTE/i.test(raw))
    return new Error('Too many changes in one minute for the browser to sync: this one was not saved. Wait a minute, then make it again.');
  if (/MAX_WRITE_OPERATIONS_PER_HOUR/i.test(raw))
    return new Error('Too many changes in one hour for the browser to sync: this one was not saved. Wait a while, then make it again.');
  if (/QUOTA_BYTES_PER_ITEM|kQuotaBytesPerItem/i.test(raw))
    return new Error('This change makes your synced settings larger than the browser syncs in one item (8 KB): it was not saved.');
  if (/QUOTA_BYTES|kQuotaBytes/i.test(raw))
    return new Error('The browser’s synced storage is full (100 KB in all): this change was not saved.');
  if (/MAX_ITEMS/i.test(raw))
    return new Error('The browser’s synced storage holds too many items (512 in all): this change was not saved.');
  // Firefox names no limit: "storage.sync API call exceeded its quota limitations".
  if (/quota/i.test(raw))
    return new Error('The browser’s synced storage has no room for this change (8 KB an item, 100 KB in all): it was not saved.');
  return error instanceof Error ? error : new Error(raw);
}
