// Relevance of our search beside default fuse.js and an afternoon's MiniSearch, on three
// labelled sets: bench/queries (short keyword queries), and the Slack-style queries of
// bench/queries-slack split before tuning into a tuning half and a held-out half.
// Usage: npm run bench:relevance [-- --failures] [-- --set existing,tuning,held-out]
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadCatalogue } from '../src/catalogue/load.ts';
import { PROJECT_ROOT } from '../src/config.ts';
import { createSearcher } from '../src/search/searcher.ts';
import {
  baselineRanker,
  loadLabelledQueries,
  measure,
  miniSearchBaseline,
  type RankFn,
  LABELLED_SETS as SETS,
  TARGETS,
} from './relevance-metrics.ts';

const METRICS: { key: keyof typeof TARGETS | 'mrr'; name: string; atMost?: boolean }[] = [
  { key: 'hitAt1', name: 'hit@1' },
  { key: 'recallAt3', name: 'recall@3' },
  { key: 'mrr', name: 'MRR' },
  { key: 'positivesEmpty', name: 'answerable, nothing', atMost: true },
  { key: 'negativesEmpty', name: 'negatives, nothing' },
];

const { values } = parseArgs({
  options: { failures: { type: 'boolean', default: false }, set: { type: 'string', default: Object.keys(SETS).join(',') } },
});
const chosen = values.set.split(',').map((name) => name.trim());
for (const name of chosen)
  if (!(name in SETS)) throw new Error(`--set: unknown set "${name}"; choose from ${Object.keys(SETS).join(', ')}`);

const catalogue = await loadCatalogue(path.join(PROJECT_ROOT, 'data'));
const searcher = createSearcher(catalogue);
const rankers: [string, RankFn][] = [
  ['ours', (q) => searcher.search(q).hits.map((hit) => hit.talk.id)],
  ['fuse.js', baselineRanker(catalogue.talks)],
  ['minisearch', miniSearchBaseline(catalogue.talks)],
];

console.log(`catalogue: ${catalogue.talks.length} talks`);
for (const name of chosen) {
  const queries = loadLabelledQueries(SETS[name as keyof typeof SETS], catalogue);
  const figures = rankers.map(([ranker, rank]) => [ranker, measure(queries, rank)] as const);
  const ours = figures[0]![1];
  console.log(`\n${name}: ${ours.positives} answerable, ${ours.negatives} negative`);
  console.log(`${'metric'.padEnd(22)}${rankers.map(([r]) => r.padStart(12)).join('')}${'target'.padStart(10)}`);
  for (const { key, name: label, atMost } of METRICS) {
    const target = key === 'mrr' ? undefined : TARGETS[key];
    const met = target === undefined ? '' : (atMost ? ours[key] <= target : ours[key] >= target) ? '  ok' : '  BELOW TARGET';
    const cells = figures.map(([, f]) => f[key].toFixed(3).padStart(12)).join('');
    console.log(`${label.padEnd(22)}${cells}${(target === undefined ? '' : `${atMost ? '<=' : '>='} ${target}`).padStart(10)}${met}`);
  }
  if (values.failures) {
    for (const [ranker, f] of figures.slice(0, 1)) {
      console.log(`${ranker}: ${f.failures.length} queries not answered first with an expected talk`);
      for (const miss of f.failures) {
        console.log(
          `  [${miss.kind}] "${miss.query}" expected ${miss.expected.join('|') || '(nothing)'} got ${miss.got.join(', ') || '(nothing)'}`,
        );
      }
    }
  }
}
