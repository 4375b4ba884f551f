import { describe, expect, it } from 'vitest';
import { createSchedule, repetition } from '../../src/digest/schedule.ts';

const schedule = (cron: string) => createSchedule({ cron, timezone: 'Europe/Paris' });

describe('how a schedule comes round', () => {
  it('is weekly or daily only when every run says so, across a change of daylight saving time', () => {
    // The clocks go forward on Sunday 29 March 2026.
    const friday = new Date('2026-03-20T10:00:00Z');
    expect(repetition(schedule('30 9 * * 1'), friday)).toBe('weekly');
    expect(repetition(schedule('0 8 * * *'), friday)).toBe('daily');
    expect(repetition(schedule('30 9 * * 1-5'), friday)).toBeUndefined();
    expect(repetition(schedule('30 9 * * 1,4'), friday)).toBeUndefined();
    expect(repetition(schedule('30 9 1 * *'), friday)).toBeUndefined();
    expect(repetition(schedule('*/10 * * * *'), friday)).toBeUndefined();
    expect(repetition(schedule('0 9 30 2 *'), friday)).toBeUndefined();
  });
});
