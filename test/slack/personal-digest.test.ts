import { randomUUID } from 'node:crypto';
import type { KnownBlock } from '@slack/types';
import { describe, expect, it } from 'vitest';
import { type FakeClock, fakeClock } from '../digest/helpers.ts';
import type { FakeSlackOptions, RecordedCall } from '../helpers/fake-slack.ts';
import { eventBody, interactionBody, postSigned, slashCommandBody } from '../helpers/signed-request.ts';
import { type Harness, harnessPerTest, SIGNING_SECRET } from './harness.ts';

/** People's weekly DMs, end to end: the real Bolt app over signed HTTP, the real digest on a fake clock, a fake Slack. */
const startHarness = harnessPerTest({ mode: 'http' });

interface Running {
  readonly h: Harness;
  readonly clock: FakeClock;
  command(text: string, user?: string): Promise<RecordedCall>;
  click(user: string, actionId: string, where?: 'dm' | 'home', extra?: Record<string, unknown>): Promise<void>;
  dms(user?: string): RecordedCall[];
}

async function start(at: string, fake: FakeSlackOptions = {}): Promise<Running> {
  const clock = fakeClock(at);
  const h = await startHarness({ digest: { clock }, fake });
  const send = (body: string) => postSigned(`${h.url}/slack/events`, { secret: SIGNING_SECRET, body });
  return {
    h,
    clock,
    async command(text, user = 'U1') {
      const id = randomUUID();
      const response = await send(slashCommandBody({ text, user_id: user, channel_id: 'C1', response_url: h.fake.responseUrl(id) }));
      expect(response.status).toBe(200);
      return h.fake.waitForCall('response_url', (call) => call.responseId === id && !call.fault);
    },
    async click(user, actionId, where = 'dm', extra = {}) {
      const id = randomUUID();
      const dm = `D${user.slice(1)}`;
      const payload =
        where === 'dm'
          ? {
              container: { type: 'message', message_ts: '1700000000.000100', channel_id: dm, is_ephemeral: false },
              channel: { id: dm },
              message: { ts: '1700000000.000100' },
              response_url: h.fake.responseUrl(id),
            }
          : { container: { type: 'view', view_id: 'V1' }, view: { type: 'home', id: 'V1' } };
      const response = await send(
        interactionBody({
          type: 'block_actions',
          user: { id: user, username: user.toLowerCase(), team_id: 'T1' },
          team: { id: 'T1' },
          ...payload,
          actions: [
            { type: 'button', block_id: 'personal-digest', action_id: actionId, value: actionId, action_ts: '1700000001.1', ...extra },
          ],
        }),
      );
      expect(response.status).toBe(200);
      if (where === 'dm') await h.fake.waitForCall('response_url', (call) => call.responseId === id && !call.fault);
    },
    dms: (user) =>
      h.fake
        .callsTo('chat.postMessage')
        .filter((call) => !call.fault && String(call.args.channel).startsWith(user === undefined ? 'D' : `D${user.slice(1)}`)),
  };
}

const text = (call: RecordedCall) => JSON.stringify(call.args);
const slotOf = (call: RecordedCall) => (call.args.metadata as { event_payload: { slot: string } }).event_payload.slot;
const TITLES = [
  'Karpenter Autoscaling in Anger',
  'KEDA Autoscaling for Queues',
  'Vertical Pod Autoscaling Done Right',
  'Horizontal Pod Autoscaling Deep Dive',
  'Cluster Autoscaling Without Tears',
  'FinOps for Platform Teams',
];
/** The fixture talks a DM features, in its order. */
const talksIn = (call: RecordedCall) => {
  const blocks = JSON.stringify((call.args.blocks as KnownBlock[]).filter((block) => block.type === 'section'));
  return TITLES.filter((title) => blocks.includes(title)).sort((a, b) => blocks.indexOf(a) - blocks.indexOf(b));
};

