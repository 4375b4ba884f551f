import { describe, expect, it } from 'vitest';
import { countAsSeen, dropPending, markPending, NEW_CHANNEL, recordPosted, subscribe, unsubscribe } from '../../src/digest/state.ts';
import { type DigestState, EMPTY_STATE, type PendingDigest } from '../../src/digest/store.ts';

const SLOT = '2026-03-30T07:30:00.000Z';
const pending: PendingDigest = {
  slot: SLOT,
  theme: 'autoscaling',
  talks: ['a1', 'a2', 'a3'],
  next: { cycle: 0, seen: ['a0', 'a1', 'a2', 'a3'] },
  startedAt: '2026-03-30T07:30:01.000Z',
};
const lastWeek = { slot: '2026-03-23T08:30:00.000Z', ts: '1.1', theme: 'costs' };
const seenA0: DigestState = { ...EMPTY_STATE, channels: { C1: { cycle: 0, seen: ['a0'], last: lastWeek } } };
const subscription = { by: 'U1', at: '2026-03-27T10:00:00.000Z', language: 'en' } as const;

describe('the digest state transitions', () => {
  it('start a channel nobody posted to from the first cycle, with nothing seen', () => {
    expect(markPending(EMPTY_STATE, 'C9', pending).channels.C9).toEqual({ ...NEW_CHANNEL, pending });
  });

  it('mark a digest in progress, then record it posted: its talks seen, its slot and ts the last digest', () => {
    const started = markPending(seenA0, 'C1', pending);
    expect(started.channels.C1).toEqual({ cycle: 0, seen: ['a0'], last: lastWeek, pending });
    expect(recordPosted(started, 'C1', pending, '2.2').channels.C1).toEqual({
      cycle: 0,
      seen: ['a0', 'a1', 'a2', 'a3'],
      last: { slot: SLOT, ts: '2.2', theme: 'autoscaling' },
    });
  });

  it('count a digest that may have gone out as seen, keeping the last known one; drop one that did not', () => {
    const started = markPending(seenA0, 'C1', pending);
    expect(countAsSeen(started, 'C1', pending).channels.C1).toEqual({ cycle: 0, seen: ['a0', 'a1', 'a2', 'a3'], last: lastWeek });
    expect(dropPending(started, 'C1')).toEqual(seenA0);
  });

  it('keep the first subscription of a channel, and change nothing, not even the object, when there is nothing to change', () => {
    const once = subscribe(EMPTY_STATE, 'C1', subscription);
    expect(once.subscriptions).toEqual({ C1: subscription });
    expect(subscribe(once, 'C1', { ...subscription, by: 'U2' })).toBe(once);
    expect(unsubscribe(EMPTY_STATE, 'C1')).toBe(EMPTY_STATE);
  });

  it('unsubscribe a channel and keep what it has seen', () => {
    const state = subscribe(seenA0, 'C1', subscription);
    expect(unsubscribe(state, 'C1')).toEqual({ ...seenA0, subscriptions: {} });
  });
});
