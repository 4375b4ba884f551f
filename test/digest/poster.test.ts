import { describe, expect, it } from 'vitest';
import { createFileDigestStore } from '../../src/digest/file-store.ts';
import { createPlanner } from '../../src/digest/plan.ts';
import { createPoster, DEFAULT_RETRY, type PosterDependencies } from '../../src/digest/poster.ts';
import type { DigestStore } from '../../src/digest/store.ts';
import {
  capturingLogger,
  digestFixtures,
  fakeClock,
  fixtureCatalogue,
  refuseIn,
  stateFile,
  succeeded,
  talkIds,
  tempDirs,
} from './helpers.ts';

const setup = digestFixtures();

const MONDAY = new Date('2026-03-30T07:30:00.000Z');
const NEXT_MONDAY = new Date('2026-04-06T07:30:00.000Z');
const A_BIT_LATER = '2026-03-30T07:30:02.000Z';

/** A store that dies on its `n`th change, before writing it: a process killed at that point. */
function crashingOnChange(file: string, n: number): DigestStore {
  const store = createFileDigestStore(file);
  let changes = 0;
  return {
    ...store,
    update(change) {
      changes += 1;
      return changes === n ? Promise.reject(new Error('simulated crash')) : store.update(change);
    },
  };
}

describe('posting the digest', () => {
  it('posts to every channel once per slot, without unfurls, carrying the slot in its metadata', async () => {
    const f = await setup({ env: { DIGEST_CHANNELS: 'CAAA,CBBB' } });
    const digest = f.digest({ clock: fakeClock(A_BIT_LATER) });
    const outcomes = await digest.runner.run(MONDAY);

    expect(outcomes.map(({ channel, result }) => [channel, result.status])).toEqual([
      ['CAAA', 'posted'],
      ['CBBB', 'posted'],
    ]);
    const [post] = succeeded(f.fake, 'CAAA');
    expect(post!.args).toMatchObject({
      unfurl_links: 'false',
      unfurl_media: 'false',
      metadata: { event_type: 'kubecon_digest', event_payload: { slot: '2026-03-30T07:30:00.000Z' } },
    });
    expect(talkIds(post!)).toHaveLength(3);
    expect(JSON.stringify(post!.args.blocks)).toContain('KubeCon digest of the week');
    const state = await digest.store.read();
    expect(state.channels.CAAA).toMatchObject({ last: { slot: '2026-03-30T07:30:00.000Z' }, seen: talkIds(post!) });
    expect(state.channels.CAAA?.pending).toBeUndefined();
  });

  it('shows no talk twice in two consecutive weeks', async () => {
    const f = await setup({ env: { DIGEST_CHANNELS: 'CAAA' } });
    await f.digest({ clock: fakeClock(A_BIT_LATER) }).runner.run(MONDAY);
    await f.digest({ clock: fakeClock('2026-04-06T07:30:01Z') }).runner.run(NEXT_MONDAY);

    const [first, second] = succeeded(f.fake, 'CAAA').map(talkIds);
    expect(first).toHaveLength(3);
    expect(second).toHaveLength(3);
    expect(first!.filter((id) => second!.includes(id))).toEqual([]);
  });

  it('posts once for a duplicate trigger of the same slot, at once or later', async () => {
    const f = await setup({ env: { DIGEST_CHANNELS: 'CAAA' } });
    const digest = f.digest({ clock: fakeClock(A_BIT_LATER) });
    const [one, two] = await Promise.all([digest.runner.run(MONDAY), digest.runner.run(MONDAY)]);
    const three = await digest.runner.run(MONDAY);

    expect(succeeded(f.fake)).toHaveLength(1);
    expect([one[0]!.result.status, two[0]!.result.status, three[0]!.result.status].sort()).toEqual([
      'already-posted',
      'already-posted',
      'posted',
    ]);
  });

  it('after a 500, asks Slack whether the digest went out, then posts it: exactly one message', async () => {
    const f = await setup({ env: { DIGEST_CHANNELS: 'CAAA' } });
    f.fake.failNext('chat.postMessage', { status: 500 });
    const [outcome] = await f.digest({ clock: fakeClock(A_BIT_LATER) }).runner.run(MONDAY);

    expect(outcome!.result.status).toBe('posted');
    expect(f.fake.callsTo('chat.postMessage')).toHaveLength(2);
    expect(succeeded(f.fake)).toHaveLength(1);
    const [history] = f.fake.callsTo('conversations.history');
    expect(history!.args).toMatchObject({ channel: 'CAAA', oldest: String(MONDAY.getTime() / 1000), include_all_metadata: 'true' });
    expect(f.fake.calls.map((call) => call.method)).toEqual(['chat.postMessage', 'conversations.history', 'chat.postMessage']);
  });

  it('after a 500 that Slack did post, finds the message and does not post it again', async () => {
    const f = await setup({ env: { DIGEST_CHANNELS: 'CAAA' }, lostAnswers: true });
    f.fake.failNext('chat.postMessage', { status: 503 });
    const digest = f.digest({ clock: fakeClock(A_BIT_LATER) });
    const [outcome] = await digest.runner.run(MONDAY);

    expect(outcome!.result.status).toBe('already-posted');
    expect(f.fake.callsTo('chat.postMessage')).toHaveLength(1);
    expect((await digest.store.read()).channels.CAAA?.last?.ts).toBe(
      outcome!.result.status === 'already-posted' ? outcome!.result.ts : 'none',
    );
    expect(f.logs.some((line) => line.msg.startsWith('The digest had reached Slack already'))).toBe(true);
  });

  it('waits as long as a 429 says (Retry-After), then posts once without asking Slack first', async () => {
    const f = await setup({ env: { DIGEST_CHANNELS: 'CAAA' } });
    f.fake.failNext('chat.postMessage', { status: 429, retryAfter: 7 });
    const [outcome] = await f.digest({ clock: fakeClock(A_BIT_LATER) }).runner.run(MONDAY);

    expect(outcome!.result.status).toBe('posted');
    expect(f.waits).toEqual([7000]);
    expect(succeeded(f.fake)).toHaveLength(1);
    expect(f.fake.callsTo('conversations.history')).toHaveLength(0);
  });

  it('backs off between attempts and gives up on a lasting outage, leaving the slot in progress to be checked next time', async () => {
    const f = await setup({ env: { DIGEST_CHANNELS: 'CAAA' } });
    f.fake.failNext('chat.postMessage', { status: 502 }, 10);
    const digest = f.digest({ clock: fakeClock(A_BIT_LATER) });
    const [outcome] = await digest.runner.run(MONDAY);

    expect(outcome!.result).toEqual({ status: 'failed', reason: 'HTTP 502', maybePosted: true });
    expect(f.waits).toEqual([100, 200, 400]);
    expect(f.fake.callsTo('chat.postMessage')).toHaveLength(4);
    expect((await digest.store.read()).channels.CAAA?.pending?.slot).toBe('2026-03-30T07:30:00.000Z');
  });

  it('logs a not_in_channel channel with how to fix it, without retrying, and still posts to a healthy one', async () => {
    const f = await setup({ env: { DIGEST_CHANNELS: 'CGOOD,CLOCKED' } });
    refuseIn(f.fake, 'CLOCKED', 'not_in_channel');
    const digest = f.digest({ clock: fakeClock(A_BIT_LATER) });
    const outcomes = await digest.runner.run(MONDAY);

    expect(outcomes.map(({ channel, result }) => [channel, result.status])).toEqual([
      ['CGOOD', 'posted'],
      ['CLOCKED', 'failed'],
    ]);
    expect(f.fake.callsTo('chat.postMessage').filter((call) => call.args.channel === 'CLOCKED')).toHaveLength(1);
    expect(f.waits).toEqual([]);
    const error = f.logs.find((line) => line.level === 'error' && line.channel === 'CLOCKED');
    expect(error).toMatchObject({ error: 'not_in_channel' });
    expect(String(error?.fix)).toContain('/invite @kubecon');
    const state = await digest.store.read();
    expect(state.channels.CLOCKED?.pending).toBeUndefined();
    expect(state.channels.CLOCKED?.seen ?? []).toEqual([]);
  });

  it('survives a restart in the middle of a post that reached Slack: the next run finds it and posts nothing', async () => {
    const f = await setup({ env: { DIGEST_CHANNELS: 'CAAA' } });
    // Change 1 marks the slot in progress; the process dies at change 2, after Slack took the message, before its ts is saved.
    const first = f.digest({ clock: fakeClock(A_BIT_LATER), store: crashingOnChange(stateFile(f.dataDir), 2) });
    await first.runner.run(MONDAY);
    expect(succeeded(f.fake)).toHaveLength(1);
    expect((await first.store.read()).channels.CAAA?.pending?.slot).toBe('2026-03-30T07:30:00.000Z');

    const restarted = f.digest({ clock: fakeClock('2026-03-30T07:31:00Z') });
    await restarted.scheduler.start();
    await restarted.scheduler.stop();

    expect(succeeded(f.fake)).toHaveLength(1);
    expect(f.fake.callsTo('conversations.history')).toHaveLength(1);
    const state = await restarted.store.read();
    expect(state.channels.CAAA).toMatchObject({ last: { slot: '2026-03-30T07:30:00.000Z' }, seen: talkIds(succeeded(f.fake)[0]!) });
    expect(state.channels.CAAA?.pending).toBeUndefined();
  });

  it('survives a restart in the middle of a post that never reached Slack: the next run posts that same digest once', async () => {
    const f = await setup({ env: { DIGEST_CHANNELS: 'CAAA' } });
    f.fake.failNext('chat.postMessage', { reset: true });
    const first = f.digest({ clock: fakeClock(A_BIT_LATER), retry: { attempts: 1, initialDelayMs: 1, maxDelayMs: 1, waitBudgetMs: 1 } });
    await first.runner.run(MONDAY);
    const pending = (await first.store.read()).channels.CAAA?.pending;
    expect(pending).toBeDefined();

    const restarted = f.digest({ clock: fakeClock('2026-03-30T08:00:00Z') });
    await restarted.scheduler.start();
    await restarted.scheduler.stop();

    expect(succeeded(f.fake)).toHaveLength(1);
    expect(talkIds(succeeded(f.fake)[0]!)).toEqual(pending!.talks);
    expect((await restarted.store.read()).channels.CAAA?.last?.slot).toBe('2026-03-30T07:30:00.000Z');
  });

  it('does not post again when Slack cannot say whether an unfinished digest went out', async () => {
    const f = await setup({ env: { DIGEST_CHANNELS: 'CAAA' } });
    f.fake.failNext('chat.postMessage', { status: 500 });
    f.fake.failNext('conversations.history', { error: 'missing_scope' });
    const digest = f.digest({ clock: fakeClock(A_BIT_LATER) });
    const [outcome] = await digest.runner.run(MONDAY);

    expect(outcome!.result).toEqual({ status: 'failed', reason: 'missing_scope', maybePosted: true });
    expect(f.fake.callsTo('chat.postMessage')).toHaveLength(1);
    expect((await digest.store.read()).channels.CAAA?.pending).toBeDefined();
    expect(f.logs.find((line) => line.level === 'error')?.fix).toContain('manifest.yml');
  });

  it('posts a slot missed by less than 12 hours at start-up', async () => {
    const f = await setup({ env: { DIGEST_CHANNELS: 'CAAA' } });
    const digest = f.digest({ clock: fakeClock('2026-03-30T19:00:00Z') });
    await digest.scheduler.start();
    await digest.scheduler.stop();

    expect(succeeded(f.fake)).toHaveLength(1);
    expect((await digest.store.read()).channels.CAAA?.last?.slot).toBe('2026-03-30T07:30:00.000Z');
  });

  it('skips a slot missed by more than 12 hours at start-up, and says so', async () => {
    const f = await setup({ env: { DIGEST_CHANNELS: 'CAAA' } });
    const digest = f.digest({ clock: fakeClock('2026-03-30T19:31:00Z') });
    await digest.scheduler.start();
    await digest.scheduler.stop();

    expect(f.fake.callsTo('chat.postMessage')).toHaveLength(0);
    expect(f.logs.find((line) => line.msg.startsWith('Skipped a digest missed while the bot was down'))).toMatchObject({
      level: 'warn',
      slot: '2026-03-30T07:30:00.000Z',
      hoursLate: 12,
      channels: ['CAAA'],
    });
  });

  it('posts on schedule from a running scheduler, and only to channels subscribed before the slot', async () => {
    const f = await setup({ env: { DIGEST_CHANNELS: 'CAAA' } });
    const clock = fakeClock('2026-03-30T07:00:00Z');
    const digest = f.digest({ clock });
    await digest.store.update((state) => ({
      ...state,
      subscriptions: {
        CEARLY: { by: 'U1', at: '2026-03-29T10:00:00.000Z', language: 'fr' },
        CLATE: { by: 'U2', at: '2026-03-30T08:00:00.000Z', language: 'en' },
      },
    }));
    await digest.scheduler.start();
    await clock.advanceTo('2026-03-30T07:31:00Z');
    await digest.scheduler.stop();

    expect(
      succeeded(f.fake)
        .map((call) => call.args.channel)
        .sort(),
    ).toEqual(['CAAA', 'CEARLY']);
    expect(JSON.stringify(succeeded(f.fake, 'CEARLY')[0]!.args.blocks)).toContain('Le résumé KubeCon de la semaine');
  });
});

