import { PassThrough } from 'node:stream';
import type { ActionsBlockElement, KnownBlock, SectionBlockAccessory, StaticSelect } from '@slack/types';
import { describe, expect, it } from 'vitest';
import { runConsole } from '../../src/console/console.ts';
import { renderMessageAsText } from '../../src/console/render-text.ts';
import { fakeClock } from '../digest/helpers.ts';
import type { RecordedCall } from '../helpers/fake-slack.ts';
import {
  eventBody,
  interactionBody,
  postSigned,
  type SlackEvent,
  slashCommandBody,
  urlVerificationBody,
} from '../helpers/signed-request.ts';
import { eventually, type Harness, harnessPerTest, SIGNING_SECRET } from './harness.ts';

const start = harnessPerTest({ mode: 'http' });

let ids = 0;
const nextId = (prefix: string) => `${prefix}-${++ids}`;

/** Sends `/kubecon <text>` and resolves with Slack's HTTP answer and the id of its response_url. */
async function command(h: Harness, text: string, fields: Record<string, string> = {}) {
  const responseId = nextId('cmd');
  const response = await postSigned(`${h.url}/slack/events`, {
    secret: SIGNING_SECRET,
    body: slashCommandBody({ text, response_url: h.fake.responseUrl(responseId), ...fields }),
  });
  return { response, responseId };
}

/** The first response_url post for `responseId` that satisfies `predicate`. */
function responded(h: Harness, responseId: string, predicate: (call: RecordedCall) => boolean = () => true): Promise<RecordedCall> {
  return h.fake.waitForCall('response_url', (call) => call.responseId === responseId && !call.fault && predicate(call));
}

interface Click {
  action_id: string;
  value?: string;
  type?: 'static_select';
  selected_option?: { text: { type: 'plain_text'; text: string }; value: string };
}

/** A button click: by default in an ephemeral preview in channel C1. */
async function click(h: Harness, action: Click, payload: Record<string, unknown> = {}) {
  const responseId = nextId('action');
  const response = await postSigned(`${h.url}/slack/events`, {
    secret: SIGNING_SECRET,
    body: interactionBody({
      type: 'block_actions',
      api_app_id: 'A1',
      token: 'legacy-verification-token',
      trigger_id: '1.2.3',
      user: { id: 'U1', username: 'alice', team_id: 'T1' },
      team: { id: 'T1', domain: 'kubecon-test' },
      container: { type: 'message', message_ts: '1700000000.000001', channel_id: 'C1', is_ephemeral: true },
      channel: { id: 'C1', name: 'general' },
      response_url: h.fake.responseUrl(responseId),
      actions: [{ type: 'button', block_id: 'b', action_ts: '1700000001.000001', ...action }],
      ...payload,
    }),
  });
  return { response, responseId };
}

/** A Home tab click: no response_url, a view instead. */
function homeClick(h: Harness, action: Click) {
  return click(h, action, {
    container: { type: 'view', view_id: 'V1' },
    view: { id: 'V1', type: 'home', hash: '1.x' },
    channel: undefined,
    response_url: undefined,
  });
}

async function sendEvent(h: Harness, event: SlackEvent, options: { eventId?: string; retryNum?: number } = {}) {
  return postSigned(`${h.url}/slack/events`, {
    secret: SIGNING_SECRET,
    body: eventBody(event, { eventId: options.eventId }),
    headers:
      options.retryNum === undefined ? {} : { 'X-Slack-Retry-Num': String(options.retryNum), 'X-Slack-Retry-Reason': 'http_timeout' },
  });
}

const mention = (text: string, fields: Record<string, unknown> = {}): SlackEvent => ({
  type: 'app_mention',
  user: 'U1',
  text,
  channel: 'C1',
  ts: '1700000000.000100',
  event_ts: '1700000000.000100',
  ...fields,
});

const blocksOf = (call: RecordedCall) =>
  (call.args.blocks ?? (call.args.view as { blocks?: unknown } | undefined)?.blocks ?? []) as KnownBlock[];
