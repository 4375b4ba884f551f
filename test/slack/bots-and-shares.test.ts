import type { KnownBlock } from '@slack/types';
import { afterEach, describe, expect, it } from 'vitest';
import { fakeClock } from '../digest/helpers.ts';
import type { RecordedCall } from '../helpers/fake-slack.ts';
import { describeWithRedis, startRedis } from '../helpers/redis-server.ts';
import { eventBody, interactionBody, postSigned, type SlackEvent, slashCommandBody } from '../helpers/signed-request.ts';
import { eventually, type Harness, harnessPerTest, SIGNING_SECRET, startHarness } from './harness.ts';

/**
 * What other bots may not do (run a command through a mention), the messages that are still
 * questions (a DM with a file, a thread broadcast), shares that double clicks and replays
 * cannot double, and interactions the bot has no listener for, acked at once.
 */
const start = harnessPerTest({ mode: 'http' });

let ids = 0;
const nextId = (prefix: string) => `${prefix}-${++ids}`;
const json = (value: unknown) => JSON.stringify(value);
const blocksOf = (call: RecordedCall) => (call.args.blocks ?? []) as KnownBlock[];
const posted = (h: Harness) => h.fake.callsTo('chat.postMessage').filter((call) => !call.fault);
const sharedInChannel = (h: Harness) => h.fake.callsTo('response_url').filter((call) => call.args.response_type === 'in_channel');
const logsOf = (h: Harness, level: string, msg: string) => h.logs.filter((line) => line.level === level && line.msg === msg);
const errors = (h: Harness) => h.logs.filter((line) => line.level === 'error');

const send = (h: Harness, body: string) => postSigned(`${h.url}/slack/events`, { secret: SIGNING_SECRET, body });
const sendEvent = (h: Harness, event: SlackEvent) => send(h, eventBody(event));

const mention = (text: string, fields: Record<string, unknown> = {}): SlackEvent => ({
  type: 'app_mention',
  user: 'U1',
  text,
  channel: 'C42',
  ts: '1700000000.000100',
  event_ts: '1700000000.000100',
  ...fields,
});

const dm = (text: string, fields: Record<string, unknown> = {}): SlackEvent => ({
  type: 'message',
  channel_type: 'im',
  channel: 'D1',
  user: 'U1',
  text,
  ts: '1700000000.000400',
  event_ts: '1700000000.000400',
  ...fields,
});

/** Another app's bot, as Slack describes its posts: a bot user, and a bot_id. */
const otherBot = { user: 'UOTHERBOT', bot_id: 'BOTHER', bot_profile: { id: 'BOTHER', name: 'otherbot' } };
/** This bot, as fake-slack's auth.test names it. */
const itself = { user: 'UBOT', bot_id: 'BBOT' };

describe('messages and mentions from bots', () => {
  it("ignores another bot's mention asking to subscribe a channel: nothing stored, nothing posted", async () => {
    const h = await start({ digest: { clock: fakeClock('2026-03-27T10:00:00Z') }, fake: { joinedChannels: ['C42'] } });
    await sendEvent(h, mention('<@UBOT> digest subscribe', otherBot));
    await sendEvent(h, mention('<@UBOT> digest unsubscribe', { ...otherBot, ts: '1700000000.000200' }));
    // A person's mention after them is answered: the app was listening all along.
    await sendEvent(h, mention('<@UBOT> karpenter', { ts: '1700000000.000300' }));
    await h.fake.waitForCall('chat.postMessage', (call) => !call.fault);
    await eventually(() => logsOf(h, 'debug', 'Ignored a mention from a bot').length === 2);

    expect(posted(h)).toHaveLength(1);
    expect(posted(h)[0]!.args.thread_ts).toBe('1700000000.000300');
    expect((await h.digest!.store.read()).subscriptions).toEqual({});
  });

  it('ignores its own messages and mentions, even before auth.test told it who it is', async () => {
    // auth.test keeps failing: the app does not know its own ids, only Slack's bot_id tells.
    const h = await start({ beforeStart: (fake) => fake.failNext('auth.test', { status: 500 }, 10_000) });
    await sendEvent(h, mention('<@UBOT> help', itself));
    await sendEvent(h, dm('karpenter', itself));
    await sendEvent(h, dm('karpenter', { ...itself, subtype: 'bot_message' }));
    await sendEvent(h, dm('keda', { ts: '1700000000.000500' }));
    await h.fake.waitForCall('chat.postMessage', (call) => !call.fault);

    expect(logsOf(h, 'debug', 'Ignored a mention from a bot')).toHaveLength(1);
    expect(logsOf(h, 'debug', 'Ignored a direct message from a bot')).toHaveLength(2);
    expect(posted(h)).toHaveLength(1);
    expect(posted(h)[0]!.args).toMatchObject({ channel: 'D1' });
    expect(h.app.readiness().slack).toBe(false);
  });
});

