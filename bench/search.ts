// Search latency, index build time and heap, ours and plain fuse.js side by side, on the real
// catalogue and on deterministic synthetic catalogues of 1,000 and 10,000 talks.
// Usage: npm run bench:search   (node --expose-gc, so heap figures are measured after a full GC)
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadCatalogue } from '../src/catalogue/load.ts';
import type { Catalogue } from '../src/catalogue/model.ts';
import { PROJECT_ROOT } from '../src/config.ts';
import { createSearcher } from '../src/search/searcher.ts';
import { baselineRanker, loadLabelledQueries, measure, type RankFn } from './relevance-metrics.ts';
import { syntheticCatalogue } from './synthetic-catalogue.ts';

const gc = (globalThis as { gc?: () => void }).gc;
/** The JS heap plus the ArrayBuffers outside it, where the index keeps its typed arrays. */
const heapUsed = () => {
  gc?.();
  const { heapUsed, arrayBuffers } = process.memoryUsage();
  return heapUsed + arrayBuffers;
};
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const ms = (value: number) => `${value < 1 ? value.toFixed(3) : value.toFixed(1)} ms`;
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

interface Figures {
  build: number;
  heap: number;
  p50: number;
  p99: number;
  queries: number;
}

function time(build: () => RankFn, queries: readonly string[], rounds: number, budgetMs: number): Figures {
  const before = heapUsed();
  const start = performance.now();
  let rank: RankFn | undefined = build();
  const buildTime = performance.now() - start;
  const heap = heapUsed() - before;
  // Warm-up, so the JIT has compiled the hot paths: one pass, bounded (the baseline is slow).
  const warmUntil = performance.now() + 3000;
  for (const q of queries) if (performance.now() < warmUntil) rank(q);
  const samples: number[] = [];
  const deadline = performance.now() + budgetMs;
  for (let round = 0; round < rounds && performance.now() < deadline; round++) {
    for (const q of queries) {
      const t = performance.now();
      rank(q);
      samples.push(performance.now() - t);
      if (performance.now() > deadline) break;
    }
  }
  rank = undefined;
  samples.sort((a, b) => a - b);
  return { build: buildTime, heap, p50: percentile(samples, 50), p99: percentile(samples, 99), queries: samples.length };
}

const real = await loadCatalogue(path.join(PROJECT_ROOT, 'data'));
const labelled = loadLabelledQueries(path.join(PROJECT_ROOT, 'bench', 'queries'), real);
const queries = labelled.map((q) => q.query);

const ourRanker = (catalogue: Catalogue): RankFn => {
  const searcher = createSearcher(catalogue);
  return (q) => searcher.search(q).hits.map((h) => h.talk.id);
};

console.log(`queries: ${queries.length} (bench/queries), node ${process.version}, heap (JS heap + ArrayBuffers) after full GC${gc ? '' : ' (no --expose-gc: approximate)'}`);
console.log(`${'catalogue'.padEnd(16)}${'engine'.padEnd(10)}${'build'.padStart(10)}${'heap'.padStart(10)}${'p50'.padStart(11)}${'p99'.padStart(11)}${'samples'.padStart(9)}`);

// Each catalogue is made when its row runs: the real one's latency is not measured beside the
// 100 MB heap of a synthetic one, whose garbage collections would land in its queries.
const rows: Array<[string, () => Catalogue, number, number]> = [
  [`real ${real.talks.length}`, () => real, 50, 20],
  ['1,000', () => syntheticCatalogue(real, 1000), 10, 5],
  ['10,000', () => syntheticCatalogue(real, 10000), 3, 1],
];
for (const [name, make, ourRounds, baseRounds] of rows) {
  const catalogue = make();
  const ours = time(() => ourRanker(catalogue), queries, ourRounds, 20_000);
  // The baseline scans every talk per query (~0.4 s each at 10,000): bounded to 25 s.
  const base = time(() => baselineRanker(catalogue.talks), queries, baseRounds, 25_000);
  const line = (engine: string, f: Figures) =>
    `${`${name} talks`.padEnd(16)}${engine.padEnd(10)}${ms(f.build).padStart(10)}${mb(f.heap).padStart(10)}${ms(f.p50).padStart(11)}${ms(f.p99).padStart(11)}${String(f.queries).padStart(9)}`;
  console.log(line('ours', ours));
  console.log(line('baseline', base));
  console.log(`${''.padEnd(16)}ours/baseline p99: ${(ours.p99 / base.p99).toFixed(3)}x`);
}

// The speed-ups must not cost relevance: the same figures as bench:relevance.
const figures = measure(labelled, ourRanker(real));
console.log(`relevance with the speed-ups on: hit@1 ${figures.hitAt1.toFixed(3)}, recall@3 ${figures.recallAt3.toFixed(3)}, MRR ${figures.mrr.toFixed(3)}, negatives ${figures.negativesEmpty.toFixed(3)}`);
console.log('targets: p99 <= 1 ms (real); at 10,000: p99 <= 20 ms and <= 0.1x baseline, build <= 300 ms');
