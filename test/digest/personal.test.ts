import { describe, expect, it } from 'vitest';
import { createPersonalDigest, dueSlot, nextDm, personalSchedules } from '../../src/digest/personal.ts';
import { createPersonalCommands } from '../../src/digest/personal-commands.ts';
import { resume, setTopics, snooze } from '../../src/digest/personal-state.ts';
import type { DigestPoster } from '../../src/digest/poster.ts';
import { type DigestState, DigestStateError, type DigestStore, EMPTY_STATE } from '../../src/digest/store.ts';
import { capturingLogger, fakeClock } from './helpers.ts';

const schedules = personalSchedules('30 9 * * 1');
const person = (state: DigestState, user: string, timezone: string, at: string) =>
  setTopics(state, user, ['costs'], { language: 'en', timezone, dm: `D${user.slice(1)}` }, new Date(at));

/** A store in memory that can be taken down, as Redis can. */
function flakyStore(initial: DigestState): DigestStore & { down: boolean } {
  let state = initial;
  const store = {
    down: false,
    location: 'memory',
    async read() {
      if (store.down) throw new DigestStateError('Redis is down');
      return state;
    },
    async update(change: (state: DigestState) => DigestState) {
      if (store.down) throw new DigestStateError('Redis is down');
      state = change(state);
      return state;
    },
  };
  return store;
}

/** Records what would be posted, and records it as posted, as the real poster does. */
function recordingPoster(store: DigestStore): DigestPoster & { posts: string[] } {
  const posts: string[] = [];
  return {
    posts,
    async post(channel, slot) {
      posts.push(`${channel}@${slot}`);
      await store.update((state) => ({
        ...state,
        channels: { ...state.channels, [channel]: { cycle: 0, seen: [], last: { slot, ts: '1.1', theme: 'costs' } } },
      }));
      return { status: 'posted', ts: '1.1' };
    },
  };
}

