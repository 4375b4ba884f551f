import type { KnownBlock } from '@slack/types';
import { describe, expect, it } from 'vitest';
import type { RecordedCall } from '../helpers/fake-slack.ts';
import { interactionBody, postSigned } from '../helpers/signed-request.ts';
import { eventually, type Harness, harnessPerTest, SIGNING_SECRET } from './harness.ts';

/**
 * "Find KubeCon talks about this message", the message shortcut, end to end through the real
 * Bolt app: answered privately on the shortcut's response_url, in any channel.
 */
const start = harnessPerTest({ mode: 'http' });
let ids = 0;

const send = (h: Harness, body: string) => postSigned(`${h.url}/slack/events`, { secret: SIGNING_SECRET, body });

function shortcut(h: Harness, message: Record<string, unknown>, channel = 'C77') {
  const responseId = `shortcut-${++ids}`;
  const body = interactionBody({
    type: 'message_action',
    callback_id: 'find_talks',
    trigger_id: `1.2.${responseId}`,
    action_ts: '1700000100.000001',
    user: { id: 'U1', name: 'alice' },
    team: { id: 'T1', domain: 'kubecon-test' },
    channel: { id: channel, name: 'incidents' },
    message_ts: String(message.ts),
    message: { type: 'message', user: 'U2', ...message },
    response_url: h.fake.responseUrl(responseId),
  });
  return { body, responseId };
}

const blocksOf = (call: RecordedCall) => (call.args.blocks ?? []) as KnownBlock[];
const shareValues = (call: RecordedCall) =>
  blocksOf(call)
    .flatMap((block): object[] =>
      block.type === 'section' && block.accessory ? [block.accessory] : block.type === 'actions' ? block.elements : [],
    )
    .filter((element) => (element as { action_id?: string }).action_id === 'share_talk')
    .map((element) => (element as { value: string }).value);

function shareClick(h: Harness, value: string) {
  const responseId = `share-${++ids}`;
  const body = interactionBody({
    type: 'block_actions',
    user: { id: 'U1', username: 'alice', team_id: 'T1' },
    team: { id: 'T1' },
    container: { type: 'message', message_ts: '1700000200.000001', channel_id: 'C77', is_ephemeral: true },
    channel: { id: 'C77' },
    response_url: h.fake.responseUrl(responseId),
    actions: [{ type: 'button', block_id: 'b', action_id: 'share_talk', value, action_ts: `1700000201.${ids}` }],
  });
  return { body, responseId };
}

describe('the message shortcut', () => {
  it('answers a message, its mentions, links, emoji, chatter and pasted log read past, privately on the response_url, where the bot never joined', async () => {
    const h = await start();
    // The pasted log alone would bury the question under words no talk has.
    const text = [
      '<@U2> hey :wave: is <https://karpenter.sh|Karpenter> worth it for autoscaling? thx 🙏',
      '```',
      'Warning FailedScheduling pod/web-7f9c pending: 0/3 nodes are available: 3 Insufficient cpu, 2 node(s) had untolerated taint',
      "Normal NotTriggerScaleUp cluster-autoscaler pod didn't trigger scale-up: max node group size reached",
      '```',
    ].join('\n');
    const { body, responseId } = shortcut(h, { text, ts: '1700000000.000100' });
    const ack = await send(h, body);
    const answer = await h.fake.waitForCall('response_url', (call) => call.responseId === responseId && !call.fault);

    expect(ack.status).toBe(200);
    expect(answer.args.response_type).toBe('ephemeral');
    expect(JSON.stringify(answer.args.blocks)).toContain('Karpenter Autoscaling in Anger');
    expect(shareValues(answer).length).toBeGreaterThan(0);
    expect(JSON.stringify(answer.args.blocks)).toContain('"action_id":"dismiss"');
    // Nothing posted, nothing joined: only the response_url was used.
    expect(h.fake.calls.filter((call) => !['auth.test', 'users.info', 'response_url'].includes(call.method))).toEqual([]);
  });

  it('says when nothing fits, and offers the topics closest to the text', async () => {
    const h = await start();
    const { body, responseId } = shortcut(h, { text: 'who wants lunch at noon? the pizza place again', ts: '1700000000.000200' });
    await send(h, body);
    const answer = await h.fake.waitForCall('response_url', (call) => call.responseId === responseId && !call.fault);
    expect(JSON.stringify(answer.args.blocks)).toContain('No talk matches');
  });

  it('reads a message of attachments only by their words', async () => {
    const h = await start();
    const { body, responseId } = shortcut(h, {
      text: '',
      ts: '1700000000.000300',
      attachments: [{ title: 'Alert: Prometheus storage full', text: 'long-term storage for metrics is at 95%' }],
    });
    await send(h, body);
    const answer = await h.fake.waitForCall('response_url', (call) => call.responseId === responseId && !call.fault);
    expect(JSON.stringify(answer.args.blocks)).toContain('Prometheus Long-Term Storage');
  });

  it('shares a talk under the message it was asked about, in its thread', async () => {
    const h = await start();
    const { body, responseId } = shortcut(h, { text: 'karpenter', ts: '1700000000.000400', thread_ts: '1700000000.000001' });
    await send(h, body);
    const answer = await h.fake.waitForCall('response_url', (call) => call.responseId === responseId && !call.fault);
    const click = shareClick(h, shareValues(answer)[0]!);
    await send(h, click.body);
    const posted = await h.fake.waitForCall('chat.postMessage');

    expect(posted.args).toMatchObject({ channel: 'C77', thread_ts: '1700000000.000001' });
    expect(JSON.stringify(posted.args.blocks)).toContain('Karpenter Autoscaling in Anger');
    // The list is drawn again with the talk marked shared; nothing went to the channel itself.
    await eventually(() =>
      h.fake.callsTo('response_url').some((call) => call.responseId === click.responseId && call.args.replace_original === true),
    );
    expect(h.fake.callsTo('response_url').filter((call) => call.args.response_type === 'in_channel')).toEqual([]);
  });

  it('shares in the channel instead when the bot may not post in that thread', async () => {
    const h = await start();
    h.fake.failNext('chat.postMessage', { error: 'not_in_channel' });
    const { body, responseId } = shortcut(h, { text: 'karpenter', ts: '1700000000.000500' });
    await send(h, body);
    const answer = await h.fake.waitForCall('response_url', (call) => call.responseId === responseId && !call.fault);
    const click = shareClick(h, shareValues(answer)[0]!);
    await send(h, click.body);
    const shared = await h.fake.waitForCall(
      'response_url',
      (call) => call.responseId === click.responseId && call.args.response_type === 'in_channel',
    );

    expect(JSON.stringify(shared.args.blocks)).toContain('Karpenter Autoscaling in Anger');
    expect(h.fake.callsTo('chat.postMessage')).toHaveLength(1);
  });
});