const json = (value: unknown) => JSON.stringify(value);

function buttons(blocks: readonly KnownBlock[]): { action_id: string; value?: string; url?: string }[] {
  return blocks.flatMap((block) => {
    if (block.type === 'actions') return block.elements as { action_id: string; value?: string }[];
    if (block.type === 'section' && block.accessory?.type === 'button')
      return [block.accessory as { action_id: string; value?: string; url?: string }];
    return [];
  });
}

function button(blocks: readonly KnownBlock[], actionId: string): Click {
  const found = buttons(blocks).find((b) => b.action_id === actionId);
  if (!found) throw new Error(`no ${actionId} button in ${json(blocks)}`);
  return { action_id: found.action_id, ...(found.value === undefined ? {} : { value: found.value }) };
}

/** Choosing `value` in the topic menu of `blocks`, as Slack sends it: the option is in `selected_option`. */
function menuChoice(blocks: readonly KnownBlock[], value: string): Click {
  const menus = blocks.flatMap((block): (ActionsBlockElement | SectionBlockAccessory)[] => {
    if (block.type === 'actions') return block.elements;
    if (block.type === 'section' && block.accessory) return [block.accessory];
    return [];
  });
  const menu = menus.find((element): element is StaticSelect => element.type === 'static_select' && element.action_id === 'pick_topic');
  const option = menu?.options?.find((o) => o.value === value);
  if (!option) throw new Error(`no topic menu offering ${value} in ${json(blocks)}`);
  return {
    type: 'static_select',
    action_id: 'pick_topic',
    selected_option: { text: { type: 'plain_text', text: option.text.text }, value },
  };
}

const postedAnswers = (h: Harness) => h.fake.callsTo('chat.postMessage').filter((call) => !call.fault);
const logged = (h: Harness, level: string, msg: string | RegExp) =>
  h.logs.some((line) => line.level === level && (typeof msg === 'string' ? line.msg === msg : msg.test(line.msg)));

