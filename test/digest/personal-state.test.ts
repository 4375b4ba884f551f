import { describe, expect, it } from 'vitest';
import { resume, setTopics, snooze, stop } from '../../src/digest/personal-state.ts';
import { EMPTY_STATE } from '../../src/digest/store.ts';

const PROFILE = { language: 'en', timezone: 'Europe/Paris', dm: 'D1' } as const;
const MONDAY = new Date('2026-03-02T10:00:00Z');
const LATER = new Date('2026-03-20T10:00:00Z');

describe('a person’s weekly DM, as state changes', () => {
  const following = setTopics(EMPTY_STATE, 'U1', ['costs', 'costs', 'security'], PROFILE, MONDAY);

  it('follows each topic once, from now', () => {
    expect(following.people?.U1).toEqual({ ...PROFILE, topics: ['costs', 'security'], since: MONDAY.toISOString() });
  });

  it('keeps its start when topics change, and starts again after Stop', () => {
    expect(setTopics(following, 'U1', ['costs'], PROFILE, LATER).people?.U1?.since).toBe(MONDAY.toISOString());
    const again = setTopics(stop(following, 'U1'), 'U1', ['costs'], PROFILE, LATER);
    expect(again.people?.U1).toMatchObject({ topics: ['costs'], since: LATER.toISOString() });
  });

  it('writes nothing for a change that changes nothing', () => {
    expect(setTopics(following, 'U1', ['costs', 'security'], PROFILE, LATER)).toBe(following);
    expect(stop(EMPTY_STATE, 'U1')).toBe(EMPTY_STATE);
    expect(resume(following, 'U1', LATER)).toBe(following);
  });

  it('leaves no snooze behind once nothing is followed, nor after a restart', () => {
    const snoozed = snooze(following, 'U1', LATER);
    expect(snoozed.people?.U1?.snoozedUntil).toBe(LATER.toISOString());
    expect(setTopics(snoozed, 'U1', ['security'], PROFILE, MONDAY).people?.U1?.snoozedUntil).toBe(LATER.toISOString());
    const emptied = setTopics(snoozed, 'U1', [], PROFILE, MONDAY);
    expect(emptied.people?.U1?.snoozedUntil).toBeUndefined();
    expect(setTopics(emptied, 'U1', ['costs'], PROFILE, MONDAY).people?.U1?.snoozedUntil).toBeUndefined();
    expect(stop(snoozed, 'U1').people?.U1).toMatchObject({ topics: [] });
    expect(stop(snoozed, 'U1').people?.U1?.snoozedUntil).toBeUndefined();
    expect(resume(snoozed, 'U1', LATER).people?.U1?.snoozedUntil).toBeUndefined();
  });
});
