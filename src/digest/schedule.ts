import { Cron } from 'croner';
import { type Config, ConfigError } from '../config.ts';

/** When digests go out: DIGEST_CRON read in DIGEST_TIMEZONE. */
export interface DigestSchedule {
  readonly timezone: string;
  /** The first slot strictly after `after`. */
  next(after: Date): Date | undefined;
  /** The latest slot at or before `at`. */
  latest(at: Date): Date | undefined;
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
export function createSchedule({ cron, timezone }: Config['digest']): DigestSchedule {
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