describe('/kubecon over HTTP', () => {
  it('acks at once, then answers privately with talks, Share, More results and Dismiss', async () => {
    const h = await start();
    // users.info is slow: the ack must not wait for it, nor for the answer that waits on it.
    h.fake.failNext('users.info', { delayMs: 600 });
    const { response, responseId } = await command(h, 'autoscaling');
    const answeredBeforeAck = h.fake.callsTo('response_url').length;
    const answer = await responded(h, responseId);

    expect(response.status).toBe(200);
    expect(answeredBeforeAck).toBe(0);
    expect(answer.args).toMatchObject({ response_type: 'ephemeral', unfurl_links: false, unfurl_media: false });
    const blocks = blocksOf(answer);
    expect(json(blocks)).toContain('Talks for “autoscaling”');
    expect(json(blocks)).toContain('Showing 1–3 of 5');
    expect(json(blocks)).toContain('English takeaway of Karpenter Autoscaling in Anger.');
    expect(buttons(blocks).map((b) => b.action_id)).toEqual([
      'share_talk',
      'share_talk',
      'share_talk',
      'more_results',
      'rate_up',
      'rate_down',
      'dismiss',
    ]);
  });

  it('pages with More results, in place of the preview', async () => {
    const h = await start();
    const { responseId } = await command(h, 'autoscaling');
    const first = await responded(h, responseId);
    const more = await click(h, button(blocksOf(first), 'more_results'));
    const page2 = await responded(h, more.responseId);

    expect(more.response.status).toBe(200);
    expect(page2.args).toMatchObject({ response_type: 'ephemeral', replace_original: true, unfurl_links: false });
    expect(json(blocksOf(page2))).toContain('Showing 4–5 of 5');
    expect(buttons(blocksOf(page2)).map((b) => b.action_id)).not.toContain('more_results');
  });

  it('shares a talk publicly, saying who shared it, then marks it shared in a list that stays usable', async () => {
    const h = await start();
    const { responseId } = await command(h, 'autoscaling');
    const preview = await responded(h, responseId);
    const share = await click(h, button(blocksOf(preview), 'share_talk'));
    const posted = await responded(h, share.responseId, (call) => call.args.response_type === 'in_channel');
    const redrawn = await responded(h, share.responseId, (call) => call.args.replace_original === true);

    expect(posted.args).toMatchObject({ replace_original: false, unfurl_media: true, unfurl_links: false });
    expect(posted.args.text).toContain('<@U1> shared a talk from KubeCon EU');
    expect(json(blocksOf(posted))).toContain('Karpenter Autoscaling in Anger');
    expect(json(blocksOf(posted))).not.toContain('share_talk');
    expect(posted.at).toBeLessThanOrEqual(redrawn.at);
    expect(redrawn.args).toMatchObject({ response_type: 'ephemeral' });
    expect(json(blocksOf(redrawn))).toContain('shared ✓');
    expect(buttons(blocksOf(redrawn)).map((b) => b.action_id)).toEqual([
      'share_talk',
      'share_talk',
      'more_results',
      'rate_up',
      'rate_down',
      'dismiss',
    ]);

    // A second share from the redrawn list keeps the first one marked.
    const again = await click(h, button(blocksOf(redrawn), 'share_talk'));
    const redrawnAgain = await responded(h, again.responseId, (call) => call.args.replace_original === true);
    expect(json(blocksOf(redrawnAgain)).match(/shared ✓/g)).toHaveLength(2);
    expect(buttons(blocksOf(redrawnAgain)).map((b) => b.action_id)).toEqual([
      'share_talk',
      'more_results',
      'rate_up',
      'rate_down',
      'dismiss',
    ]);
  });

  it('dismisses the preview', async () => {
    const h = await start();
    const { responseId } = await command(h, 'autoscaling');
    const preview = await responded(h, responseId);
    const dismissed = await click(h, button(blocksOf(preview), 'dismiss'));
    const call = await responded(h, dismissed.responseId);

    expect(call.args).toEqual({ delete_original: true });
  });

  it('lists topics in a menu whose choice shows the talks; URL buttons are acked too', async () => {
    const h = await start();
    const { responseId } = await command(h, 'topics');
    const topics = await responded(h, responseId);
    const costs = await click(h, menuChoice(blocksOf(topics), 'costs'));
    const talks = await responded(h, costs.responseId);
    const watch = await click(h, { action_id: 'watch_video', value: '2030-karpenter' });

    expect(json(blocksOf(topics))).toContain('Costs (2)');
    expect(talks.args).toMatchObject({ replace_original: true });
    expect(json(blocksOf(talks))).toContain('Talks on Costs');
    expect(json(blocksOf(talks))).toContain('FinOps for Platform Teams');
    expect(watch.response.status).toBe(200);
  });

  it("shows a suggested topic's talks from its button, as the menu does", async () => {
    const h = await start();
    const { responseId } = await command(h, 'paella recipe');
    const none = await responded(h, responseId);
    const suggestion = buttons(blocksOf(none)).find((b) => b.action_id.startsWith('show_topic:'));
    const clicked = await click(h, { action_id: suggestion!.action_id, value: suggestion!.value! });
    const talks = await responded(h, clicked.responseId);

    expect(talks.args).toMatchObject({ replace_original: true });
    expect(json(blocksOf(talks))).toMatch(/Talks on /);
  });

  it('ignores and logs a topic menu choice without a chosen option', async () => {
    const h = await start();
    const { response } = await click(h, { type: 'static_select', action_id: 'pick_topic' });

    expect(response.status).toBe(200);
    await eventually(() => logged(h, 'warn', 'Ignored a topic menu choice without a topic'));
    expect(h.fake.callsTo('response_url')).toEqual([]);
  });

  it('lets every private answer be dismissed: help, topics, takeaways, no results', async () => {
    const h = await start();
    for (const text of ['help', 'topics', 'takeaways', 'paella recipe']) {
      const { responseId } = await command(h, text);
      const answer = await responded(h, responseId);
      const dismissed = await click(h, button(blocksOf(answer), 'dismiss'));
      expect((await responded(h, dismissed.responseId)).args, text).toEqual({ delete_original: true });
    }
  });

  it('answers in French for a user whose Slack locale is French', async () => {
    const h = await start();
    h.fake.setLocale('UFR1', 'fr-FR');
    const { responseId } = await command(h, 'autoscaling', { user_id: 'UFR1' });
    const answer = await responded(h, responseId);

    expect(json(blocksOf(answer))).toContain('Conférences pour «\u00a0autoscaling\u00a0»');
    expect(json(blocksOf(answer))).toContain('Retour en français sur Karpenter Autoscaling in Anger.');
    expect(json(blocksOf(answer))).toContain('"Partager"');
    const lookup = h.fake.callsTo('users.info')[0];
    expect(lookup?.args).toMatchObject({ user: 'UFR1', include_locale: 'true' });
  });

  it('echoes <!channel> escaped, so nobody is pinged', async () => {
    const h = await start();
    const { responseId } = await command(h, '<!channel> <@U999> paella');
    const answer = await responded(h, responseId);

    expect(json(answer.args)).toContain('&lt;!channel&gt; &lt;@U999&gt; paella');
    expect(json(answer.args)).not.toMatch(/<!channel>|<@U999>/);
    expect(json(blocksOf(answer))).toContain('show_topic:');
  });

  it('says when the digest is not enabled, and hands digest commands to it when it is', async () => {
    const h1 = await start();
    const off = await command(h1, 'digest subscribe');
    expect(json((await responded(h1, off.responseId)).args)).toContain('The weekly digest is not enabled on this bot.');
    await h1.close();

    const h2 = await start({ digest: { clock: fakeClock('2026-03-27T10:00:00Z') }, fake: { joinedChannels: ['C42'] } });
    const on = await command(h2, 'digest subscribe', { channel_id: 'C42' });
    const answer = await responded(h2, on.responseId);

    expect(answer.args).toMatchObject({
      response_type: 'ephemeral',
      text: expect.stringContaining('Done: this channel gets a weekly digest'),
    });
    expect((await h2.digest!.store.read()).subscriptions).toEqual({ C42: { by: 'U1', at: '2026-03-27T10:00:00.000Z', language: 'en' } });
  });

  it('logs and ignores a command whose payload is invalid', async () => {
    const h = await start();
    const { response, responseId } = await command(h, 'autoscaling', { user_id: 'not a user' });

    expect(response.status).toBe(200);
    await eventually(() => logged(h, 'warn', 'Ignored an invalid slash command'));
    expect(h.fake.callsTo('response_url').filter((call) => call.responseId === responseId)).toEqual([]);
    expect(json(h.logs)).not.toContain('not a user');
  });

  it('apologises when every attempt at the response_url times out, and keeps answering', async () => {
    const h = await start();
    // The answer and its two retries time out (1 s each in these tests); the apology gets through.
    h.fake.failNext('response_url', { delayMs: 3000 }, 3);
    const { responseId } = await command(h, 'autoscaling');
    const sorry = await h.fake.waitForCall(
      'response_url',
      (call) => call.responseId === responseId && !call.fault && json(call.args).includes('Sorry, something went wrong'),
      10_000,
    );
    const next = await command(h, 'karpenter');

    expect(sorry.args).toMatchObject({ response_type: 'ephemeral' });
    expect(logged(h, 'error', 'Could not answer a slash command')).toBe(true);
    expect(json((await responded(h, next.responseId)).args)).toContain('Karpenter Autoscaling in Anger');
  });
});

