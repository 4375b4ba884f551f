import { Cron } from 'croner';
import type { Config } from '../config.ts';
import { ConfigError } from '../config-error.ts';

/** When digests go out: DIGEST_CRON read in DIGEST_TIMEZONE. */
export interface DigestSchedule {
  readonly timezone: string;
  /** The first slot strictly after `after`. */
  next(after: Date): Date | undefined;
  /** The latest slot at or before `at`. */
  latest(at: Date): Date | undefined;
}

/** An instant of the schedule with the schedule's time zone: a digest time reads the same for every reader. */
export interface SlotTime {
  readonly at: Date;
  readonly timezone: string;
}

/** How a schedule comes round, in a form a sentence can say: every week, every day, or neither (weekdays only, twice a week, monthly). */
export type Repetition = 'weekly' | 'daily' | undefined;

const DAY_MS = 86_400_000;
/** Enough runs for a weekday-only or twice-a-week cron to break the pattern. */
const RUNS_COMPARED = 6;

/**
 * Whether the runs after `after` fall at the same local time every day, or every seven days. Read off the runs rather than the cron text, so
 * that any cron croner accepts is described truly, or not described.
 */
export function repetition(schedule: DigestSchedule, after: Date): Repetition {
  const runs: Date[] = [];
  for (let at = schedule.next(after); at !== undefined && runs.length < RUNS_COMPARED; at = schedule.next(at)) runs.push(at);
  if (runs.length < RUNS_COMPARED) return undefined;
  const clock = new Intl.DateTimeFormat('en-GB', { timeZone: schedule.timezone, timeStyle: 'medium', hourCycle: 'h23' });
  const sameTime = new Set(runs.map((run) => clock.format(run))).size === 1;
  // Rounded: a daylight saving change makes one gap an hour longer or shorter.
  const gaps = new Set(runs.slice(1).map((run, index) => Math.round((run.getTime() - runs[index]!.getTime()) / DAY_MS)));
  if (!sameTime || gaps.size !== 1) return undefined;
  return gaps.has(7) ? 'weekly' : gaps.has(1) ? 'daily' : undefined;
}

/**
 * A slot is the instant a digest is due, written as an ISO string: what the store records
 * and what each posted message carries in its metadata, so it must be the same for every
 * process that computes it.
 */
export const slotId = (slot: Date): string => slot.toISOString();

/**
 * croner computes the times (time zones and daylight saving included: Monday 09:30 in Paris
 * stays 09:30 local across both changes); it runs no timer here. The scheduler keeps its own,
 * driven by an injectable clock, so tests can move time.
 */
export function createSchedule({ cron, timezone }: Pick<Config['digest'], 'cron' | 'timezone'>): DigestSchedule {
  let pattern: Cron;
  try {
    pattern = new Cron(cron, { timezone, mode: '5-or-6-parts' });
  } catch (error) {
    throw new ConfigError([
      `DIGEST_CRON ("${cron}") is not a valid cron expression: ${(error as Error).message}. Example: "30 9 * * 1" (Mondays 09:30)`,
    ]);
  }
  return {
    timezone,
    next: (after) => pattern.nextRun(after) ?? undefined,
    // croner's previousRuns leaves out a run at the very reference instant; 1 ms later includes it.
    latest: (at) => pattern.previousRuns(1, new Date(at.getTime() + 1))[0],
  };
}