describe('messages that are still questions', () => {
  it('answers a direct message that carries a file, from its text; edits, deletions and joins stay ignored', async () => {
    const h = await start();
    await sendEvent(h, dm('karpenter', { subtype: 'message_changed' }));
    await sendEvent(h, dm('karpenter', { subtype: 'message_deleted' }));
    await sendEvent(h, dm('karpenter', { subtype: 'channel_join' }));
    await sendEvent(h, dm('karpenter', { subtype: 'file_share', files: [{ id: 'F1', name: 'notes.txt' }], upload: false }));
    const reply = await h.fake.waitForCall('chat.postMessage', (call) => !call.fault);

    expect(reply.args.channel).toBe('D1');
    expect(reply.args).not.toHaveProperty('thread_ts');
    expect(json(blocksOf(reply))).toContain('Karpenter Autoscaling in Anger');
    expect(posted(h)).toHaveLength(1);
  });

  it('answers a thread reply also sent to the conversation, in its thread, and a broadcast mention once', async () => {
    const h = await start();
    const root = { ts: '1700000000.000450', user: 'U1', text: 'autoscaling?' };
    await sendEvent(h, dm('keda', { subtype: 'thread_broadcast', ts: '1700000000.000500', thread_ts: root.ts, root }));
    const inDm = await h.fake.waitForCall('chat.postMessage', (call) => !call.fault);
    await sendEvent(h, mention('<@UBOT> prometheus', { subtype: 'thread_broadcast', ts: '1700000000.000600', thread_ts: root.ts, root }));
    const inChannel = await h.fake.waitForCall('chat.postMessage', (call) => !call.fault && call.args.channel === 'C42');

    expect(inDm.args).toMatchObject({ channel: 'D1', thread_ts: root.ts });
    expect(json(blocksOf(inDm))).toContain('Talks for “keda”');
    expect(inChannel.args).toMatchObject({ thread_ts: root.ts });
    expect(json(blocksOf(inChannel))).toContain('Talks for “prometheus”');
    expect(posted(h)).toHaveLength(2);
  });
});

/** A share click in the ephemeral list of message `messageTs`, as Slack posts it; each click has its own response_url. */
function shareClick(h: Harness, value: string, messageTs = '1700000000.000001') {
  const responseId = nextId('share');
  const body = interactionBody({
    type: 'block_actions',
    api_app_id: 'A1',
    token: 'legacy-verification-token',
    trigger_id: `1.2.${responseId}`,
    user: { id: 'U1', username: 'alice', team_id: 'T1' },
    team: { id: 'T1', domain: 'kubecon-test' },
    container: { type: 'message', message_ts: messageTs, channel_id: 'C1', is_ephemeral: true },
    channel: { id: 'C1', name: 'general' },
    response_url: h.fake.responseUrl(responseId),
    actions: [{ type: 'button', block_id: 'b', action_id: 'share_talk', value, action_ts: `1700000001.${ids}` }],
  });
  return { body, responseId };
}

