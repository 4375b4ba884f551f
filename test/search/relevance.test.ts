import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { baselineRanker, loadLabelledQueries, measure } from '../../bench/relevance-metrics.ts';
import { loadCatalogue } from '../../src/catalogue/load.ts';
import { PROJECT_ROOT } from '../../src/config.ts';
import { createSearcher } from '../../src/search/searcher.ts';

// Floors a little under the targets of bench:relevance, so a regression fails CI
// without the figures having to be exact.
describe('search relevance on the labelled queries', async () => {
  const catalogue = await loadCatalogue(path.join(PROJECT_ROOT, 'data'));
  const queries = loadLabelledQueries(path.join(PROJECT_ROOT, 'bench', 'queries'), catalogue);
  const searcher = createSearcher(catalogue);
  const ours = measure(queries, (q) => searcher.search(q).hits.map((h) => h.talk.id));

  it('has a labelled set large and varied enough to mean something', () => {
    expect(ours.positives + ours.negatives).toBeGreaterThanOrEqual(60);
    expect(ours.negatives).toBeGreaterThanOrEqual(10);
    const kinds = new Set(queries.map((q) => q.kind));
    for (const kind of ['en', 'fr', 'typo', 'no-accent', 'intent', 'negative']) expect(kinds).toContain(kind);
  });

  it('stays above the floors', () => {
    expect(ours.hitAt1).toBeGreaterThanOrEqual(0.85);
    expect(ours.recallAt3).toBeGreaterThanOrEqual(0.93);
    expect(ours.mrr).toBeGreaterThanOrEqual(0.88);
  });

  it('answers every unrelated query with nothing', () => {
    expect(ours.failures.filter((f) => f.expected.length === 0)).toEqual([]);
  });

  it('beats plain fuse.js clearly', () => {
    const baseline = measure(queries, baselineRanker(catalogue.talks));
    expect(ours.hitAt1).toBeGreaterThan(baseline.hitAt1 + 0.1);
    expect(ours.negativesEmpty).toBeGreaterThan(baseline.negativesEmpty);
  });
});
