import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LABELLED_SETS, loadLabelledQueries, measure, miniSearchBaseline } from '../../bench/relevance-metrics.ts';
import { loadCatalogue } from '../../src/catalogue/load.ts';
import { PROJECT_ROOT } from '../../src/config.ts';
import { createSearcher } from '../../src/search/searcher.ts';

/**
 * Floors a little under what `npm run bench:relevance` measured, so that a regression fails
 * CI without the figures having to be exact. The held-out set (the fifth written apart; the
 * earlier ones joined the tuning set once used) was written by someone who had not seen the
 * search code, and scored once; its floors sit under what it got, including its recall@3
 * and negatives, which are under the targets. On it the afternoon MiniSearch comes within
 * 0.023 of our hit@1 (and above our recall@3), so the margin over it is a floor too, not
 * the target's "clearly above".
 */
const FLOORS = {
  existing: { hitAt1: 0.95, recallAt3: 0.96, positivesEmpty: 0.02, negativesEmpty: 0.9 },
  tuning: { hitAt1: 0.95, recallAt3: 0.95, positivesEmpty: 0.02, negativesEmpty: 0.88 },
  'held-out': { hitAt1: 0.94, recallAt3: 0.95, positivesEmpty: 0.035, negativesEmpty: 0.84 },
} as const;

describe('search relevance on the labelled queries', async () => {
  const catalogue = await loadCatalogue(path.join(PROJECT_ROOT, 'data'));
  const searcher = createSearcher(catalogue);
  const ours = (q: string) => searcher.search(q).hits.map((h) => h.talk.id);
  const baseline = miniSearchBaseline(catalogue.talks);

  it('has Slack-style sets large and varied enough to mean something', () => {
    const slack = [...loadLabelledQueries(LABELLED_SETS.tuning, catalogue), ...loadLabelledQueries(LABELLED_SETS['held-out'], catalogue)];
    expect(slack.length).toBeGreaterThanOrEqual(120);
    expect(slack.filter((q) => q.expected.length === 0).length).toBeGreaterThanOrEqual(15);
    const kinds = new Set(slack.map((q) => q.kind));
    for (const kind of ['question', 'chatter', 'filler', 'filter', 'paragraph', 'typo', 'plural-form', 'negative'])
      expect(kinds).toContain(kind);
    const share = (lang: string) => slack.filter((q) => q.lang === lang).length / slack.length;
    expect(share('en')).toBeGreaterThan(0.3);
    expect(share('fr')).toBeGreaterThan(0.25);
    expect(share('mixed')).toBeGreaterThan(0.15);
  });

  for (const [name, floors] of Object.entries(FLOORS)) {
    it(`stays above the floors on the ${name} set, and above an afternoon's MiniSearch`, () => {
      const queries = loadLabelledQueries(LABELLED_SETS[name as keyof typeof LABELLED_SETS], catalogue);
      const figures = measure(queries, ours);
      expect(figures.hitAt1).toBeGreaterThanOrEqual(floors.hitAt1);
      expect(figures.recallAt3).toBeGreaterThanOrEqual(floors.recallAt3);
      expect(figures.positivesEmpty).toBeLessThanOrEqual(floors.positivesEmpty);
      expect(figures.negativesEmpty).toBeGreaterThanOrEqual(floors.negativesEmpty);
      const reference = measure(queries, baseline);
      expect(figures.hitAt1).toBeGreaterThan(reference.hitAt1 + 0.01);
      expect(figures.negativesEmpty).toBeGreaterThan(reference.negativesEmpty + 0.3);
    });
  }
});
