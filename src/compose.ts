import { type Bot, createBot } from './bot/answer.ts';
import { loadCatalogue } from './catalogue/load.ts';
import type { Catalogue } from './catalogue/model.ts';
import type { Config } from './config.ts';
import { createMetrics, type Metrics, timedSearcher } from './metrics/metrics.ts';
import { cachedSearcher } from './search/cached-searcher.ts';
import { createSearcher } from './search/searcher.ts';
import { createSlackApp, type SlackApp, type SlackAppOptions } from './slack/app.ts';

export interface CompositionOverrides {
  /** Instead of loading config.catalogueDir: the tests' fixture catalogue. */
  readonly catalogue?: Catalogue;
  readonly metrics?: Metrics;
  /** The "random" talk's dice, so tests know which talk it is. */
  readonly random?: () => number;
}

export interface Composition {
  readonly catalogue: Catalogue;
  readonly metrics: Metrics;
  readonly bot: Bot;
  /** The Bolt app around this bot; what only a Slack door needs (logger, digest, port) is given here. */
  slackApp(options: Omit<SlackAppOptions, 'config' | 'bot' | 'metrics'>): SlackApp;
}

/**
 * The one wiring of the bot, shared by main.ts, the tests and the benchmarks, so that what
 * they exercise is what runs: config -> catalogue -> search (cached, timed) -> bot -> Slack app.
 */
export async function compose(config: Config, overrides: CompositionOverrides = {}): Promise<Composition> {
  const catalogue = overrides.catalogue ?? (await loadCatalogue(config.catalogueDir));
  const metrics = overrides.metrics ?? createMetrics();
  const searcher = timedSearcher(cachedSearcher(createSearcher(catalogue)), metrics);
  const bot = createBot({ catalogue, searcher, random: overrides.random });
  return { catalogue, metrics, bot, slackApp: (options) => createSlackApp({ config, bot, metrics, ...options }) };
}
