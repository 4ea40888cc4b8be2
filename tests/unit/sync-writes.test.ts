// The storage.sync write queue on its own: coalescing, the pace, refusals, and the browser's quota
// errors in plain words. The service's use of it (400 quick changes against a browser that enforces
// its write limits) is in sync-limits.test.ts.
import { describe, expect, it } from 'vitest';
import { createWriteBatcher, plainSyncError } from '../../lib/settings/sync-writes';

interface Item {
  a: number;
  b: number;
}

/** A clock and a timer queue the test advances by hand. */
function manualTime() {
  let t = 0;
  const timers: Array<{ at: number; run: () => void }> = [];
  return {
    now: () => t,
    delay: (ms: number, run: () => void) => void timers.push({ at: t + ms, run }),
    /** Move the clock on, running every timer due, and let the microtasks they start settle. */
    async advance(ms: number) {
      const end = t + ms;
      for (;;) {
        await new Promise((r) => setImmediate(r));
        timers.sort((x, y) => x.at - y.at);
        const next = timers[0];
        if (!next || next.at > end) break;
        timers.shift();
        t = Math.max(t, next.at);
        next.run();
      }
      t = end;
      await new Promise((r) => setImmediate(r));
    },
  };
}

describe('storage.sync write queue', () => {
  it('sends what is asked for while a write is in flight in one write, the later value of a key winning', async () => {
    const time = manualTime();
    const flushed: Array<Partial<Item>> = [];
    let release: () => void = () => {};
    const q = createWriteBatcher<Item>(
      (v) => {
        flushed.push(v);
        return new Promise<void>((r) => (release = r));
      },
      { ...time, burst: 10, refillMs: 1000 },
    );
    const first = q.write({ a: 1 });
    await time.advance(0);
    expect(flushed).toEqual([{ a: 1 }]);
    const later = [q.write({ a: 2 }), q.write({ b: 5 }), q.write({ a: 3 })];
    expect(q.unsaved()).toEqual({ a: 3, b: 5 });
    release();
    await first;
    await time.advance(0);
    expect(flushed).toEqual([{ a: 1 }, { a: 3, b: 5 }]);
    release();
    await Promise.all(later);
    expect(q.busy()).toBe(false);
    expect(q.unsaved()).toEqual({});
  });

  it('writes a burst at once, then one write per refill period, however many changes arrive', async () => {
    const time = manualTime();
    const at: number[] = [];
    const q = createWriteBatcher<Item>(
      async () => {
        at.push(time.now());
      },
      { ...time, burst: 3, refillMs: 1000 },
    );
    const all: Array<Promise<void>> = [];
    // 200 changes, one every 10 ms, for 2 s.
    for (let i = 0; i < 200; i++) {
      all.push(q.write({ a: i }));
      await time.advance(10);
    }
    await time.advance(5000);
    await Promise.all(all);
    // The burst goes out at once; then a write as each token comes back, one per refill period.
    expect(at.slice(0, 3)).toEqual([0, 10, 20]);
    expect(at[3]).toBeGreaterThanOrEqual(1000);
    for (let i = 4; i < at.length; i++) expect(at[i]! - at[i - 1]!).toBeGreaterThanOrEqual(1000);
    // 2 s of changes: the burst and one write per second after it, not 200.
    expect(at.length).toBeLessThanOrEqual(6);
  });

  it('refuses the values queued behind a refused write, and those computed before the refusal, then writes again', async () => {
    const time = manualTime();
    let refuse = true;
    const written: Array<Partial<Item>> = [];
    const q = createWriteBatcher<Item>(
      async (v) => {
        await new Promise((r) => setImmediate(r));
        if (refuse) throw new Error('MAX_WRITE_OPERATIONS_PER_MINUTE');
        written.push(v);
      },
      { ...time, burst: 10, refillMs: 0 },
    );
    const epoch = q.epoch();
    const refused = expect(q.write({ a: 1 }, epoch)).rejects.toThrow(/MAX_WRITE/);
    await time.advance(0);
    // Queued while the refused write is in flight: it holds the refused change too.
    const behind = expect(q.write({ b: 2 }, epoch)).rejects.toThrow(/MAX_WRITE/);
    await time.advance(0);
    await refused;
    await behind;
    expect(q.epoch()).toBe(epoch + 1);
    // A value computed from what was read before the refusal holds the refused change.
    await expect(q.write({ a: 7 }, epoch)).rejects.toThrow(/MAX_WRITE/);
    refuse = false;
    const again = q.write({ a: 8 }, q.epoch());
    await time.advance(0);
    await again;
    expect(written).toEqual([{ a: 8 }]);
  });

  it('idle() waits for the queue to empty, whether the writes landed or not', async () => {
    const time = manualTime();
    const q = createWriteBatcher<Item>(async () => {}, { ...time, burst: 1, refillMs: 1000 });
    await q.idle();
    void q.write({ a: 1 });
    await time.advance(0);
    // The one token is spent: this write waits for the next.
    void q.write({ a: 2 });
    let idle = false;
    void q.idle().then(() => (idle = true));
    await time.advance(0);
    expect(idle).toBe(false);
    await time.advance(1000);
    expect(idle).toBe(true);
  });
});

describe('plainSyncError', () => {
  it.each([
    ['MAX_WRITE_OPERATIONS_PER_MINUTE quota exceeded', /one minute.*not saved/],
    ['MAX_WRITE_OPERATIONS_PER_HOUR quota exceeded', /one hour.*not saved/],
    ['Resource::kQuotaBytesPerItem quota exceeded', /8 KB.*not saved/],
    ['Resource::kQuotaBytes quota exceeded', /full \(100 KB in all\)/],
    ['MAX_ITEMS quota exceeded', /512/],
    ['storage.sync API call exceeded its quota limitations', /no room/],
  ])('%s', (raw, plain) => {
    const message = plainSyncError(new Error(raw)).message;
    expect(message).toMatch(plain);
    expect(message).not.toMatch(/MAX_|Resource::|kQuota/);
  });

  it('gives other errors back as they are', () => {
    const e = new Error('disk on fire');
    expect(plainSyncError(e)).toBe(e);
  });
});
