// In real Chromium and Firefox: a glossary import of 2 MB, the most Termlens reads, is read in the
// import Worker (Chromium's offscreen document starts it; Firefox's background page does), so the
// background keeps answering while it runs. The options page sends the import, then one search after
// another until the import answers: searches keep being answered meanwhile, not once it is done.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bigGlossary } from '../../bench/hostile-inputs';
import { BROWSERS, launchDriver, type Driver, type DriverPage } from './drivers';

/** What the options page saw: the import's answer, and the searches answered before it. */
interface Run {
  imported: { ok: boolean; value?: { ok: boolean; committed?: boolean; preview?: { pack: { termCount: number } } }; error?: string };
  answeredBefore: number;
  answeredAfter: number;
  found: boolean;
}

/**
 * In the options page: `text` (bench/hostile-inputs.ts's bigGlossary) imported and stored; a search
 * sent as soon as the previous one answered, until the import answers.
 */
async function importWhileSearching(text: string): Promise<Run> {
  const g = globalThis as unknown as Record<'browser' | 'chrome', { runtime: { sendMessage(m: object): Promise<unknown> } } | undefined>;
  const runtime = (g.browser ?? g.chrome)!.runtime;
  let done = false;
  const importing = runtime
    .sendMessage({ type: 'importPack', source: { kind: 'text', name: 'big-glossary.md', text }, commit: true })
    .finally(() => (done = true)) as Promise<Run['imported']>;
  let answeredBefore = 0;
  let answeredAfter = 0;
  let found = false;
  while (!done) {
    const reply = (await runtime.sendMessage({ type: 'search', query: 'kubelet', limit: 5 })) as {
      ok: boolean;
      value?: { hits: Array<{ term: string }> };
    };
    found ||= reply.ok && (reply.value?.hits.some((h) => h.term === 'kubelet') ?? false);
    if (done) answeredAfter++;
    else answeredBefore++;
  }
  return { imported: await importing, answeredBefore, answeredAfter, found };
}

describe.each(BROWSERS)('a 2 MB import in %s', (name) => {
  let driver: Driver;
  let options: DriverPage;

  beforeAll(async () => {
    driver = await launchDriver(name);
    options = await driver.openExtensionPage('options.html');
  });
  afterAll(async () => {
    await driver?.close();
  });

  it('leaves the background answering searches while it is read', { timeout: 120_000 }, async () => {
    const run = await options.evaluate(importWhileSearching, bigGlossary(1_990_000));
    expect(run.imported.ok, run.imported.error).toBe(true);
    expect(run.imported.value?.ok).toBe(true);
    expect(run.imported.value?.committed).toBe(true);
    expect(run.imported.value?.preview?.pack.termCount).toBeGreaterThan(15_000);
    // Searches went on being answered while the import ran, with the bundled packs' terms in them. On
    // the background's own thread the parse holds every message: one search at most gets through.
    expect(run.found).toBe(true);
    expect(run.answeredBefore).toBeGreaterThanOrEqual(5);

    // The pack is stored and searchable.
    const hit = await options.evaluate(async () => {
      const g = globalThis as unknown as Record<
        'browser' | 'chrome',
        { runtime: { sendMessage(m: object): Promise<unknown> } } | undefined
      >;
      const reply = (await (g.browser ?? g.chrome)!.runtime.sendMessage({ type: 'search', query: 'Term 12345', limit: 3 })) as {
        value: { hits: Array<{ term: string }> };
      };
      return reply.value.hits.map((h) => h.term);
    }, null);
    expect(hit).toContain('Term 12345');
    expect(driver.errors()).toEqual([]);
  });
});