// Ours by default; Bolt's is what bench:load --variant bolt-signature compares it with, and must refuse and answer alike.
describe.each(['ours', 'bolt'] as const)('request verification, %s signature check', (signatureCheck) => {
  it('rejects a bad signature and a stale timestamp with 401, and never runs a listener', async () => {
    const h = await start({ signatureCheck });
    const url = `${h.url}/slack/events`;
    const body = slashCommandBody({ text: 'autoscaling', response_url: h.fake.responseUrl('forged') });
    const forged = await postSigned(url, { secret: SIGNING_SECRET, body, headers: { 'X-Slack-Signature': `v0=${'0'.repeat(64)}` } });
    const wrongSecret = await postSigned(url, { secret: 'another-secret', body });
    const stale = await postSigned(url, { secret: SIGNING_SECRET, body, timestamp: Math.floor(Date.now() / 1000) - 6 * 60 });

    expect([forged.status, wrongSecret.status, stale.status]).toEqual([401, 401, 401]);
    expect(h.fake.callsTo('response_url')).toEqual([]);
  });

  it('answers the challenge Slack sends when the Events API request URL is saved', async () => {
    const h = await start({ signatureCheck });
    const response = await postSigned(`${h.url}/slack/events`, { secret: SIGNING_SECRET, body: urlVerificationBody('c-123') });

    expect(response.status).toBe(200);
    expect(JSON.parse(response.text)).toEqual({ challenge: 'c-123' });
  });

  it('answers the unsigned ssl_check Slack sends when a slash command URL is saved, and runs nothing it carries', async () => {
    const h = await start({ signatureCheck });
    const smuggled = new URLSearchParams({
      ssl_check: '1',
      token: 'legacy-verification-token',
      command: '/kubecon',
      text: 'karpenter',
      response_url: h.fake.responseUrl('smuggled'),
    }).toString();
    const response = await fetch(`${h.url}/slack/events`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: smuggled,
    });

    expect(response.status).toBe(200);
    // A signed command after it is answered, and the smuggled one never was.
    const { responseId } = await command(h, 'keda');
    await responded(h, responseId);
    expect(h.fake.callsTo('response_url').filter((call) => call.responseId === 'smuggled')).toEqual([]);
  });
});