/** Moves the clock one timer at a time to `until`, each time waiting for the scheduler to set its next one. */
async function runUntil(clock: FakeClock, until: string): Promise<void> {
  for (;;) {
    // Polled tightly: the scheduler wakes up hourly, and weeks of it are many steps.
    const deadline = Date.now() + 5000;
    while (clock.nextTimer() === undefined) {
      if (Date.now() > deadline) throw new Error('the scheduler set no timer');
      await new Promise((resolve) => setImmediate(resolve));
    }
    const next = clock.nextTimer()!;
    if (next > new Date(until)) break;
    await clock.advanceTo(next);
  }
  await clock.advanceTo(until);
}

describe('/kubecon follow, unfollow and following', () => {
  it('follows topics in the person’s own time zone and language, lists them, and drops one', async () => {
    const { h, command } = await start('2026-03-27T10:00:00Z', { timezones: { U1: 'America/New_York' } });
    const followed = await command('follow autoscaling, costs');
    expect(followed.args).toMatchObject({ response_type: 'ephemeral' });
    expect(text(followed)).toContain('Done: you follow *Autoscaling* and *Costs*.\\nNext direct message');
    expect(text(followed)).toContain('Next direct message: Monday, 30 March 2026 at 09:30 (America/New_York).');
    expect(h.fake.callsTo('conversations.open')[0]?.args).toMatchObject({ users: 'U1' });
    expect((await h.digest!.store.read()).people?.U1).toEqual({
      topics: ['autoscaling', 'costs'],
      language: 'en',
      timezone: 'America/New_York',
      dm: 'D1',
      since: '2026-03-27T10:00:00.000Z',
    });

    expect(text(await command('follow hpa'))).toContain('You already follow *Autoscaling*.');
    const unknown = await command('follow kubernetes cooking');
    expect(text(unknown)).toContain('I know no topic called “kubernetes cooking”, so nothing changed.');
    // Part of it is a topic: that part is followed, the rest said.
    expect(text(await command('follow k8s observability'))).toContain(
      'Done: you follow *Autoscaling*, *Costs* and *Observability*.\\nI know no topic called “k8s”: left out.',
    );
    expect(text(await command('unfollow'))).toContain('Which topic?');
    expect(text(await command('unfollow observability'))).toContain('Done: you no longer follow *Observability*.');
    expect(text(await command('unfollow costs'))).toContain('Done: you no longer follow *Costs*.');
    const listed = await command('following');
    expect(text(listed)).toContain('You follow *Autoscaling*.');
    expect(text(listed)).toContain('Next direct message: Monday, 30 March 2026 at 09:30 (America/New_York).');
    expect((await h.digest!.store.read()).people?.U1?.topics).toEqual(['autoscaling']);
    expect(text(await command('unfollow all topics'))).toContain('Done: no more weekly talks by direct message.');
    expect(text(await command('following'))).toContain('You follow no topic.');
    expect(text(await command('unfollow all'))).toContain('You follow no topic.');
  });

  it('answers in French, and keeps French for the DMs', async () => {
    const { h, command } = await start('2026-03-27T10:00:00Z', { locales: { U2: 'fr-FR' }, timezones: { U2: 'Europe/Paris' } });
    const followed = await command('suivre coûts et observabilité', 'U2');
    expect(text(followed)).toContain('C’est fait\u00a0: vous suivez *Coûts* et *Observabilité*.');
    expect(text(followed)).not.toContain('Vous suivez');
    expect(text(followed)).toContain('lundi 30 mars 2026 à 09:30 (Europe/Paris)');
    expect((await h.digest!.store.read()).people?.U2).toMatchObject({ language: 'fr', timezone: 'Europe/Paris', dm: 'D2' });
    expect(text(await command('ne plus suivre coûts', 'U2'))).toContain('vous ne suivez plus *Coûts*');
  });

  it('answers a follow by mention in a channel privately, in the thread', async () => {
    const { h } = await start('2026-03-27T10:00:00Z');
    await postSigned(`${h.url}/slack/events`, {
      secret: SIGNING_SECRET,
      body: eventBody({ type: 'app_mention', user: 'U1', text: '<@UBOT> follow costs', channel: 'C1', ts: '1.1', event_ts: '1.1' }),
    });
    const answer = await h.fake.waitForCall('chat.postEphemeral');
    expect(answer.args).toMatchObject({ channel: 'C1', user: 'U1', thread_ts: '1.1' });
    expect(text(answer)).toContain('Done: you follow *Costs*.');
    expect(h.fake.callsTo('chat.postMessage')).toEqual([]);
  });

  it('says why when Slack will not open a DM, and changes nothing', async () => {
    const { h, command } = await start('2026-03-27T10:00:00Z');
    h.fake.failNext('conversations.open', { error: 'missing_scope' });
    expect(text(await command('follow costs'))).toContain('I am not allowed to open a direct message with you (Slack said: missing_scope)');
    h.fake.failNext('conversations.open', { status: 503 });
    const unanswered = text(await command('follow costs'));
    expect(unanswered).toContain('Slack did not answer when I opened a direct message with you (HTTP 503)');
    expect(unanswered).toMatch(/please try again in a moment/);
    h.fake.failNext('conversations.open', { error: 'user_disabled' });
    expect(text(await command('follow costs'))).toContain('Slack will not let me send you direct messages (user_disabled)');
    expect((await h.digest!.store.read()).people).toBeUndefined();
  });
});

