import { invalidAnswers, type Measured, mb, peakRss, percentile, rate } from './stats.ts';
import { judge, SMOKE_CHECKS, TARGETS } from './targets.ts';

export interface Report {
  readonly requests: number;
  readonly concurrency: number;
  readonly smoke: boolean;
  readonly bare: Measured;
  readonly bolt: Measured;
  readonly bot: Measured;
  /** Not judged: the bot with one mechanism swapped, for comparison. */
  readonly variants: readonly Measured[];
  readonly otherCalls: Readonly<Record<string, number>>;
  readonly totalS: number;
}

const ms = (value: number) => `${value.toFixed(1)} ms`;
const MB = (bytes: number) => `${mb(bytes).toFixed(0)} MB`;
const times = (ratio: number) => `${ratio.toFixed(2)}x`;
const verdict = (pass: boolean) => (pass ? 'pass' : 'FAIL');

/** Prints the table and what follows it; sets the exit code to 1 when a target is missed. */
export function report({ requests, concurrency, smoke, bare, bolt, bot, variants, otherCalls, totalS }: Report): void {
  const columns = [bare, bolt, bot, ...variants];
  const checks = judge(bot, bolt, requests);
  const each = (cell: (m: Measured) => string) => columns.map(cell);
  /** A cell for the servers that have `part`, '-' for the others. */
  const where =
    <T>(part: (m: Measured) => T | undefined, cell: (value: T, m: Measured) => string) =>
    (m: Measured) => {
      const value = part(m);
      return value === undefined ? '-' : cell(value, m);
    };

  const rows: string[][] = [
    ['', ...each((m) => m.name), 'target', ''],
    ['requests acked', ...each((m) => `${m.run.sent}/${requests}`), '', ''],
    [
      'errors: non-200 / network / unsent',
      ...each((m) => `${m.run.non200} / ${m.run.network} / ${requests - m.run.sent}`),
      '0',
      verdict(checks.errors),
    ],
    ['throughput', ...each((m) => `${rate(m.run).toFixed(0)} req/s`), '', ''],
    [
      '  throughput vs Bolt no-op',
      ...each((m) => times(rate(m.run) / rate(bolt.run))),
      `>= ${TARGETS.throughputVsBolt}x`,
      verdict(checks.throughput),
    ],
    ['  share of bare', ...each((m) => `${((rate(m.run) / rate(bare.run)) * 100).toFixed(1)}%`), '', ''],
    ['ack latency p50', ...each((m) => ms(percentile(m.run.latencies, 50))), '', ''],
    ['ack latency p99', ...each((m) => ms(percentile(m.run.latencies, 99))), `<= ${TARGETS.p99Ms} ms`, verdict(checks.p99)],
    ['ack latency max', ...each((m) => ms(percentile(m.run.latencies, 100))), `< ${TARGETS.maxMs} ms`, verdict(checks.max)],
    [
      `  paced at ${bot.paced?.rate.toFixed(0)} req/s: p50 / p99 / max`,
      ...each(
        where(
          (m) => m.paced?.run.latencies,
          (sorted) =>
            `${percentile(sorted, 50).toFixed(1)} / ${percentile(sorted, 99).toFixed(1)} / ${percentile(sorted, 100).toFixed(1)} ms`,
        ),
      ),
      '',
      '',
    ],
    ['  load generator loop delay max', ...each((m) => ms(m.run.generatorDelayMax)), '', ''],
    ['event loop delay p99 / max', ...each((m) => `${m.stats.loopDelay.p99.toFixed(0)} / ${m.stats.loopDelay.max.toFixed(0)} ms`), '', ''],
    ['peak RSS', ...each((m) => MB(peakRss(m.stats))), '', ''],
    [
      '  peak RSS vs Bolt no-op',
      ...each((m) => times(peakRss(m.stats) / peakRss(bolt.stats))),
      `<= ${TARGETS.rssVsBolt}x`,
      verdict(checks.rss),
    ],
    ['  RSS idle, before the load', ...each((m) => MB(m.stats.idleRss)), '', ''],
    [
      '  V8 heap at peak: reserved (young) / used',
      ...each((m) => `${MB(m.stats.heapAtPeak.total)} (${MB(m.stats.heapAtPeak.young)}) / ${MB(m.stats.heapAtPeak.used)}`),
      '',
      '',
    ],
    [
      'answers on response_url',
      ...each(
        where(
          (m) => m.answers,
          (answers) => `${answers.tally?.answered ?? 0}/${answers.expected}`,
        ),
      ),
      'all, valid',
      verdict(checks.answers),
    ],
    [
      '  invalid / apologies',
      ...each(
        where(
          (m) => m.answers,
          (answers) => `${invalidAnswers(answers)} / ${answers.tally?.apologies ?? 0}`,
        ),
      ),
      '0 / 0',
      '',
    ],
    [
      '  last answer after last ack',
      ...each(
        where(
          (m) => m.answers,
          (answers) => `${Math.max(0, (answers.tally?.lastAt ?? 0) - answers.lastAckAt)} ms`,
        ),
      ),
      '',
      '',
    ],
    ['log warnings / errors', ...each((m) => (m === bare ? '-' : `${m.stats.warnings} / ${m.stats.errors}`)), '', ''],
  ];
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  console.log('');
  for (const row of rows)
    console.log(
      row
        .map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!)))
        .join('  ')
        .trimEnd(),
    );
  console.log('');
  console.log(
    `concurrency ${concurrency}: ${bot.run.sent} requests in ${(bot.run.elapsedMs / 1000).toFixed(1)} s for the bot; whole bench ${totalS.toFixed(1)} s; bot heap limit ${MB(bot.stats.heapLimit)}; other Web API calls: ${JSON.stringify(otherCalls)}`,
  );
  for (const m of columns) {
    if (m.run.firstErrors.length) console.log(`first errors, ${m.name}: ${m.run.firstErrors.join('; ')}`);
    if (m.stats.firstProblems.length) console.log(`first log problems, ${m.name}: ${m.stats.firstProblems.join(' | ')}`);
    if (m.answers && invalidAnswers(m.answers) > 0)
      console.log(`answers of ${m.name}, by shape (expected: ${m.answers.shape}): ${JSON.stringify(m.answers.tally?.shapes)}`);
  }
  for (const m of columns) {
    const profile = m.stats.profile;
    if (!profile) continue;
    console.log('');
    console.log(`Where the CPU of ${m.name} went during the measured run (${profile.file}):`);
    const perRequest = (ms: number) => `${((ms / m.run.sent) * 1000).toFixed(0)} µs/request`;
    for (const [bucket, ms] of profile.buckets) {
      console.log(`  ${bucket.padEnd(58)}${`${((ms / profile.totalMs) * 100).toFixed(1)}%`.padStart(7)}  ${perRequest(ms).padStart(16)}`);
    }
  }
  const missed = Object.entries(checks)
    .filter(([name, pass]) => !pass && (!smoke || SMOKE_CHECKS.some((check) => check === name)))
    .map(([name]) => name);
  const met = smoke ? 'No errors, every answer valid (smoke run: timings not judged).' : 'All targets met.';
  console.log(missed.length === 0 ? met : `Targets missed: ${missed.join(', ')}.`);
  if (missed.length) process.exitCode = 1;
}