describe('mentions and direct messages', () => {
  it('answers a mention in a thread, mention and filler stripped, without unfurling', async () => {
    const h = await start();
    const ack = await sendEvent(h, mention('<@UBOT> hey, what about prometheus?'));
    const reply = await h.fake.waitForCall('chat.postMessage');

    expect(ack.status).toBe(200);
    expect(reply.args).toMatchObject({ channel: 'C1', thread_ts: '1700000000.000100', unfurl_links: 'false', unfurl_media: 'false' });
    expect(json(blocksOf(reply))).toContain('Talks for “prometheus”');
    expect(json(blocksOf(reply))).toContain('Prometheus Long-Term Storage');
    // Public replies carry no Share or Dismiss: those are for ephemeral previews.
    // In a thread, whoever sees the answer may rate it; nothing else to press.
    expect(buttons(blocksOf(reply)).map((b) => b.action_id)).toEqual(['rate_up', 'rate_down']);
  });

  it('answers subcommands in the thread the mention was in', async () => {
    const h = await start();
    await sendEvent(h, mention('<@UBOT> topics please', { ts: '1700000000.000300', thread_ts: '1700000000.000200' }));
    const reply = await h.fake.waitForCall('chat.postMessage');

    expect(reply.args.thread_ts).toBe('1700000000.000200');
    expect(menuChoice(blocksOf(reply), 'autoscaling').action_id).toBe('pick_topic');
    // Everyone in the thread sees it: it is not the asker's to dismiss.
    expect(buttons(blocksOf(reply)).map((b) => b.action_id)).not.toContain('dismiss');
  });

  it('pages a list in a thread with More, posting the next page in that thread, then says that was all', async () => {
    const h = await start();
    await sendEvent(h, mention('<@UBOT> autoscaling'));
    const first = await h.fake.waitForCall('chat.postMessage');
    expect(json(blocksOf(first))).toContain('Showing 1–3 of 5');
    const more = await click(h, button(blocksOf(first), 'more_results'), {
      container: { type: 'message', message_ts: '1700000000.000900', channel_id: 'C1', is_ephemeral: false },
      message: { ts: '1700000000.000900', thread_ts: '1700000000.000100' },
    });
    await eventually(() => postedAnswers(h).length === 2);
    const next = postedAnswers(h)[1]!;

    expect(more.response.status).toBe(200);
    expect(next.args).toMatchObject({ channel: 'C1', thread_ts: '1700000000.000100' });
    expect(json(blocksOf(next))).toContain('Showing 4–5 of 5');
    expect(json(blocksOf(next))).toContain('That was all 5.');
    expect(h.fake.callsTo('response_url')).toEqual([]);
  });

  it('answers a direct message in the conversation, a threaded one in its thread', async () => {
    const h = await start();
    const dm = { type: 'message', channel_type: 'im', channel: 'D1', user: 'U1', ts: '1700000000.000400', event_ts: '1700000000.000400' };
    await sendEvent(h, { ...dm, text: 'karpenter' });
    await eventually(() => postedAnswers(h).length === 1);
    await sendEvent(h, { ...dm, text: 'keda', ts: '1700000000.000500', thread_ts: '1700000000.000450' });
    await eventually(() => postedAnswers(h).length === 2);
    const [inPlace, inThread] = postedAnswers(h);

    expect(inPlace!.args.channel).toBe('D1');
    expect(inPlace!.args).not.toHaveProperty('thread_ts');
    expect(inThread!.args).toMatchObject({ channel: 'D1', thread_ts: '1700000000.000450' });
  });

  it('answers a direct message and ignores bots, edits and other subtypes', async () => {
    const h = await start();
    const dm = { type: 'message', channel_type: 'im', channel: 'D1', user: 'U1', ts: '1700000000.000400', event_ts: '1700000000.000400' };
    await sendEvent(h, { ...dm, text: 'karpenter', bot_id: 'BOTHER' });
    await sendEvent(h, { ...dm, text: 'karpenter', subtype: 'message_changed' });
    await sendEvent(h, { ...dm, text: 'karpenter', channel_type: 'channel', channel: 'C1' });
    await sendEvent(h, { ...dm, text: 'help' });
    const reply = await h.fake.waitForCall('chat.postMessage');

    expect(reply.args).toMatchObject({ channel: 'D1' });
    expect(json(blocksOf(reply))).toContain('KubeCon talks, with the team’s takeaways');
    expect(postedAnswers(h)).toHaveLength(1);
  });

  it('answers a retried event once', async () => {
    const h = await start();
    await sendEvent(h, mention('<@UBOT> karpenter'), { eventId: 'EvRETRY1' });
    await h.fake.waitForCall('chat.postMessage');
    const retry = await sendEvent(h, mention('<@UBOT> karpenter'), { eventId: 'EvRETRY1', retryNum: 1 });

    expect(retry.status).toBe(200);
    await eventually(() => logged(h, 'info', 'Ignored a retry of an event already answered'));
    expect(postedAnswers(h)).toHaveLength(1);
  });

  it('answers on retry an event whose first delivery failed on Slack 500s', async () => {
    const h = await start();
    // Two attempts for the answer, two for the apology: the whole first delivery fails.
    h.fake.failNext('chat.postMessage', { status: 500 }, 4);
    await sendEvent(h, mention('<@UBOT> karpenter'), { eventId: 'EvFAIL1' });
    await eventually(() => logged(h, 'warn', 'Could not apologise in the thread either'));
    await sendEvent(h, mention('<@UBOT> karpenter'), { eventId: 'EvFAIL1', retryNum: 1 });
    const answer = await h.fake.waitForCall('chat.postMessage', (call) => !call.fault);

    expect(logged(h, 'error', 'Could not answer in the thread')).toBe(true);
    expect(json(blocksOf(answer))).toContain('Karpenter Autoscaling in Anger');
    expect(postedAnswers(h)).toHaveLength(1);
  });

  it('logs a 500 from chat.postMessage, apologises, and answers the next request', async () => {
    const h = await start();
    h.fake.failNext('chat.postMessage', { status: 500 }, 2);
    await sendEvent(h, mention('<@UBOT> karpenter'));
    const sorry = await h.fake.waitForCall('chat.postMessage', (call) => !call.fault);
    await sendEvent(h, mention('<@UBOT> prometheus', { ts: '1700000000.000500' }));
    const next = await h.fake.waitForCall('chat.postMessage', (call) => !call.fault && call.args.thread_ts === '1700000000.000500');

    expect(sorry.args.text).toBe('Sorry, something went wrong while answering. Please try again in a moment.');
    const error = h.logs.find((line) => line.msg === 'Could not answer in the thread');
    expect(error).toMatchObject({
      level: 'error',
      listener: 'app_mention',
      channel: 'C1',
      error: { name: 'WebAPIHTTPError', code: 'slack_webapi_http_error' },
    });
    expect(json(blocksOf(next))).toContain('Prometheus Long-Term Storage');
  });

  it('apologises at once on a 429 rather than keep the user waiting', async () => {
    const h = await start();
    h.fake.failNext('chat.postMessage', { status: 429, retryAfter: 30 });
    await sendEvent(h, mention('<@UBOT> karpenter'));
    const limited = await h.fake.waitForCall('chat.postMessage', (call) => call.fault !== undefined);
    const sorry = await h.fake.waitForCall('chat.postMessage', (call) => !call.fault);

    // Posted long before the 30 s Slack asked to wait: the user is not kept waiting for it.
    expect(sorry.at - limited.at).toBeLessThan(30_000 / 2);
    expect(sorry.args.text).toMatch(/^Sorry/);
  });
});

