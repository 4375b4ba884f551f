import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config-error.ts';
import type { ChannelOutcome } from '../../src/digest/runner.ts';
import { createSchedule } from '../../src/digest/schedule.ts';
import { createDigestScheduler } from '../../src/digest/scheduler.ts';
import { capturingLogger, fakeClock } from './helpers.ts';

const PARIS = { cron: '30 9 * * 1', timezone: 'Europe/Paris', channels: [], scheduler: true };
const schedule = createSchedule(PARIS);

const parisTime = (at: Date) =>
  new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Paris', weekday: 'long', hour: '2-digit', minute: '2-digit' }).format(at);

/** Runs the scheduler on a fake clock from `from` to `to`; returns each slot it fired, with the clock's time then. */
async function fire(from: string, to: string): Promise<{ slot: string; at: string }[]> {
  const clock = fakeClock(from);
  const fired: { slot: string; at: string }[] = [];
  const scheduler = createDigestScheduler({
    schedule,
    clock,
    logger: capturingLogger().logger,
    runner: {
      run: async (slot): Promise<ChannelOutcome[]> => {
        fired.push({ slot: slot.toISOString(), at: clock.now().toISOString() });
        return [];
      },
      missing: async () => [],
    },
  });
  await scheduler.start();
  await clock.advanceTo(to);
  await scheduler.stop();
  return fired;
}

describe('the digest schedule', () => {
  it('keeps Monday 09:30 in Paris across the change to summer time (Sunday 29 March 2026)', async () => {
    const fired = await fire('2026-03-20T12:00:00Z', '2026-04-01T00:00:00Z');
    expect(fired).toEqual([
      { slot: '2026-03-23T08:30:00.000Z', at: '2026-03-23T08:30:00.000Z' },
      { slot: '2026-03-30T07:30:00.000Z', at: '2026-03-30T07:30:00.000Z' },
    ]);
    expect(fired.map(({ at }) => parisTime(new Date(at)))).toEqual(['Monday 09:30', 'Monday 09:30']);
  });

  it('keeps Monday 09:30 in Paris across the change to winter time (Sunday 25 October 2026)', async () => {
    const fired = await fire('2026-10-16T12:00:00Z', '2026-10-28T00:00:00Z');
    expect(fired.map(({ at }) => at)).toEqual(['2026-10-19T07:30:00.000Z', '2026-10-26T08:30:00.000Z']);
    expect(fired.map(({ at }) => parisTime(new Date(at)))).toEqual(['Monday 09:30', 'Monday 09:30']);
  });

  it('fires once per slot, however the clock moves through the week', async () => {
    const fired = await fire('2026-05-04T07:00:00Z', '2026-05-26T00:00:00Z');
    expect(fired.map(({ slot }) => slot)).toEqual([
      '2026-05-04T07:30:00.000Z',
      '2026-05-11T07:30:00.000Z',
      '2026-05-18T07:30:00.000Z',
      '2026-05-25T07:30:00.000Z',
    ]);
  });

  it('counts a slot as the latest one from its very instant', () => {
    expect(schedule.latest(new Date('2026-03-30T07:30:00.000Z'))?.toISOString()).toBe('2026-03-30T07:30:00.000Z');
    expect(schedule.latest(new Date('2026-03-30T07:29:59.999Z'))?.toISOString()).toBe('2026-03-23T08:30:00.000Z');
    expect(schedule.next(new Date('2026-03-30T07:30:00.000Z'))?.toISOString()).toBe('2026-04-06T07:30:00.000Z');
  });

  it('refuses a cron expression croner cannot read, as a configuration error', () => {
    expect(() => createSchedule({ ...PARIS, cron: '30 9 * * monday-ish' })).toThrow(ConfigError);
    expect(() => createSchedule({ ...PARIS, cron: '30 9 * * monday-ish' })).toThrow(/DIGEST_CRON/);
  });
});

describe('the digest schedule when the state cannot be reached', () => {
  /** A runner whose store is down for the first `failures` runs: thrown before any channel, or per channel. */
  async function withStoreDown(how: 'thrown' | 'per-channel', failures: number) {
    const clock = fakeClock('2026-05-04T07:00:00Z');
    const runs: string[] = [];
    const { logger, logs } = capturingLogger();
    const scheduler = createDigestScheduler({
      schedule,
      clock,
      logger,
      runner: {
        run: async (): Promise<ChannelOutcome[]> => {
          runs.push(clock.now().toISOString());
          if (runs.length > failures) return [{ channel: 'C1', result: { status: 'posted', ts: '1.1' } }];
          if (how === 'thrown') throw new Error('Redis is down');
          return [{ channel: 'C1', result: { status: 'failed', reason: 'Redis is down', maybePosted: false, storeFailed: true } }];
        },
        missing: async () => [],
      },
    });
    await scheduler.start();
    // Step timer by timer: each retry is set once the run before it has failed.
    for (let step = 0; step < 10; step += 1) {
      await new Promise((resolve) => setTimeout(resolve, 5));
      await clock.advanceTo(new Date(Math.min(clock.nextTimer()?.getTime() ?? Infinity, Date.parse('2026-05-04T07:40:00Z'))));
    }
    await scheduler.stop();
    return { runs, logs };
  }

  it.each(['thrown', 'per-channel'] as const)('tries the slot again a minute later until the store is back (%s)', async (how) => {
    const { runs, logs } = await withStoreDown(how, 2);
    expect(runs).toEqual(['2026-05-04T07:30:00.000Z', '2026-05-04T07:31:00.000Z', '2026-05-04T07:32:00.000Z']);
    expect(logs.filter((line) => line.level === 'error' || line.level === 'warn').length).toBeGreaterThanOrEqual(2);
  });
});
