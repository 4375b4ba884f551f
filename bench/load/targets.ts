import { answersOk, errors, type Measured, peakRss, percentile, rate } from './stats.ts';

/**
 * Issue 13's targets, relative to a no-op Bolt app measured in the same run: absolute figures
 * would judge the machine as much as the bot.
 */
export const TARGETS = { throughputVsBolt: 1.5, rssVsBolt: 0.8, p99Ms: 50, maxMs: 3000 } as const;

export type Check = 'errors' | 'throughput' | 'p99' | 'max' | 'rss' | 'answers';

/** Which targets the bot meets, against the no-op Bolt app. */
export function judge(bot: Measured, bolt: Measured, requests: number): Record<Check, boolean> {
  const paced = bot.paced?.run;
  return {
    errors: errors(bot.run, requests) + (paced ? paced.non200 + paced.network : 0) === 0,
    throughput: rate(bot.run) / rate(bolt.run) >= TARGETS.throughputVsBolt,
    p99: percentile(bot.run.latencies, 99) <= TARGETS.p99Ms,
    max: percentile(bot.run.latencies, 100) < TARGETS.maxMs,
    rss: peakRss(bot.stats) / peakRss(bolt.stats) <= TARGETS.rssVsBolt,
    answers: bot.answers !== undefined && answersOk(bot.answers),
  };
}

/** A smoke run judges only what does not depend on the machine's speed. */
export const SMOKE_CHECKS: readonly Check[] = ['errors', 'answers'];
