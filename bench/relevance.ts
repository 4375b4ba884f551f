// Relevance of our search against plain fuse.js on the labelled queries in bench/queries/.
// Usage: npm run bench:relevance [-- --failures]
import path from 'node:path';
import { loadCatalogue } from '../src/catalogue/load.ts';
import { PROJECT_ROOT } from '../src/config.ts';
import { createSearcher } from '../src/search/searcher.ts';
import { baselineRanker, loadLabelledQueries, measure, type RelevanceFigures } from './relevance-metrics.ts';

const catalogue = await loadCatalogue(path.join(PROJECT_ROOT, 'data'));
const queries = loadLabelledQueries(path.join(PROJECT_ROOT, 'bench', 'queries'), catalogue);
const searcher = createSearcher(catalogue);

const ours = measure(queries, (q) => searcher.search(q).hits.map((hit) => hit.talk.id));
const baseline = measure(queries, baselineRanker(catalogue.talks));

const TARGETS = { hitAt1: 0.9, recallAt3: 0.97, mrr: 0.93, negativesEmpty: 1 } as const;
const row = (name: string, key: keyof typeof TARGETS) =>
  `${name.padEnd(22)}${ours[key].toFixed(3).padStart(8)}${baseline[key].toFixed(3).padStart(10)}${`>= ${TARGETS[key]}`.padStart(10)}  ${ours[key] >= TARGETS[key] ? 'ok' : 'BELOW TARGET'}`;

console.log(`catalogue: ${catalogue.talks.length} talks; queries: ${ours.positives} positive, ${ours.negatives} negative`);
console.log(`${'metric'.padEnd(22)}${'ours'.padStart(8)}${'baseline'.padStart(10)}${'target'.padStart(10)}`);
console.log(row('hit@1', 'hitAt1'));
console.log(row('recall@3', 'recallAt3'));
console.log(row('MRR', 'mrr'));
console.log(row('negatives answered 0', 'negativesEmpty'));

const byKind = new Map<string, number[]>();
for (const q of queries) byKind.set(q.kind, [...(byKind.get(q.kind) ?? []), 1]);
console.log(`kinds: ${[...byKind].map(([k, v]) => `${k} ${v.length}`).join(', ')}`);

const show = (name: string, figures: RelevanceFigures) => {
  console.log(`\n${name}: ${figures.failures.length} queries not answered first with an expected talk`);
  for (const f of figures.failures) console.log(`  [${f.kind}] "${f.query}" expected ${f.expected.join('|') || '(nothing)'} got ${f.got.join(', ') || '(nothing)'}`);
};
if (process.argv.includes('--failures')) {
  show('ours', ours);
  show('baseline', baseline);
} else if (ours.failures.length) {
  console.log(`\n(${ours.failures.length} misses; run with -- --failures to list them)`);
}
