import { describe, expect, it } from 'vitest';
import { createEventDeduplicator, EVENT_TTL_MS } from '../../src/slack/dedupe.ts';

describe('event deduplicator', () => {
  it('answers an event once and ignores its retries', async () => {
    const events = createEventDeduplicator();
    let runs = 0;
    const work = async () => {
      runs += 1;
      return true;
    };
    expect(await events.once('T1:Ev1', work)).toBe('answered');
    expect(await events.once('T1:Ev1', work)).toBe('duplicate');
    expect(await events.once('T2:Ev1', work)).toBe('answered');
    expect(runs).toBe(2);
  });

  it('answers the retry of a delivery that failed, by result or by throw', async () => {
    const events = createEventDeduplicator();
    expect(await events.once('T1:Ev1', async () => false)).toBe('failed');
    expect(await events.once('T1:Ev1', async () => true)).toBe('answered');
    await expect(events.once('T1:Ev2', async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await events.once('T1:Ev2', async () => true)).toBe('answered');
  });

  it('makes a retry that arrives mid-flight wait for the first outcome', async () => {
    const events = createEventDeduplicator();
    let finishFirst: (answered: boolean) => void = () => {};
    const first = events.once('T1:Ev1', () => new Promise<boolean>((resolve) => (finishFirst = resolve)));
    let retried = 0;
    const retry = events.once('T1:Ev1', async () => {
      retried += 1;
      return true;
    });
    finishFirst(false);
    expect(await first).toBe('failed');
    expect(await retry).toBe('answered');
    expect(retried).toBe(1);
  });

  it('forgets events after the TTL, which outlasts Slack retries, and stays bounded', async () => {
    // A clock that starts past 0, as real ones do: lru-cache takes a start time of 0 for "no TTL".
    const start = 1_000_000;
    let now = start;
    const events = createEventDeduplicator({ now: () => now, maxEntries: 3 });
    await events.once('T1:Ev1', async () => true);
    now += 6 * 60_000;
    expect(await events.once('T1:Ev1', async () => true)).toBe('duplicate');
    now = start + EVENT_TTL_MS + 1;
    expect(await events.once('T1:Ev1', async () => true)).toBe('answered');
    for (const id of ['a', 'b', 'c', 'd', 'e']) await events.once(id, async () => true);
    expect(events.size).toBe(3);
  });
});