async function settle(clock: ReturnType<typeof fakeClock>, until: string) {
  for (;;) {
    for (let waited = 0; clock.nextTimer() === undefined; waited += 1) {
      if (waited > 2000) throw new Error('no timer set');
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
    if (clock.nextTimer()! > new Date(until)) break;
    await clock.advanceTo(clock.nextTimer()!);
  }
  await clock.advanceTo(until);
}

describe('when a person’s DM is due', () => {
  const state = person(EMPTY_STATE, 'U1', 'Asia/Kolkata', '2026-03-01T00:00:00Z').people!.U1!;
  const schedule = schedules.of('Asia/Kolkata');

  it('at 09:30 in their zone (04:00 UTC in Kolkata), for 12 hours', () => {
    expect(dueSlot(state, schedule, new Date('2026-03-02T03:59:00Z'))).toBeUndefined();
    expect(dueSlot(state, schedule, new Date('2026-03-02T04:00:00Z'))).toEqual(new Date('2026-03-02T04:00:00Z'));
    expect(dueSlot(state, schedule, new Date('2026-03-02T15:59:00Z'))).toEqual(new Date('2026-03-02T04:00:00Z'));
    expect(dueSlot(state, schedule, new Date('2026-03-02T16:00:00Z'))).toBeUndefined();
  });

  it('not for a slot before they followed, nor during a snooze', () => {
    const late = person(EMPTY_STATE, 'U1', 'Asia/Kolkata', '2026-03-02T05:00:00Z').people!.U1!;
    expect(dueSlot(late, schedule, new Date('2026-03-02T06:00:00Z'))).toBeUndefined();
    const snoozed = snooze(person(EMPTY_STATE, 'U1', 'Asia/Kolkata', '2026-03-01T00:00:00Z'), 'U1', new Date('2026-03-10T00:00:00Z'))
      .people!.U1!;
    expect(dueSlot(snoozed, schedule, new Date('2026-03-02T06:00:00Z'))).toBeUndefined();
    expect(dueSlot(snoozed, schedule, new Date('2026-03-16T06:00:00Z'))).toEqual(new Date('2026-03-16T04:00:00Z'));
  });
});

describe('one DM a week, whatever the person does', () => {
  const paris = person(EMPTY_STATE, 'U1', 'Europe/Paris', '2026-03-01T00:00:00Z');

  it('after Resume, not the slot the snooze skipped that morning: the next one, as promised', () => {
    const snoozed = snooze(paris, 'U1', new Date('2026-04-01T00:00:00Z'));
    const back = resume(snoozed, 'U1', new Date('2026-03-09T17:00:00Z')).people!.U1!;
    const schedule = schedules.of('Europe/Paris');
    expect(dueSlot(back, schedule, new Date('2026-03-09T17:30:00Z'))).toBeUndefined();
    expect(nextDm(back, schedule, new Date('2026-03-09T17:30:00Z'))).toEqual(new Date('2026-03-16T08:30:00Z'));
  });

  it('after a move west the same day: the DM of the new zone’s Monday is the week’s DM already sent', () => {
    const moved = person(paris, 'U1', 'America/New_York', '2026-03-09T10:00:00Z').people!.U1!;
    const schedule = schedules.of('America/New_York');
    const sent = '2026-03-09T08:30:00.000Z';
    expect(dueSlot(moved, schedule, new Date('2026-03-09T13:30:00Z'), sent)).toBeUndefined();
    expect(nextDm(moved, schedule, new Date('2026-03-09T10:00:00Z'), sent)).toEqual(new Date('2026-03-16T13:30:00Z'));
    expect(dueSlot(moved, schedule, new Date('2026-03-16T13:30:00Z'), sent)).toEqual(new Date('2026-03-16T13:30:00Z'));
  });
});

describe('the weekly DMs’ schedule', () => {
  it('keeps going when the store is down at the slot: the DM goes out a minute after it is back', async () => {
    const store = flakyStore(person(EMPTY_STATE, 'U1', 'Europe/Paris', '2026-03-01T00:00:00Z'));
    const poster = recordingPoster(store);
    const clock = fakeClock('2026-03-02T08:00:00Z');
    const { logger, logs } = capturingLogger();
    const digest = createPersonalDigest({ store, poster, schedules, clock, logger });
    await digest.start();
    store.down = true;
    await settle(clock, '2026-03-02T08:31:00Z');
    expect(poster.posts).toEqual([]);
    expect(logs.some((line) => line.msg === 'The weekly DMs could not run; trying again in a minute')).toBe(true);
    store.down = false;
    await settle(clock, '2026-03-02T08:33:00Z');
    expect(poster.posts).toEqual(['D1@2026-03-02T08:30:00.000Z']);
    await digest.stop();
  });

  it('wakes up for a person who follows after it armed, at their own slot', async () => {
    const store = flakyStore(EMPTY_STATE);
    const poster = recordingPoster(store);
    const clock = fakeClock('2026-03-02T05:00:00Z');
    const digest = createPersonalDigest({ store, poster, schedules, clock, logger: capturingLogger().logger });
    await digest.start();
    await store.update((state) => person(state, 'U1', 'Asia/Kolkata', '2026-03-02T05:00:00Z'));
    await store.update((state) => person(state, 'U2', 'America/Sao_Paulo', '2026-03-02T05:00:00Z'));
    digest.rearm();
    await settle(clock, '2026-03-09T13:00:00Z');
    // Kolkata's 09:30 this morning had passed when U1 followed: their first is next week's. São Paulo's is at 12:30 UTC.
    expect(poster.posts).toEqual(['D2@2026-03-02T12:30:00.000Z', 'D1@2026-03-09T04:00:00.000Z', 'D2@2026-03-09T12:30:00.000Z']);
    await digest.stop();
  });
});

describe('the follow commands', () => {
  it('write the next DM in the language Slack gives the person now, not the one of their first follow', async () => {
    const store = flakyStore(EMPTY_STATE);
    const commands = createPersonalCommands({
      store,
      people: { timezone: async () => 'Europe/Paris', openDm: async () => 'D1', classify: () => ({ kind: 'ambiguous', reason: 'x' }) },
      schedules,
      digest: { rearm: () => undefined },
      timezone: 'Europe/Paris',
      logger: capturingLogger().logger,
      now: () => new Date('2026-03-02T10:00:00Z'),
    });
    await commands.follow({ channelId: 'C1', userId: 'U1', language: 'en' }, ['costs']);
    expect((await store.read()).people?.U1?.language).toBe('en');
    await commands.following({ channelId: 'C1', userId: 'U1', language: 'fr' });
    expect((await store.read()).people?.U1?.language).toBe('fr');
  });
});
