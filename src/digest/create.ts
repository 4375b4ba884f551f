import path from 'node:path';
import type { Catalogue } from '../catalogue/model.ts';
import type { Config } from '../config.ts';
import type { Logger } from '../log/logger.ts';
import type { Metrics } from '../metrics/metrics.ts';
import { createDigestCommands, type DigestCommands } from './commands.ts';
import { createComposer, type DigestComposer } from './compose.ts';
import { createPoster, type RetryPolicy } from './poster.ts';
import { createRunner, type DigestRunner } from './runner.ts';
import { createSchedule, type DigestSchedule } from './schedule.ts';
import { type Clock, createDigestScheduler, type DigestScheduler, systemClock } from './scheduler.ts';
import { createDigestClient } from './slack-client.ts';
import { createFileDigestStore, type DigestStore, STATE_FILE } from './store.ts';

export interface DigestOptions {
  readonly config: Pick<Config, 'slack' | 'language' | 'dataDir' | 'digest'>;
  readonly catalogue: Catalogue;
  readonly logger: Logger;
  readonly metrics?: Pick<Metrics, 'digest'> | undefined;
  /** Tests: a fake clock, no real waits between retries, another store. */
  readonly clock?: Clock;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly retry?: RetryPolicy;
  readonly store?: DigestStore;
}

/** The weekly digest, wired: what the bot (commands, scheduler) and `npm run digest` (runner, dry run) use. */
export interface Digest {
  readonly store: DigestStore;
  readonly schedule: DigestSchedule;
  readonly composer: DigestComposer;
  readonly runner: DigestRunner;
  readonly commands: DigestCommands;
  /** Created stopped; main.ts starts it when DIGEST_SCHEDULER is on. */
  readonly scheduler: DigestScheduler;
}

export function createDigest({ config, catalogue, logger, metrics, clock = systemClock, sleep, retry, store }: DigestOptions): Digest {
  const schedule = createSchedule(config.digest);
  const digestStore = store ?? createFileDigestStore(path.join(config.dataDir, STATE_FILE));
  const client = createDigestClient(config.slack, logger);
  const composer = createComposer(catalogue);
  const now = () => clock.now();
  const poster = createPoster({
    store: digestStore,
    client,
    composer,
    logger,
    metrics,
    now,
    ...(sleep ? { sleep } : {}),
    ...(retry ? { retry } : {}),
  });
  const runner = createRunner({ store: digestStore, poster, configured: config.digest.channels, language: config.language, logger });
  const commands = createDigestCommands({
    store: digestStore,
    client,
    composer,
    schedule,
    catalogue,
    configured: config.digest.channels,
    language: config.language,
    logger,
    now,
  });
  const scheduler = createDigestScheduler({ schedule, runner, logger, clock });
  return { store: digestStore, schedule, composer, runner, commands, scheduler };
}
