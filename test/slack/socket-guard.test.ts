import { SocketModeClient } from '@slack/socket-mode';
import { describe, expect, it } from 'vitest';
import { slashCommandPayload } from '../helpers/signed-request.ts';
import { connectedSocketHarnessPerTest, eventually, type Harness, type LogLine } from './harness.ts';

/**
 * Frames Slack should never send, a link that drops and a reconnect Slack refuses: each
 * used to end the process inside @slack/socket-mode 3.1.0. Now each is logged, the link
 * comes back with growing delays, /readyz follows it, and commands are answered after.
 */
const start = connectedSocketHarnessPerTest();

let ids = 0;
async function stillAnswers(h: Harness): Promise<void> {
  const responseId = `guard-${++ids}`;
  await h.fake.socket.send('slash_commands', slashCommandPayload({ text: 'karpenter', response_url: h.fake.responseUrl(responseId) }));
  const answer = await h.fake.waitForCall('response_url', (call) => call.responseId === responseId && !call.fault);
  expect(JSON.stringify(answer.args)).toContain('Karpenter Autoscaling in Anger');
}

const logged = (h: Harness, msg: string): LogLine[] => h.logs.filter((line) => line.msg === msg);
const ready = async (h: Harness) => (await fetch(`${h.url}/readyz`)).status;

describe('Socket Mode frames Slack should never send', () => {
  it('drops each malformed frame with a warning, acks those with an envelope id, and keeps answering', async () => {
    const h = await start();
    const frames = [
      'null',
      '[]',
      '"hello"',
      '{"type":"events_api","envelope_id":"E-no-payload"}',
      '{"type":"events_api","envelope_id":"E-no-event","payload":{}}',
      '{"type":"events_api","envelope_id":"E-event-null","payload":{"event":null}}',
      '{"type":"slash_commands","envelope_id":"E-payload-null","payload":null}',
      '{"type":"interactive"}',
      '{not json',
    ];
    for (const frame of frames) h.fake.socket.sendRaw(frame);
    await eventually(() => logged(h, 'Dropped a malformed Socket Mode frame').length === 8);
    expect(logged(h, 'Dropped a Socket Mode frame that is not JSON')).toHaveLength(1);
    await eventually(() => h.fake.socket.received.filter((ack) => String(ack.envelope_id).startsWith('E-')).length === 4);
    await stillAnswers(h);
    expect(h.fake.socket.connections).toHaveLength(1);
  });

  it('refuses a frame larger than any Slack payload by closing the link, then reconnects and answers', async () => {
    const h = await start();
    h.fake.socket.sendRaw(
      JSON.stringify({ type: 'events_api', envelope_id: 'huge', payload: { event: { type: 'x', text: 'x'.repeat(2 * 1024 * 1024) } } }),
    );
    const [first] = h.fake.socket.connections;
    expect((await first?.closed)?.code).toBe(1009);
    await h.fake.socket.waitForConnection();
    await stillAnswers(h);
  });
});

describe('the Socket Mode link', () => {
  it('is reflected in /readyz: 503 while down, 200 once it is up again', async () => {
    const h = await start();
    await eventually(async () => (await ready(h)) === 200);
    h.fake.failNext('apps.connections.open', { error: 'internal_error' }, 3);
    h.fake.socket.dropAll();
    await eventually(async () => (await ready(h)) === 503);
    await h.fake.socket.waitForConnection(10_000);
    await eventually(async () => (await ready(h)) === 200, 5000);
    await stillAnswers(h);
  });

  it('reconnects with delays that grow, with jitter, up to the maximum', async () => {
    const h = await start();
    h.fake.failNext('apps.connections.open', { error: 'internal_error' }, 4);
    h.fake.socket.dropAll();
    await h.fake.socket.waitForConnection(15_000);
    const delays = logged(h, 'Socket Mode link to Slack is down; reconnecting').map((line) => line.delayMs as number);
    expect(delays.length).toBeGreaterThanOrEqual(5);
    // FAST: 300 ms first, doubling to a 1,200 ms maximum, each between half and all of it.
    expect(delays[0]).toBeLessThanOrEqual(300);
    expect(delays[2]).toBeGreaterThanOrEqual(delays[0] ?? 0);
    for (const delay of delays) expect(delay).toBeLessThanOrEqual(1200);
    expect(Math.max(...delays)).toBeGreaterThan(300);
    await eventually(() => logged(h, 'Socket Mode link to Slack is up again').length === 1);
    // One line a drop, with a reason, and no empty error lines from the client.
    expect(logged(h, 'Socket Mode link to Slack is down; reconnecting')[0]?.reason).toEqual(expect.any(String));
    expect(h.logs.filter((line) => line.level === 'error' && /^WebSocket error/.test(line.msg))).toEqual([]);
  });

  it('survives Slack refusing the app-level token on reconnect: says so, retries, and is back once Slack accepts it', async () => {
    const h = await start();
    h.fake.failNext('apps.connections.open', { error: 'invalid_auth' }, 2);
    h.fake.socket.dropAll();
    await eventually(
      () => logged(h, 'Slack refused the app-level token on reconnect: check SLACK_APP_TOKEN (connections:write); retrying').length >= 1,
      5000,
    );
    expect(await ready(h)).toBe(503);
    await h.fake.socket.waitForConnection(10_000);
    await stillAnswers(h);
  });
});

describe('@slack/socket-mode upstream', () => {
  // The day this fails, upstream handles these frames itself: src/slack/socket-guard.ts's
  // message wrapper may go (node-slack-sdk #2167, #1626).
  it('still rejects on frames without the fields it reads, which is why socket-guard.ts wraps it', async () => {
    const client = new SocketModeClient({
      appToken: 'xapp-1-test',
      logger: { debug() {}, info() {}, warn() {}, error() {}, setLevel() {}, getLevel: () => 'info' as never, setName() {} },
    });
    const internals = client as unknown as { onWebSocketMessage(data: string, isBinary: boolean): Promise<void> };
    await expect(internals.onWebSocketMessage('null', false)).rejects.toThrow(TypeError);
    await expect(internals.onWebSocketMessage('{"type":"events_api","envelope_id":"E"}', false)).rejects.toThrow(TypeError);
  });
});