/** The value of the first Share button of `/kubecon autoscaling`. */
async function firstShareValue(h: Harness): Promise<string> {
  const responseId = nextId('cmd');
  await send(h, slashCommandBody({ text: 'autoscaling', response_url: h.fake.responseUrl(responseId) }));
  const list = await h.fake.waitForCall('response_url', (call) => call.responseId === responseId && !call.fault);
  const elements = blocksOf(list).flatMap((block): object[] =>
    block.type === 'actions' ? block.elements : block.type === 'section' && block.accessory ? [block.accessory] : [],
  ) as { action_id?: string; value?: string }[];
  return elements.find((element) => element.action_id === 'share_talk')!.value!;
}

const ignoredShares = (h: Harness) => logsOf(h, 'info', 'Ignored a second share of a talk from the same message');

describe('sharing a talk', () => {
  it('posts once when the same signed share request arrives twice, and again from another list', async () => {
    const h = await start();
    const value = await firstShareValue(h);
    const click = shareClick(h, value);
    expect((await send(h, click.body)).status).toBe(200);
    await h.fake.waitForCall('response_url', (call) => call.responseId === click.responseId && call.args.replace_original === true);
    expect((await send(h, click.body)).status).toBe(200);
    await eventually(() => ignoredShares(h).length === 1);

    expect(sharedInChannel(h)).toHaveLength(1);
    // The list was redrawn by the first click only.
    expect(h.fake.callsTo('response_url').filter((call) => call.responseId === click.responseId)).toHaveLength(2);

    // The same talk from another /kubecon's list is a new share.
    const elsewhere = shareClick(h, value, '1700000000.000002');
    await send(h, elsewhere.body);
    await h.fake.waitForCall(
      'response_url',
      (call) => call.responseId === elsewhere.responseId && call.args.response_type === 'in_channel',
    );
    expect(sharedInChannel(h)).toHaveLength(2);
  });

  it('posts once for a double click, both clicks in flight at once', async () => {
    const h = await start();
    const value = await firstShareValue(h);
    const [first, second] = [shareClick(h, value), shareClick(h, value)];
    const acks = await Promise.all([send(h, first.body), send(h, second.body)]);
    // The second click waits for the first's post, then gives up while the first redraws its list.
    await eventually(() => ignoredShares(h).length === 1);
    await h.fake.waitForCall('response_url', (call) => call.args.replace_original === true);

    expect(acks.map((ack) => ack.status)).toEqual([200, 200]);
    expect(sharedInChannel(h)).toHaveLength(1);
    expect(h.fake.callsTo('response_url').filter((call) => call.args.replace_original === true)).toHaveLength(1);
    expect(errors(h)).toEqual([]);
  });

  it('lets a click share again after a share that failed', async () => {
    const h = await start();
    const value = await firstShareValue(h);
    // The share and its two retries.
    h.fake.failNext('response_url', { status: 500 }, 3);
    const failed = shareClick(h, value);
    await send(h, failed.body);
    await h.fake.waitForCall('response_url', (call) => call.responseId === failed.responseId && json(call.args).includes('Sorry'));
    const retried = shareClick(h, value);
    await send(h, retried.body);
    const shared = await h.fake.waitForCall('response_url', (call) => call.responseId === retried.responseId && !call.fault);

    expect(shared.args.response_type).toBe('in_channel');
    expect(sharedInChannel(h).filter((call) => !call.fault)).toHaveLength(1);
    expect(ignoredShares(h)).toEqual([]);
  });
});

