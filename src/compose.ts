import { hostname } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { type Bot, createBot } from './bot/answer.ts';
import { loadCatalogue } from './catalogue/load.ts';
import type { Catalogue } from './catalogue/model.ts';
import { type Clock, systemClock } from './clock.ts';
import type { Config } from './config.ts';
import { createDigest, type Digest } from './digest/create.ts';
import { createFileDigestStore, STATE_FILE } from './digest/file-store.ts';
import { DEFAULT_RETRY, type RetryPolicy } from './digest/poster.ts';
import type { DigestStore } from './digest/store.ts';
import { createFeedback } from './feedback/feedback.ts';
import type { Logger } from './log/logger.ts';
import { createMetrics, type Metrics, timedSearcher } from './metrics/metrics.ts';
import { connectRedis, type RedisConnection } from './redis/connection.ts';
import { createRedisDeduplicator } from './redis/dedupe.ts';
import { createRedisDigestStore } from './redis/digest-store.ts';
import { cachedSearcher } from './search/cached-searcher.ts';
import { createSearcher } from './search/searcher.ts';
import { createSlackApp, type SlackApp, type SlackAppOptions } from './slack/app.ts';
import { createEventDeduplicator } from './slack/dedupe.ts';
import { slackChannelAccess } from './slack/digest/channel-access.ts';
import { createDigestClient } from './slack/digest/client.ts';
import { slackDigestOutlet } from './slack/digest/outlet.ts';
import { slackPersonLookup } from './slack/digest/people.ts';

/**
 * This process in the digest's claims. A pod's hostname is its name, so a container restarted
 * in the same pod (pid 1 again) takes up its own claim at once; any other process waits for it to expire.
 */
const PROCESS_OWNER = `${hostname()}:${process.pid}`;

export interface CompositionOverrides {
  /** Instead of loading config.catalogueDir: the tests' fixture catalogue. */
  readonly catalogue?: Catalogue;
  readonly metrics?: Metrics;
  /** The "random" talk's dice, so tests know which talk it is. */
  readonly random?: () => number;
}

/** What tests change in the weekly digest; production takes none of these. */
export interface DigestOverrides {
  /** Instead of the state file under DATA_DIR: a store that crashes on cue, say. */
  readonly store?: DigestStore;
  readonly clock?: Clock;
  /** Waits between attempts to post; tests record them rather than wait. */
  readonly sleep?: (ms: number) => Promise<void>;
  readonly retry?: RetryPolicy;
  /** Stands for another process in the digest's claims: two digests in one test process are two replicas. */
  readonly owner?: string;
  readonly claimTtlMs?: number;
}

export interface SlackDoorOptions extends Omit<SlackAppOptions, 'config' | 'bot' | 'metrics'> {
  /** The weekly digest its bot answers `/kubecon digest` and the Home tab with; without it, they say it is off. */
  readonly digest?: Digest | undefined;
}

export interface Composition {
  readonly catalogue: Catalogue;
  readonly metrics: Metrics;
  /** The bot without the digest: the console's, where no channel can subscribe. */
  readonly bot: Bot;
  /** The weekly digest on this catalogue, posting to Slack with the bot token; built only by the doors that post. */
  digest(logger: Logger, overrides?: DigestOverrides): Digest;
  /** The Bolt app around this bot; what only a Slack door needs (logger, digest, port) is given here. */
  slackApp(options: SlackDoorOptions): SlackApp;
  /** The connection to REDIS_URL, opened by the first door that needs it; undefined without REDIS_URL. */
  redis(logger: Logger): RedisConnection | undefined;
  /** Closes what the doors opened (Redis). */
  close(): Promise<void>;
}

/**
 * The one wiring of the bot, shared by main.ts, `npm run digest`, the tests and the
 * benchmarks, so that what they exercise is what runs: config -> catalogue -> search
 * (cached, timed) -> bot -> Slack app, and the digest with its store and its Slack outlet.
 */
export async function compose(config: Config, overrides: CompositionOverrides = {}): Promise<Composition> {
  const catalogue = overrides.catalogue ?? (await loadCatalogue(config.catalogueDir));
  const metrics = overrides.metrics ?? createMetrics();
  const searcher = timedSearcher(cachedSearcher(createSearcher(catalogue)), metrics);
  const botWith = (digest?: Digest) =>
    createBot({ catalogue, searcher, random: overrides.random, digest: digest?.commands, personal: digest?.personalCommands });
  const bot = botWith();
  let redis: RedisConnection | undefined;
  const shared = (logger: Logger): RedisConnection | undefined => {
    if (config.redisUrl !== undefined) redis ??= connectRedis(config.redisUrl, logger);
    return redis;
  };
  return {
    catalogue,
    metrics,
    bot,
    digest(logger, digestOverrides = {}) {
      const client = createDigestClient(config.slack, logger);
      const file = createFileDigestStore(path.join(config.dataDir, STATE_FILE), { logger });
      const replicas = shared(logger);
      return createDigest({
        config,
        catalogue,
        // With Redis, DATA_DIR's state is imported into it once, so that going from one replica to several loses nothing.
        store: digestOverrides.store ?? (replicas ? createRedisDigestStore(replicas, { logger, importFrom: file }) : file),
        outlet: slackDigestOutlet(client, catalogue),
        access: slackChannelAccess(client, logger),
        people: slackPersonLookup(client),
        clock: digestOverrides.clock ?? systemClock,
        sleep: digestOverrides.sleep ?? ((ms) => sleep(ms)),
        retry: digestOverrides.retry ?? DEFAULT_RETRY,
        owner: digestOverrides.owner ?? PROCESS_OWNER,
        claimTtlMs: digestOverrides.claimTtlMs,
        logger,
        metrics,
      });
    },
    slackApp: ({ digest, ...options }) => {
      const replicas = shared(options.logger);
      return createSlackApp({
        config,
        bot: digest === undefined ? bot : botWith(digest),
        metrics,
        // Kept beside the digest's state, so that every replica counts into the same figures.
        ...(digest && { feedback: createFeedback({ store: digest.store, searchGaps: config.searchGaps }) }),
        ...(replicas && {
          events: createRedisDeduplicator(replicas, { local: createEventDeduplicator(), logger: options.logger, metrics }),
          readiness: () => ({ redis: replicas.ready }),
        }),
        ...options,
      });
    },
    redis: shared,
    close: async () => {
      await redis?.close();
    },
  };
}