describe('App Home', () => {
  it('publishes the Home tab when opened, with the next digest', async () => {
    // Monday 6 May 2030, 09:30 in Paris, is the next slot.
    const h = await start({ digest: { clock: fakeClock('2030-05-01T12:00:00Z') }, env: { DIGEST_CHANNELS: 'CAAA,CBBB,CCCC' } });
    // The Messages tab sends the same event; only the Home tab has something to publish.
    await sendEvent(h, { type: 'app_home_opened', user: 'U1', channel: 'D1', tab: 'messages', event_ts: '1700000000.000600' });
    await sendEvent(h, { type: 'app_home_opened', user: 'U1', channel: 'D1', tab: 'home', event_ts: '1700000000.000601' });
    const published = await h.fake.waitForCall('views.publish');

    expect(published.args.user_id).toBe('U1');
    expect(published.args.view).toMatchObject({ type: 'home' });
    expect(json(blocksOf(published))).toContain('Next weekly digest: <!date^1904283000^');
    expect(json(blocksOf(published))).toContain('This week’s talk');
    expect(buttons(blocksOf(published)).map((b) => b.action_id)).toEqual(['show_edition:2030']);
    expect(menuChoice(blocksOf(published), 'observability').action_id).toBe('pick_topic');
    expect(h.fake.callsTo('views.publish')).toHaveLength(1);
  });

  it('shows talks in the Home tab for its buttons, pages them and clears them', async () => {
    const h = await start();
    await homeClick(h, { action_id: 'show_topic:autoscaling', value: 'autoscaling' });
    const results = await h.fake.waitForCall('views.publish');
    await homeClick(h, button(blocksOf(results), 'more_results'));
    const page2 = await h.fake.waitForCall('views.publish', (call) => json(call.args).includes('Showing 4–5 of 5'));
    await homeClick(h, { action_id: 'show_edition:2030', value: '2030' });
    const edition = await h.fake.waitForCall('views.publish', (call) => json(call.args).includes('Talks from KubeCon EU 2030'));
    await homeClick(h, button(blocksOf(edition), 'dismiss'));
    await eventually(() => h.fake.callsTo('views.publish').length === 4);
    const cleared = h.fake.callsTo('views.publish')[3]!;

    expect(json(blocksOf(results))).toContain('Talks on Autoscaling');
    expect(json(blocksOf(page2))).toContain('Cluster Autoscaling Without Tears');
    expect(json(blocksOf(cleared))).not.toContain('Talks from');
    expect(h.fake.callsTo('response_url')).toEqual([]);
  });

  it("shows the talks of a topic chosen in the Home tab's menu", async () => {
    const h = await start();
    await sendEvent(h, { type: 'app_home_opened', user: 'U1', channel: 'D1', tab: 'home', event_ts: '1700000000.000602' });
    const home = await h.fake.waitForCall('views.publish');
    await homeClick(h, menuChoice(blocksOf(home), 'costs'));
    const results = await h.fake.waitForCall('views.publish', (call) => json(call.args).includes('Talks on Costs'));

    expect(json(blocksOf(results))).toContain('FinOps for Platform Teams');
    expect(h.fake.callsTo('response_url')).toEqual([]);
  });
});

