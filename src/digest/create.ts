import type { Catalogue } from '../catalogue/model.ts';
import type { Clock } from '../clock.ts';
import type { Config } from '../config.ts';
import type { Logger } from '../log/logger.ts';
import type { Metrics } from '../metrics/metrics.ts';
import { type ChannelAccess, createDigestCommands, type DigestCommands } from './commands.ts';
import { createDryRun, type DigestDryRun } from './dry-run.ts';
import { createPersonalDigest, type PersonalDigest, personalSchedules } from './personal.ts';
import { createPersonalCommands, type PersonalCommands, type PersonLookup } from './personal-commands.ts';
import { createPlanner, type DigestPlanner } from './plan.ts';
import { createPoster, type DigestOutlet, type RetryPolicy } from './poster.ts';
import { createRunner, type DigestRunner } from './runner.ts';
import { createSchedule, type DigestSchedule } from './schedule.ts';
import { createDigestScheduler, type DigestScheduler } from './scheduler.ts';
import type { DigestStore } from './store.ts';

/** Everything the digest is given; src/compose.ts chooses each, tests replace some. */
export interface DigestDependencies {
  readonly config: Pick<Config, 'language' | 'digest'>;
  readonly catalogue: Catalogue;
  readonly store: DigestStore;
  readonly outlet: DigestOutlet;
  readonly access: ChannelAccess;
  /** What a person's weekly DM needs of Slack: their DM and time zone. */
  readonly people: PersonLookup;
  readonly clock: Clock;
  readonly sleep: (ms: number) => Promise<void>;
  readonly retry: RetryPolicy;
  /** Who this process is in the digest's claims (see poster.ts), and how long a claim holds. */
  readonly owner: string;
  readonly claimTtlMs?: number | undefined;
  readonly logger: Logger;
  readonly metrics?: Pick<Metrics, 'digest'> | undefined;
}

/** The weekly digest, wired: what the bot (commands, scheduler) and `npm run digest` (runner, dry run) use. */
export interface Digest {
  readonly store: DigestStore;
  readonly schedule: DigestSchedule;
  readonly planner: DigestPlanner;
  readonly runner: DigestRunner;
  readonly commands: DigestCommands;
  readonly dryRun: DigestDryRun;
  /** Created stopped; main.ts starts it when DIGEST_SCHEDULER is on. */
  readonly scheduler: DigestScheduler;
  /** People's weekly DMs (`/kubecon follow`), created stopped; the bot starts it. */
  readonly personal: PersonalDigest;
  readonly personalCommands: PersonalCommands;
}

export function createDigest({
  config,
  catalogue,
  store,
  outlet,
  access,
  people,
  clock,
  sleep,
  retry,
  owner,
  claimTtlMs,
  logger,
  metrics,
}: DigestDependencies): Digest {
  const schedule = createSchedule(config.digest);
  const planner = createPlanner(catalogue);
  const now = () => clock.now();
  const poster = createPoster({ store, outlet, planner, logger, metrics, now, sleep, retry, owner, claimTtlMs });
  const runner = createRunner({ store, poster, configured: config.digest.channels, language: config.language, logger });
  const commands = createDigestCommands({
    store,
    access,
    outlet,
    planner,
    schedule,
    catalogue,
    configured: config.digest.channels,
    language: config.language,
    logger,
    now,
  });
  const dryRun = createDryRun({ runner, store, planner, access, schedule, now });
  const scheduler = createDigestScheduler({ schedule, runner, logger, clock });
  const schedules = personalSchedules(config.digest.cron);
  const personal = createPersonalDigest({ store, poster, schedules, clock, logger });
  const personalCommands = createPersonalCommands({
    store,
    people,
    schedules,
    digest: personal,
    timezone: config.digest.timezone,
    logger,
    now,
  });
  return { store, schedule, planner, runner, commands, dryRun, scheduler, personal, personalCommands };
}