describe('the weekly DM', () => {
  it('comes at the digest hour in each person’s time zone, across both daylight saving changes, never repeating a talk before all are seen', async () => {
    // Thursday 5 March 2026; New York moves to summer time on 8 March, Paris on 29 March.
    const { h, clock, command, dms } = await start('2026-03-05T12:00:00Z', {
      timezones: { U1: 'America/New_York', U2: 'Europe/Paris' },
      locales: { U2: 'fr-FR' },
    });
    await command('follow costs', 'U1');
    await command('follow autoscaling', 'U2');
    void h.digest!.personal.start();
    await runUntil(clock, '2026-04-01T00:00:00Z');

    expect(dms().map((call) => [call.args.channel, slotOf(call)])).toEqual([
      ['D2', '2026-03-09T08:30:00.000Z'],
      ['D1', '2026-03-09T13:30:00.000Z'],
      ['D2', '2026-03-16T08:30:00.000Z'],
      ['D1', '2026-03-16T13:30:00.000Z'],
      ['D2', '2026-03-23T08:30:00.000Z'],
      ['D1', '2026-03-23T13:30:00.000Z'],
      ['D2', '2026-03-30T07:30:00.000Z'],
      ['D1', '2026-03-30T13:30:00.000Z'],
    ]);
    // Five autoscaling talks: the first two DMs show all five before any comes back.
    const autoscaling = dms('U2').flatMap(talksIn);
    expect(new Set(autoscaling.slice(0, 5)).size).toBe(5);
    // Two talks on costs: both each week, the second week on saying they come round again.
    for (const dm of dms('U1')) expect(talksIn(dm).sort()).toEqual(['Cluster Autoscaling Without Tears', 'FinOps for Platform Teams']);
    expect(dms('U1').map((dm) => text(dm).includes('so they come round again'))).toEqual([false, true, true, true]);
    const [first] = dms('U2');
    expect(text(first!)).toContain('Vos conférences KubeCon de la semaine');
    expect(text(first!)).toContain('"action_id":"digest_snooze"');
    expect(text(first!)).toContain('"action_id":"digest_stop"');
    // Stop drops every topic at once: Slack asks first, in the person's language.
    expect(text(first!)).toMatch(
      /"action_id":"digest_stop"[^\]]*"confirm":\{"title":\{"type":"plain_text","text":"Arrêter vos conférences en DM/,
    );
    expect(text(first!)).toContain('"deny":{"type":"plain_text","text":"Les garder"}');
    await h.digest!.personal.stop();
  });

  it('skips four weeks after Snooze, comes back after, and stops for good after Stop', async () => {
    const { h, clock, command, click, dms } = await start('2026-03-05T12:00:00Z');
    await command('follow autoscaling');
    void h.digest!.personal.start();
    await runUntil(clock, '2026-03-10T00:00:00Z');
    // Slack gives this person no time zone of their own: UTC.
    expect(dms().map(slotOf)).toEqual(['2026-03-09T09:30:00.000Z']);

    await click('U1', 'digest_snooze');
    expect((await h.digest!.store.read()).people?.U1?.snoozedUntil).toBe('2026-04-07T00:00:00.000Z');
    const snoozed = h.fake.callsTo('response_url').at(-1)!;
    expect(snoozed.args).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(text(snoozed)).toContain('Done: no direct message for 4 weeks; the next one comes on Monday, 13 April 2026 at 09:30 (UTC).');
    // Resume is right there, under the answer.
    expect(text(snoozed)).toContain('"action_id":"digest_resume"');
    // Snooze once more, from an older DM: the answer says the pause now runs from today.
    await click('U1', 'digest_snooze');
    expect(text(h.fake.callsTo('response_url').at(-1)!)).toContain('Snooze extended: no direct message for 4 weeks from today;');
    await runUntil(clock, '2026-04-14T00:00:00Z');
    // 16, 23 and 30 March and 6 April are snoozed; 13 April comes again.
    expect(dms().map(slotOf)).toEqual(['2026-03-09T09:30:00.000Z', '2026-04-13T09:30:00.000Z']);

    await click('U1', 'digest_stop');
    expect(text(h.fake.callsTo('response_url').at(-1)!)).toContain('To get them back: `/kubecon follow autoscaling`.');
    await runUntil(clock, '2026-04-21T00:00:00Z');
    expect(dms()).toHaveLength(2);
    expect((await h.digest!.store.read()).people?.U1?.topics).toEqual([]);
    await h.digest!.personal.stop();
  });

  it('sends each DM once per slot through a restart, and one person’s Slack error does not stop the others', async () => {
    const { h, clock, command, dms } = await start('2026-03-05T12:00:00Z');
    await command('follow autoscaling', 'U1');
    await command('follow costs', 'U2');
    await command('follow observability', 'U3');
    clock.set('2026-03-09T09:30:00Z');
    h.fake.failNext('chat.postMessage', { error: 'user_disabled' });
    const outcomes = await h.digest!.personal.run();
    expect(outcomes.map((outcome) => outcome.result.status).sort()).toEqual(['failed', 'posted', 'posted']);
    // A restart an hour later: what went out is not sent again; the refused one is tried again.
    clock.set('2026-03-09T10:30:00Z');
    const again = await h.digest!.personal.run();
    expect(again.map((outcome) => outcome.result.status)).toEqual(['posted']);
    expect(new Set(dms().map((call) => call.args.channel)).size).toBe(3);
    expect(dms()).toHaveLength(3);
    expect(await h.digest!.personal.run()).toEqual([]);
  });
});

describe('the Home tab', () => {
  it('shows what the person follows and changes it from its menu', async () => {
    const { h, click, command } = await start('2026-03-27T10:00:00Z', { timezones: { U1: 'Asia/Tokyo' } });
    await command('follow costs');
    await postSigned(`${h.url}/slack/events`, {
      secret: SIGNING_SECRET,
      body: eventBody({ type: 'app_home_opened', user: 'U1', channel: 'D1', tab: 'home', event_ts: '1700000000.000700' }),
    });
    const home = await h.fake.waitForCall('views.publish');
    expect(text(home)).toContain('Your weekly talks');
    expect(text(home)).toContain('Next direct message: Monday, 30 March 2026 at 09:30 (Asia/Tokyo).');
    expect(text(home)).toMatch(/"action_id":"follow_topics".*"initial_options":\[\{"text":\{"type":"plain_text","text":"Costs"/);

    await click('U1', 'follow_topics', 'home', {
      type: 'multi_static_select',
      selected_options: [{ value: 'observability' }, { value: 'autoscaling' }],
    });
    const changed = await h.fake.waitForCall('views.publish', (call) => call !== home);
    expect((await h.digest!.store.read()).people?.U1?.topics).toEqual(['observability', 'autoscaling']);
    expect(text(changed)).toContain('You follow *Observability* and *Autoscaling*.');
    // The tab says it once, in its own part: no answer on top repeats it.
    expect(text(changed).match(/You follow/g)).toHaveLength(1);
  });
});
