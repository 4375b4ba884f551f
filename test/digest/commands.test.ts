import { describe, expect, it } from 'vitest';
import type { Language } from '../../src/catalogue/vocabulary.ts';
import { type Access, createDigestCommands, type DigestRequest } from '../../src/digest/commands.ts';
import { createFileDigestStore } from '../../src/digest/file-store.ts';
import { createPlanner } from '../../src/digest/plan.ts';
import type { Announcement } from '../../src/digest/poster.ts';
import { createSchedule } from '../../src/digest/schedule.ts';
import { capturingLogger, fixtureCatalogue, stateFile, tempDirs } from './helpers.ts';

const newDir = tempDirs();
const FRIDAY = new Date('2026-03-27T10:00:00Z');
const NEXT = { at: new Date('2026-03-30T07:30:00Z'), timezone: 'Europe/Paris' };
const asker: DigestRequest = { channelId: 'C1', userId: 'U1', language: 'fr' };

/**
 * The digest commands on a fresh store, Friday 27 March 2026 for ever, with Slack's verdict on
 * every channel given; `announced` is what the channels were told, and `announceFails` makes telling them fail.
 */
async function commands(access: Access = 'ok', configured: string[] = [], { announceFails = false } = {}) {
  const catalogue = await fixtureCatalogue();
  const store = createFileDigestStore(stateFile(await newDir()));
  const checked: string[] = [];
  const announced: { channel: string; announcement: Announcement; language: Language }[] = [];
  const planner = createPlanner(catalogue);
  const { logger, logs } = capturingLogger();
  const digest = createDigestCommands({
    store,
    access: {
      async check(channel) {
        checked.push(channel);
        return access;
      },
    },
    outlet: {
      async announce(channel, announcement, language) {
        if (announceFails) throw new Error('not_in_channel');
        announced.push({ channel, announcement, language });
      },
      classify: (error) => ({ kind: 'refused', reason: (error as Error).message }),
    },
    planner,
    schedule: createSchedule({ cron: '30 9 * * 1', timezone: 'Europe/Paris' }),
    catalogue,
    configured,
    language: 'en',
    logger,
    now: () => FRIDAY,
  });
  return { digest, store, checked, planner, announced, logs };
}

describe('the digest commands', () => {
  it('subscribe a channel the bot can post in, once, in the subscriber’s language, at the clock’s time', async () => {
    const { digest, store, checked, announced } = await commands();
    expect(await digest.subscribe(asker)).toEqual({ kind: 'subscribed', next: NEXT, announced: true });
    expect(announced).toEqual([
      { channel: 'C1', announcement: { kind: 'subscribed', by: 'U1', repeats: 'weekly', next: NEXT }, language: 'fr' },
    ]);
    expect(await digest.subscribe({ ...asker, userId: 'U2' })).toEqual({ kind: 'already-subscribed', next: NEXT });
    expect(checked).toEqual(['C1']);
    expect((await store.read()).subscriptions).toEqual({ C1: { by: 'U1', at: FRIDAY.toISOString(), language: 'fr' } });
    expect(await digest.nextRun()).toEqual({ at: NEXT.at, channels: 1 });
  });

  it('subscribe nothing where the bot cannot post, nor in a direct message, nor in a configured channel', async () => {
    for (const access of ['not-member', 'private', 'archived', 'missing-permission'] as const) {
      const { digest, store } = await commands(access);
      expect(await digest.subscribe(asker)).toEqual({ kind: 'cannot-post', access });
      expect((await store.read()).subscriptions).toEqual({});
    }
    const { digest, checked } = await commands('ok', ['CCONF']);
    expect(await digest.subscribe({ ...asker, channelId: 'D123' })).toEqual({ kind: 'not-in-direct-messages' });
    expect(await digest.subscribe({ ...asker, channelId: 'CCONF' })).toEqual({ kind: 'configured', next: NEXT });
    expect(await digest.unsubscribe({ ...asker, channelId: 'CCONF' })).toEqual({ kind: 'cannot-unsubscribe-configured' });
    expect(checked).toEqual([]);
  });

  it('tell a channel’s status: who subscribed it, its last digest, how far it is in the catalogue', async () => {
    const { digest, store } = await commands();
    expect(await digest.status(asker)).toEqual({ kind: 'status', source: undefined, next: NEXT, last: undefined, featured: undefined });
    await digest.subscribe(asker);
    await store.update((state) => ({
      ...state,
      channels: { C1: { cycle: 1, seen: ['a', 'b', 'c'], last: { slot: '2026-03-23T08:30:00.000Z', ts: '1.1', theme: 'costs' } } },
    }));
    expect(await digest.status(asker)).toEqual({
      kind: 'status',
      source: { by: 'U1' },
      next: NEXT,
      last: { at: new Date('2026-03-23T08:30:00.000Z'), timezone: 'Europe/Paris' },
      featured: { seen: 3, of: 7, round: 2 },
    });
  });

  it('unsubscribe a channel and keep what it has seen', async () => {
    const { digest, store, announced } = await commands();
    expect(await digest.unsubscribe(asker)).toEqual({ kind: 'not-subscribed' });
    await digest.subscribe(asker);
    await store.update((state) => ({ ...state, channels: { C1: { cycle: 0, seen: ['a'] } } }));
    // Told in the language of the channel's digests, not the English of whoever unsubscribes it.
    expect(await digest.unsubscribe({ ...asker, userId: 'U2', language: 'en' })).toEqual({ kind: 'unsubscribed', announced: true });
    expect(announced.at(-1)).toEqual({ channel: 'C1', announcement: { kind: 'unsubscribed', by: 'U2' }, language: 'fr' });
    expect(await store.read()).toMatchObject({ subscriptions: {}, channels: { C1: { seen: ['a'] } } });
    expect(await digest.nextRun()).toBeUndefined();
  });

  it('subscribe and unsubscribe all the same when the channel cannot be told, and say so', async () => {
    const { digest, store, logs } = await commands('ok', [], { announceFails: true });
    expect(await digest.subscribe(asker)).toEqual({ kind: 'subscribed', next: NEXT, announced: false });
    expect((await store.read()).subscriptions.C1).toBeDefined();
    expect(await digest.unsubscribe(asker)).toEqual({ kind: 'unsubscribed', announced: false });
    expect((await store.read()).subscriptions).toEqual({});
    expect(logs.filter((line) => line.level === 'warn')).toEqual([
      expect.objectContaining({ channel: 'C1', change: 'subscribed', error: 'not_in_channel' }),
      expect.objectContaining({ channel: 'C1', change: 'unsubscribed', error: 'not_in_channel' }),
    ]);
  });

  it('preview the next slot’s digest in the channel’s language, writing nothing', async () => {
    const { digest, store, planner } = await commands();
    const unsubscribed = await digest.preview({ ...asker, language: 'en' });
    const expected = planner.content(planner.pick('C1', undefined, NEXT.at.toISOString(), FRIDAY)!);
    expect(unsubscribed).toEqual({ kind: 'preview', digest: expected, language: 'en', subscribed: false, next: NEXT });

    await digest.subscribe(asker);
    expect(await digest.preview({ ...asker, language: 'en' })).toMatchObject({ language: 'fr', subscribed: true });
    expect((await store.read()).channels).toEqual({});
  });
});