describe('the poster alone, with an outlet in memory and a fixed clock', () => {
  const newDir = tempDirs();
  const SLOT = MONDAY.toISOString();
  const AMBIGUOUS = new Error('socket hang up');
  const REFUSED = new Error('not_in_channel');

  /** A poster whose outlet throws `failures`, one a post, then takes the message; `events` is what the outlet was asked. */
  async function setup(failures: Error[]) {
    const store = createFileDigestStore(stateFile(await newDir()));
    const events: string[] = [];
    const posted = new Map<string, string>();
    const outlet: PosterDependencies['outlet'] = {
      async post(channel, slot, content) {
        const inProgress = (await store.read()).channels[channel]?.pending?.slot === slot;
        events.push(`post ${content.talks.length} talks${inProgress ? ', slot in progress' : ''}`);
        const failure = failures.shift();
        // An unclear failure here is a connection lost after the message went out.
        if (failure !== REFUSED) posted.set(channel, '1.1');
        if (failure) throw failure;
        return '1.1';
      },
      async findPosted(channel) {
        events.push('find');
        return posted.get(channel);
      },
      classify: (error) =>
        error === REFUSED ? { kind: 'refused', reason: 'not_in_channel', fix: 'invite the bot' } : { kind: 'ambiguous', reason: 'reset' },
    };
    const { logger, logs } = capturingLogger();
    const poster = createPoster({
      store,
      outlet,
      planner: createPlanner(await fixtureCatalogue()),
      logger,
      now: () => new Date(A_BIT_LATER),
      sleep: async () => {},
      retry: DEFAULT_RETRY,
      owner: 'test',
    });
    return { store, events, logs, post: () => poster.post('CAAA', SLOT, 'en') };
  }

  it('records the slot in progress before posting, and after an unclear failure finds the message rather than post it twice', async () => {
    const { store, events, post } = await setup([AMBIGUOUS]);

    expect(await post()).toEqual({ status: 'already-posted', ts: '1.1' });
    expect(events).toEqual(['post 3 talks, slot in progress', 'find']);
    const channel = (await store.read()).channels.CAAA;
    expect(channel).toMatchObject({ last: { slot: SLOT, ts: '1.1' } });
    expect(channel?.pending).toBeUndefined();
    expect(await post()).toEqual({ status: 'already-posted', ts: '1.1' });
    expect(events).toHaveLength(2);
  });

  it('gives up on a refusal at once, forgets the attempt and logs how to fix it', async () => {
    const { store, events, logs, post } = await setup([REFUSED]);

    expect(await post()).toEqual({ status: 'failed', reason: 'not_in_channel', maybePosted: false });
    expect(events).toEqual(['post 3 talks, slot in progress']);
    expect((await store.read()).channels.CAAA).toEqual({ cycle: 0, seen: [] });
    expect(logs.find((line) => line.level === 'error')).toMatchObject({ error: 'not_in_channel', fix: 'invite the bot' });
  });
});