describeWithRedis('sharing a talk, two replicas on one Redis', () => {
  let replicas: Harness[] = [];
  afterEach(async () => {
    // The first replica's fake Slack is the second's too: it goes last.
    for (const h of replicas.reverse()) await h.close();
    replicas = [];
  });

  it('posts once when a double click reaches each replica', async () => {
    const redis = await startRedis();
    const a = await startHarness({ mode: 'http', env: { REDIS_URL: redis.url } });
    replicas.push(a);
    const b = await startHarness({ mode: 'http', env: { REDIS_URL: redis.url }, sharedFake: a.fake });
    replicas.push(b);
    await Promise.all(replicas.map((h) => eventually(() => h.app.readiness().redis === true)));
    const value = await firstShareValue(a);
    const [first, second] = [shareClick(a, value), shareClick(b, value)];
    await Promise.all([send(a, first.body), send(b, second.body)]);
    await eventually(() => ignoredShares(a).length + ignoredShares(b).length === 1);
    await a.fake.waitForCall('response_url', (call) => call.args.replace_original === true);

    expect(sharedInChannel(a)).toHaveLength(1);
    expect(a.fake.callsTo('response_url').filter((call) => call.args.replace_original === true)).toHaveLength(1);
  });
});

describe('interactions the bot has no listener for', () => {
  const base = { api_app_id: 'A1', token: 'legacy-verification-token', trigger_id: '1.2.3', team: { id: 'T1', domain: 'kubecon-test' } };
  const user = { id: 'U1', username: 'alice', team_id: 'T1' };
  const unknown = {
    action: {
      ...base,
      type: 'block_actions',
      user,
      container: { type: 'message', message_ts: '1700000000.000001', channel_id: 'C1', is_ephemeral: false },
      channel: { id: 'C1', name: 'general' },
      actions: [{ type: 'button', block_id: 'b', action_id: 'retired_button', value: 'x', action_ts: '1700000001.000001' }],
    },
    shortcut: { ...base, type: 'shortcut', callback_id: 'unknown_shortcut', user, action_ts: '1700000001.000002' },
    messageAction: {
      ...base,
      type: 'message_action',
      callback_id: 'unknown_message_action',
      user,
      channel: { id: 'C1', name: 'general' },
      message: { type: 'message', user: 'U2', ts: '1700000000.000001', text: 'hi' },
      response_url: 'https://hooks.slack.com/app/T1/1/unused',
      action_ts: '1700000001.000003',
    },
    viewSubmission: {
      ...base,
      type: 'view_submission',
      user,
      view: { id: 'V1', type: 'modal', callback_id: 'unknown_modal', state: { values: {} }, hash: '1.x' },
    },
  };

  it.each(Object.entries(unknown))('acks an unknown %s at once and logs it at debug only', async (_kind, payload) => {
    const h = await start();
    const response = await send(h, interactionBody(payload));
    await eventually(() => logsOf(h, 'debug', 'Acked an interaction the bot has no listener for').length === 1);

    // Bolt alone answers 404 after 3 s, with an error line.
    expect(response.status).toBe(200);
    expect(errors(h)).toEqual([]);
    expect(h.fake.calls.filter((call) => call.method !== 'auth.test')).toEqual([]);
  });

  it('leaves a button that has a listener to that listener alone: handled once, acked once', async () => {
    const h = await start();
    const responseId = nextId('dismiss');
    const click = {
      ...unknown.action,
      container: { ...unknown.action.container, is_ephemeral: true },
      response_url: h.fake.responseUrl(responseId),
      actions: [{ type: 'button', block_id: 'b', action_id: 'dismiss', action_ts: '1700000001.000004' }],
    };
    const response = await send(h, interactionBody(click));
    const dismissed = await h.fake.waitForCall('response_url', (call) => call.responseId === responseId);
    // A later unknown click's debug line tells that the dismiss was long done, and logged nothing of the kind.
    await send(h, interactionBody(unknown.shortcut));
    await eventually(() => logsOf(h, 'debug', 'Acked an interaction the bot has no listener for').length === 1);

    expect(response.status).toBe(200);
    expect(dismissed.args).toEqual({ delete_original: true });
    expect(h.fake.callsTo('response_url')).toHaveLength(1);
    expect(logsOf(h, 'debug', 'Acked an interaction the bot has no listener for')[0]).toMatchObject({ id: 'unknown_shortcut' });
    expect(errors(h)).toEqual([]);
  });
});
