// The relevance corpus (bench/relevance): what the built extension highlights on real pages, scored
// against the labels, must stay above RELEVANCE_FLOOR. `npm run bench:relevance` prints the same figures.
import { describe, expect, it } from 'vitest';
import { RELEVANCE_FLOOR } from '../../bench/relevance/floor';
import { formatReport, measureRelevance } from '../../bench/relevance/measure';

describe('relevance on the corpus of real pages', () => {
  it('keeps precision, recall, avoid flags and off-topic density at or above the floor', { timeout: 600_000 }, async () => {
    const report = await measureRelevance();
    const o = report.overall;
    const summary = formatReport(report);
    // Every highlight maps to a labeled candidate and every candidate is labeled: otherwise the figures mean nothing.
    expect(
      report.pages.flatMap((p) => p.errors.map((e) => `${p.page}: ${e}`)),
      summary,
    ).toEqual([]);
    expect(o.pages).toBeGreaterThanOrEqual(16);
    expect(o.onTopicPages * 2).toBeGreaterThanOrEqual(o.pages);
    expect(o.precision ?? 0, summary).toBeGreaterThanOrEqual(RELEVANCE_FLOOR.minPrecision);
    expect(o.recall ?? 0, summary).toBeGreaterThanOrEqual(RELEVANCE_FLOOR.minRecall);
    expect(o.avoidFlagsOutsideScope, summary).toBeLessThanOrEqual(RELEVANCE_FLOOR.maxAvoidFlagsOutsideScope);
    expect(o.offTopicHighlightsPer2000Words, summary).toBeLessThanOrEqual(RELEVANCE_FLOOR.maxOffTopicHighlightsPer2000Words);
  });
});
