// Search latency, index build time and heap on the real catalogue and on a synthetic one of
// 2,000 talks (a few full KubeCon programmes), ours beside default fuse.js in the same run;
// then the start-up of `npm run -s search -- "cilium"` to its answer, beside a bare `node -e`.
// Usage: npm run bench:search   (node --expose-gc, so heap figures are measured after a full GC)
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadCatalogue } from '../src/catalogue/load.ts';
import type { Catalogue } from '../src/catalogue/model.ts';
import { PROJECT_ROOT } from '../src/config.ts';
import { createSearcher } from '../src/search/searcher.ts';
import { baselineRanker, LABELLED_SETS, loadLabelledQueries, type RankFn } from './relevance-metrics.ts';
import { syntheticCatalogue } from './synthetic-catalogue.ts';

const gc = (globalThis as { gc?: () => void }).gc;
const heapUsed = () => {
  gc?.();
  const { heapUsed, arrayBuffers } = process.memoryUsage();
  return heapUsed + arrayBuffers;
};
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const ms = (value: number) => `${value < 1 ? value.toFixed(3) : value.toFixed(1)} ms`;
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
const median = (values: number[]) =>
  percentile(
    [...values].sort((a, b) => a - b),
    50,
  );

interface Figures {
  build: number;
  heap: number;
  p50: number;
  p99: number;
  samples: number;
}

/** Builds a ranker, warms it up, then times every query for some rounds, bounded in time. */
function time(build: () => RankFn, queries: readonly string[], rounds: number, budgetMs: number): Figures {
  const before = heapUsed();
  const start = performance.now();
  const rank = build();
  const buildTime = performance.now() - start;
  const heap = heapUsed() - before;
  // One warm-up pass, so the JIT has compiled the hot paths; bounded, as the baseline is slow.
  const warmUntil = performance.now() + budgetMs / 3;
  for (const q of queries) if (performance.now() < warmUntil) rank(q);
  const samples: number[] = [];
  const deadline = performance.now() + budgetMs;
  for (let round = 0; round < rounds && performance.now() < deadline; round++) {
    for (const q of queries) {
      if (performance.now() > deadline) break;
      const t = performance.now();
      rank(q);
      samples.push(performance.now() - t);
    }
  }
  samples.sort((a, b) => a - b);
  return { build: buildTime, heap, p50: percentile(samples, 50), p99: percentile(samples, 99), samples: samples.length };
}

const real = await loadCatalogue(path.join(PROJECT_ROOT, 'data'));
const queries = [
  ...loadLabelledQueries(LABELLED_SETS.existing, real),
  ...loadLabelledQueries(LABELLED_SETS.tuning, real),
  ...loadLabelledQueries(LABELLED_SETS['held-out'], real),
].map((q) => q.query);
const ours = (catalogue: Catalogue): RankFn => {
  const searcher = createSearcher(catalogue);
  return (q) => searcher.search(q).hits.map((h) => h.talk.id);
};

console.log(
  `queries: ${queries.length} (every labelled set), node ${process.version}, heap after full GC${gc ? '' : ' (no --expose-gc: approximate)'}`,
);
console.log(
  `${'catalogue'.padEnd(14)}${'engine'.padEnd(10)}${'build'.padStart(10)}${'heap'.padStart(10)}${'p50'.padStart(11)}${'p99'.padStart(11)}${'samples'.padStart(9)}${'target p99'.padStart(12)}`,
);
const rows: [string, () => Catalogue, number, number][] = [
  [`real ${real.talks.length}`, () => real, 1, 30],
  ['2,000', () => syntheticCatalogue(real, 2000), 10, 5],
];
let met = true;
for (const [name, make, target, rounds] of rows) {
  const catalogue = make();
  const mine = time(() => ours(catalogue), queries, rounds, 15_000);
  const base = time(() => baselineRanker(catalogue.talks), queries, Math.max(1, Math.floor(rounds / 5)), 15_000);
  const line = (engine: string, f: Figures, goal: string) =>
    `${name.padEnd(14)}${engine.padEnd(10)}${ms(f.build).padStart(10)}${mb(f.heap).padStart(10)}${ms(f.p50).padStart(11)}${ms(f.p99).padStart(11)}${String(f.samples).padStart(9)}${goal.padStart(12)}`;
  const ok = mine.p99 <= target;
  met &&= ok;
  console.log(`${line('ours', mine, `<= ${target} ms`)}  ${ok ? 'ok' : 'ABOVE TARGET'}`);
  console.log(line('fuse.js', base, ''));
}

// Start-up: a fresh process per run, as a person at a terminal starts one, through npm as
// the README says; the same command without npm, npm running an empty script, and a bare
// node show where the time goes: npm's own share is the same for any script.
const run = (command: string, args: string[], cwd = PROJECT_ROOT) => {
  const start = performance.now();
  execFileSync(command, args, { cwd, stdio: 'pipe' });
  return performance.now() - start;
};
const startUp = (command: string, args: string[], cwd?: string) => median(Array.from({ length: 7 }, () => run(command, args, cwd)));
const empty = mkdtempSync(path.join(tmpdir(), 'kubecon-bench-npm-'));
writeFileSync(path.join(empty, 'package.json'), JSON.stringify({ name: 'empty', private: true, scripts: { empty: 'node -e 0' } }));
const viaNpm = startUp('npm', ['run', '-s', 'search', '--', 'cilium']);
const direct = startUp(process.execPath, ['--import', './src/compile-cache.js', 'src/cli/search.ts', 'cilium']);
// With the node of this run first on PATH, as npm puts the project's own node for its scripts.
const npmAlone = startUp('npm', ['run', '-s', 'empty'], empty);
const bare = startUp(process.execPath, ['-e', '0']);
rmSync(empty, { recursive: true, force: true });
const startOk = viaNpm <= 250;
met &&= startOk;
console.log(
  `\nstart-up to the answer, median of 7: npm run -s search -- "cilium" ${ms(viaNpm)} (target <= 250 ms)  ${startOk ? 'ok' : 'ABOVE TARGET'}`,
);
console.log(`  without npm: ${ms(direct)}; npm running an empty script: ${ms(npmAlone)}; a bare node -e: ${ms(bare)}`);
console.log(met ? 'All targets met.' : 'Some targets missed.');
