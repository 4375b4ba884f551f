import type { Clock } from '../clock.ts';
import type { Logger } from '../log/logger.ts';
import type { DigestRunner } from './runner.ts';
import { type DigestSchedule, slotId } from './schedule.ts';

/** A slot missed while the bot was down is still worth posting this late; a Monday digest on Tuesday is not. */
export const CATCH_UP_MS = 12 * 60 * 60 * 1000;
/**
 * The longest single wait: timers drift while a laptop sleeps or a VM is paused, and Node
 * cannot wait more than 24.8 days at once. Waking up hourly to look at the clock costs nothing.
 */
const MAX_WAIT_MS = 60 * 60 * 1000;
/** Looks again this long after another process's claim expires, so that the claim has expired by then. */
const CLAIM_MARGIN_MS = 1000;
/** Tries a slot again this soon when the digest's state could not be read or saved (Redis down): the digest is late by minutes, not a week. */
const STORE_RETRY_MS = 60_000;

export interface DigestScheduler {
  /** Posts the latest slot if it was missed by less than 12 hours, then follows the schedule. Resolves when that catch-up is done. */
  start(): Promise<void>;
  /** Stops the timer and waits for a run in progress. */
  stop(): Promise<void>;
}

export interface SchedulerDependencies {
  readonly schedule: DigestSchedule;
  readonly runner: Pick<DigestRunner, 'run' | 'missing'>;
  readonly logger: Logger;
  readonly clock: Clock;
}

/**
 * The in-process schedule (DIGEST_SCHEDULER=on). It may fire twice for a slot or start up
 * inside one: the poster makes that harmless, each channel gets a slot's digest once.
 */
export function createDigestScheduler({ schedule, runner, logger, clock }: SchedulerDependencies): DigestScheduler {
  const log = logger.child({ component: 'digest-scheduler' });
  const running = new Set<Promise<void>>();
  let timer: unknown;
  const retries = new Set<unknown>();
  let stopped = false;

  function track(work: Promise<unknown>): Promise<void> {
    const done = work.then(
      () => undefined,
      (error: unknown) => log.error('The digest run failed', { error }),
    );
    running.add(done);
    void done.then(() => running.delete(done));
    return done;
  }

  /** Runs `slot` again at `at`, if the scheduler still runs then; `due` skips it once it is 12 hours late. */
  function again(slot: Date, at: number): void {
    if (stopped) return;
    const retry = clock.setTimeout(
      () => {
        retries.delete(retry);
        if (!stopped) void track(due(slot));
      },
      Math.max(0, at - clock.now().getTime()),
    );
    retries.add(retry);
  }

  /** Runs `slot` unless it is 12 hours late or more; a skipped slot is said in the log, with the channels that miss it. */
  async function due(slot: Date): Promise<void> {
    const lateMs = clock.now().getTime() - slot.getTime();
    if (lateMs < CATCH_UP_MS) {
      let outcomes: Awaited<ReturnType<typeof runner.run>>;
      try {
        outcomes = await runner.run(slot);
      } catch (error) {
        log.error('The digest run failed: its state could not be read; trying again in a minute', { slot: slotId(slot), error });
        again(slot, clock.now().getTime() + STORE_RETRY_MS);
        return;
      }
      // Another process holds some of this slot's posts: should it die, they are taken over once its claims expire.
      const until = outcomes.flatMap(({ result }) => (result.status === 'in-progress-elsewhere' ? [Date.parse(result.until)] : []));
      if (until.length > 0) again(slot, Math.max(...until) + CLAIM_MARGIN_MS);
      else if (outcomes.some(({ result }) => result.status === 'failed' && result.storeFailed)) {
        log.warn('Some channels missed the digest because its state could not be saved; trying them again in a minute', {
          slot: slotId(slot),
        });
        again(slot, clock.now().getTime() + STORE_RETRY_MS);
      }
      return;
    }
    const missing = await runner.missing(slot);
    if (missing.length > 0) {
      log.warn('Skipped a digest missed while the bot was down: more than 12 hours late', {
        slot: slotId(slot),
        hoursLate: Math.floor(lateMs / 3_600_000),
        channels: missing,
      });
    }
  }

  function arm(): void {
    if (stopped) return;
    const now = clock.now();
    const next = schedule.next(now);
    if (next === undefined) {
      log.warn('DIGEST_CRON has no future run: no more digests will be scheduled');
      return;
    }
    timer = clock.setTimeout(
      () => {
        timer = undefined;
        if (stopped) return;
        if (clock.now() >= next) void track(due(next));
        arm();
      },
      Math.min(next.getTime() - now.getTime(), MAX_WAIT_MS),
    );
  }

  return {
    start() {
      const latest = schedule.latest(clock.now());
      const catchUp = latest === undefined ? Promise.resolve() : track(due(latest));
      arm();
      log.info('Digest scheduler started', { next: schedule.next(clock.now())?.toISOString(), timezone: schedule.timezone });
      return catchUp;
    },
    async stop() {
      stopped = true;
      if (timer !== undefined) clock.clearTimeout(timer);
      for (const retry of retries) clock.clearTimeout(retry);
      await Promise.all(running);
    },
  };
}