describe('health', () => {
  it('is alive at once and ready once Slack answered auth.test, retried with backoff', async () => {
    const h = await start({ beforeStart: (fake) => fake.failNext('auth.test', { status: 500 }, 3) });
    const alive = await fetch(`${h.url}/healthz`);
    const early = await fetch(`${h.url}/readyz`);

    expect(alive.status).toBe(200);
    expect(early.status).toBe(503);
    expect(await early.json()).toMatchObject({ checks: { catalogue: true, slack: false } });
    await eventually(async () => (await fetch(`${h.url}/readyz`)).status === 200);
    expect(logged(h, 'error', /^Slack did not answer auth\.test \(attempt 1\); retrying in/)).toBe(true);
    expect(json(h.logs)).not.toContain('xoxb-1-test');
  });
});

describe('graceful shutdown', () => {
  it('finishes the handler in flight, then stops taking requests', async () => {
    const h = await start();
    h.fake.failNext('chat.postMessage', { delayMs: 600 });
    await sendEvent(h, mention('<@UBOT> karpenter'));
    await h.fake.waitForCall('chat.postMessage');
    const before = Date.now();
    await h.app.shutdown();

    expect(Date.now() - before).toBeGreaterThan(400);
    expect(h.logs.findIndex((line) => line.msg === 'Slack app stopped')).toBeGreaterThan(-1);
    expect(logged(h, 'error', 'Could not answer in the thread')).toBe(false);
    await expect(fetch(`${h.url}/healthz`)).rejects.toThrow();
  });

  it('finishes every queued answer before it stops, where eight at a time would run past the deadline', async () => {
    // 40 answers, each waiting 700 ms on Slack: eight at a time take 3.5 s, past this 3 s deadline.
    const h = await start();
    h.fake.failNext('response_url', { delayMs: 700 }, 40);
    const commands = await Promise.all(Array.from({ length: 40 }, () => command(h, 'karpenter')));
    expect(commands.map(({ response }) => response.status)).toEqual(commands.map(() => 200));
    await h.app.shutdown();

    const answered = new Set(h.fake.callsTo('response_url').map((call) => call.responseId));
    expect(commands.filter(({ responseId }) => !answered.has(responseId))).toEqual([]);
    expect(h.logs.filter((line) => line.msg === 'Shutdown deadline reached with handlers still running')).toEqual([]);
    expect(logged(h, 'error', 'Could not answer a slash command')).toBe(false);
  });
});

describe('one rendering for the console and Slack', () => {
  it('prints in the console the talks and takeaways Slack receives, from the same blocks', async () => {
    const h = await start();
    const { responseId } = await command(h, 'autoscaling');
    const slack = await responded(h, responseId);

    const input = new PassThrough();
    const output = new PassThrough();
    let printed = '';
    output.on('data', (chunk: Buffer) => (printed += chunk.toString()));
    const done = runConsole({ bot: h.bot, language: 'en', input, output, interactive: false });
    input.end('autoscaling\n');
    await done;

    // The Slack preview adds only buttons to what the console prints.
    const withoutButtons = (text: string) =>
      text
        .split('\n')
        .filter((line) => !line.startsWith('['))
        .join('\n')
        .replace(/\n{3,}/g, '\n\n')
        .trim();
    const slackAsText = withoutButtons(renderMessageAsText({ text: String(slack.args.text), blocks: blocksOf(slack) }));
    expect(slackAsText).toContain('English takeaway of Karpenter Autoscaling in Anger.');
    expect(withoutButtons(printed)).toContain(slackAsText);
  });
});
