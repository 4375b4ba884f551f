import type { KnownBlock } from '@slack/types';
import { describe, expect, it } from 'vitest';
import type { RecordedCall } from '../helpers/fake-slack.ts';
import type { DisconnectReason } from '../helpers/fake-socket-mode.ts';
import { eventPayload, type SlackEvent, slashCommandPayload } from '../helpers/signed-request.ts';
import { connectedSocketHarnessPerTest, eventually, type Harness } from './harness.ts';

/**
 * The real SocketModeClient, inside the real Bolt app, over a real WebSocket to the local
 * fake: the same answers as over HTTP, and a link that survives what Slack does to it.
 */
const start = connectedSocketHarnessPerTest();

let ids = 0;
const nextId = (prefix: string) => `${prefix}-${++ids}`;

const blocksText = (call: RecordedCall) => JSON.stringify(call.args.blocks as KnownBlock[]);

async function slashCommand(h: Harness, text: string) {
  const responseId = nextId('sock-cmd');
  const ack = await h.fake.socket.send('slash_commands', slashCommandPayload({ text, response_url: h.fake.responseUrl(responseId) }));
  const answer = await h.fake.waitForCall('response_url', (call) => call.responseId === responseId && !call.fault);
  return { ack, answer };
}

const mention = (text: string): SlackEvent => ({
  type: 'app_mention',
  user: 'U1',
  text,
  channel: 'C1',
  ts: '1700000000.000500',
  event_ts: '1700000000.000500',
});

describe('Socket Mode', () => {
  it('answers a slash command: acked on the socket, answered privately through the response_url', async () => {
    const h = await start();
    const { ack, answer } = await slashCommand(h, 'karpenter');

    expect(ack.envelope_id).toBeTruthy();
    expect(answer.args).toMatchObject({ response_type: 'ephemeral' });
    expect(blocksText(answer)).toContain('Karpenter Autoscaling in Anger');
    expect(blocksText(answer)).toContain('share_talk');
  });

  it('answers a mention in its thread, once even when Slack retries the envelope', async () => {
    const h = await start();
    const event = eventPayload(mention('<@UBOT> what about prometheus?'), { eventId: 'EvSOCK1' });
    await h.fake.socket.send('events_api', event);
    const reply = await h.fake.waitForCall('chat.postMessage');
    await h.fake.socket.send('events_api', event, { retryAttempt: 1, retryReason: 'timeout' });
    await eventually(() => h.logs.some((line) => line.msg === 'Ignored a retry of an event already answered'));

    expect(reply.args).toMatchObject({ channel: 'C1', thread_ts: '1700000000.000500' });
    expect(blocksText(reply)).toContain('Prometheus Long-Term Storage');
    expect(h.fake.callsTo('chat.postMessage')).toHaveLength(1);
  });

  it('serves /healthz and /readyz on the health port', async () => {
    const h = await start();
    await eventually(async () => (await fetch(`${h.url}/readyz`)).status === 200);

    expect((await fetch(`${h.url}/healthz`)).status).toBe(200);
    expect((await fetch(`${h.url}/nowhere`)).status).toBe(404);
  });

  it.each<DisconnectReason>(['refresh_requested', 'warning', 'link_disabled'])(
    'reconnects after a "%s" disconnect and keeps answering',
    async (reason) => {
      const h = await start();
      h.fake.socket.disconnect(reason);
      const second = await h.fake.socket.waitForConnection();
      await eventually(() => h.fake.socket.connectionCount === 1);
      const { answer } = await slashCommand(h, 'keda');

      expect(second.id).toBe(2);
      // A fresh URL each time: the fake refuses a reused one.
      expect(second.ticket).toBe(2);
      expect(blocksText(answer)).toContain('KEDA Autoscaling for Queues');
    },
  );

  it('drops a link whose peer stopped answering pings, and answers over the new one', async () => {
    const h = await start();
    h.fake.socket.stopPongs();
    const first = h.fake.socket.connections[0];
    const second = await h.fake.socket.waitForConnection(5000);
    h.fake.socket.resumePongs();
    const { answer } = await slashCommand(h, 'finops');

    expect(first?.isOpen).toBe(false);
    expect(second.id).toBe(2);
    expect(blocksText(answer)).toContain('FinOps for Platform Teams');
  });

  it('reconnects after the network drops every link', async () => {
    const h = await start();
    h.fake.socket.dropAll();
    await h.fake.socket.waitForConnection(5000);
    const { answer } = await slashCommand(h, 'help');

    expect(blocksText(answer)).toContain('KubeCon talks, with the team’s takeaways');
  });
});
