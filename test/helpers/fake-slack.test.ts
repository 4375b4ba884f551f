import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, isValidSlackRequest } from '@slack/bolt';
import { SocketModeClient } from '@slack/socket-mode';
import { ErrorCode, type Logger, LogLevel, type RetryOptions, WebClient, WebClientEvent, type WebClientOptions } from '@slack/web-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type FakeSlack, startFakeSlack } from './fake-slack.ts';
import {
  eventBody,
  eventPayload,
  interactionBody,
  postSigned,
  signSlackRequest,
  slashCommandBody,
  slashCommandPayload,
} from './signed-request.ts';

const BOT_TOKEN = 'xoxb-1-test';
const APP_TOKEN = 'xapp-1-test';
// Short but non-zero: p-retry's default 1 s minimum wait would make every retry test slow.
const FAST_RETRIES: RetryOptions = { retries: 2, minTimeout: 10, maxTimeout: 20 };

interface LogEntry {
  level: 'debug' | 'info' | 'warn' | 'error';
  message: string;
}

/** Keeps the clients' expected warnings (retries, dropped links) out of the test output, but inspectable. */
function capturingLogger(): Logger & { entries: LogEntry[] } {
  const entries: LogEntry[] = [];
  const log =
    (level: LogEntry['level']) =>
    (...msg: unknown[]) => {
      entries.push({ level, message: msg.map(String).join(' ') });
    };
  return {
    entries,
    debug: log('debug'),
    info: log('info'),
    warn: log('warn'),
    error: log('error'),
    setLevel: () => {},
    getLevel: () => LogLevel.DEBUG,
    setName: () => {},
  };
}

function webClient(fake: FakeSlack, options: WebClientOptions = {}, token = BOT_TOKEN): WebClient {
  return new WebClient(token, {
    slackApiUrl: fake.apiUrl,
    retryConfig: { retries: 0 },
    logger: capturingLogger(),
    ...options,
  });
}

async function rejection(promise: Promise<unknown>): Promise<Error & { code?: string; data?: { error?: string } }> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof Error) return error;
    throw new Error(`rejected with a non-Error: ${String(error)}`);
  }
  throw new Error('expected a rejection');
}

/** What SocketModeClient passes to `slack_event` listeners (it types them as any). */
interface SlackEventArgs {
  ack: (response?: Record<string, unknown>) => Promise<void>;
  type: string;
}

/** Resolves on the next `name` event; SocketModeClient is an eventemitter3 emitter, not a node one. */
function nextEvent(client: SocketModeClient, name: string, timeoutMs = 3000): Promise<unknown[]> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${name} event within ${timeoutMs} ms`)), timeoutMs);
    client.once(name, (...args: unknown[]) => {
      clearTimeout(timer);
      resolve(args);
    });
  });
}

describe('fake Slack Web API', () => {
  let fake: FakeSlack;

  beforeEach(async () => {
    fake = await startFakeSlack({ locales: { U_FR: 'fr-FR' } });
  });

  afterEach(async () => {
    await fake.close();
  });

  it('records chat.postMessage with its form-encoded blocks parsed back', async () => {
    const blocks = [{ type: 'section', text: { type: 'mrkdwn', text: '*Talk*: eBPF & <you>' } }];

    const result = await webClient(fake).chat.postMessage({ channel: 'C1', text: 'fallback', blocks });

    expect(result.ok).toBe(true);
    expect(result.channel).toBe('C1');
    expect(result.ts).toMatch(/^\d+\.\d{6}$/);
    expect(result.message?.blocks).toEqual(blocks);
    const call = await fake.waitForCall('chat.postMessage');
    expect(call.args).toMatchObject({ channel: 'C1', text: 'fallback', blocks });
    expect(call.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(call.headers.authorization).toBe(`Bearer ${BOT_TOKEN}`);
    // The token travels in the header only, never in the body.
    expect(call.args.token).toBeUndefined();
  });

  it('answers the methods the bot uses', async () => {
    const client = webClient(fake);

    const auth = await client.auth.test();
    const ephemeral = await client.chat.postEphemeral({ channel: 'C1', user: 'U1', text: 'only you' });
    const posted = await client.chat.postMessage({ channel: 'C1', text: 'v1' });
    const updated = await client.chat.update({ channel: 'C1', ts: posted.ts ?? '', text: 'v2' });
    const deleted = await client.chat.delete({ channel: 'C1', ts: posted.ts ?? '' });
    const home = await client.views.publish({ user_id: 'U1', view: { type: 'home', blocks: [] } });
    const before = await client.conversations.info({ channel: 'C2' });
    await client.conversations.join({ channel: 'C2' });
    const after = await client.conversations.info({ channel: 'C2' });

    expect(auth).toMatchObject({ ok: true, user_id: 'UBOT', bot_id: 'BBOT', team_id: 'T1' });
    expect(ephemeral.message_ts).toMatch(/^\d+\.\d{6}$/);
    expect(updated).toMatchObject({ ok: true, ts: posted.ts, text: 'v2' });
    expect(deleted).toMatchObject({ ok: true, ts: posted.ts });
    expect(home.view).toMatchObject({ type: 'home', blocks: [] });
    expect(fake.callsTo('views.publish')[0]?.args.view).toEqual({ type: 'home', blocks: [] });
    expect(before.channel?.is_member).toBe(false);
    expect(after.channel?.is_member).toBe(true);
  });

  it('reports a per-user locale only when include_locale is set', async () => {
    const client = webClient(fake);
    fake.setLocale('U_DE', 'de-DE');

    const french = await client.users.info({ user: 'U_FR', include_locale: true });
    const german = await client.users.info({ user: 'U_DE', include_locale: true });
    const unknown = await client.users.info({ user: 'U_OTHER', include_locale: true });
    const withoutFlag = await client.users.info({ user: 'U_FR' });

    expect(french.user?.locale).toBe('fr-FR');
    expect(german.user?.locale).toBe('de-DE');
    expect(unknown.user?.locale).toBe('en-US');
    expect(withoutFlag.user).not.toHaveProperty('locale');
  });

  it('retries an HTTP 500 and then succeeds', async () => {
    fake.failNext('chat.postMessage', { status: 500 });

    const result = await webClient(fake, { retryConfig: FAST_RETRIES }).chat.postMessage({ channel: 'C1', text: 'hi' });

    expect(result.ok).toBe(true);
    expect(fake.callsTo('chat.postMessage').map((call) => call.fault)).toEqual([{ status: 500 }, undefined]);
  });

  it('gives up on HTTP 500 without retries, with an HTTP error', async () => {
    fake.failNext('chat.postMessage', { status: 500 });

    const error = await rejection(webClient(fake).chat.postMessage({ channel: 'C1', text: 'hi' }));

    expect(error.code).toBe(ErrorCode.HTTPError);
  });

  it('waits for Retry-After on 429 before retrying', async () => {
    fake.failNext('chat.postMessage', { status: 429, retryAfter: 1 });
    const client = webClient(fake, { retryConfig: { retries: 1, minTimeout: 0, maxTimeout: 0 } });
    const rateLimited: number[] = [];
    client.on(WebClientEvent.RATE_LIMITED, (seconds: number) => rateLimited.push(seconds));

    const started = Date.now();
    const result = await client.chat.postMessage({ channel: 'C1', text: 'hi' });

    expect(result.ok).toBe(true);
    expect(rateLimited).toEqual([1]);
    const [limited, retried] = fake.callsTo('chat.postMessage');
    expect(retried).toBeDefined();
    expect((retried?.at ?? 0) - (limited?.at ?? 0)).toBeGreaterThanOrEqual(950);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
  });

  it('fails a 429 at once when the client rejects rate-limited calls', async () => {
    fake.failNext('chat.postMessage', { status: 429, retryAfter: 30 });

    const error = await rejection(webClient(fake, { rejectRateLimitedCalls: true }).chat.postMessage({ channel: 'C1', text: 'hi' }));

    expect(error.code).toBe(ErrorCode.RateLimitedError);
  });

  it('answers an injected platform error with HTTP 200 and ok:false, which is not retried', async () => {
    fake.failNext('chat.postMessage', { error: 'not_in_channel' });

    const error = await rejection(webClient(fake, { retryConfig: FAST_RETRIES }).chat.postMessage({ channel: 'C9', text: 'hi' }));

    expect(error.code).toBe(ErrorCode.PlatformError);
    expect(error.data?.error).toBe('not_in_channel');
    expect(fake.callsTo('chat.postMessage')).toHaveLength(1);
  });

  it('retries a connection reset', async () => {
    fake.failNext('chat.postMessage', { reset: true });

    const result = await webClient(fake, { retryConfig: FAST_RETRIES }).chat.postMessage({ channel: 'C1', text: 'hi' });

    expect(result.ok).toBe(true);
    expect(fake.callsTo('chat.postMessage')).toHaveLength(2);
  });

  it('answers late on a delay fault, which a client timeout turns into a request error', async () => {
    fake.failNext('chat.postMessage', { delayMs: 300 });
    fake.failNext('chat.update', { delayMs: 50 });

    const timedOut = await rejection(webClient(fake, { timeout: 100 }).chat.postMessage({ channel: 'C1', text: 'hi' }));
    const started = Date.now();
    const late = await webClient(fake).chat.update({ channel: 'C1', ts: '1.000001', text: 'hi' });

    expect(timedOut.code).toBe(ErrorCode.RequestError);
    expect(late.ok).toBe(true);
    expect(Date.now() - started).toBeGreaterThanOrEqual(45);
  });

  it('requires a bot token, and an app token for apps.connections.open', async () => {
    const anonymous = await rejection(webClient(fake, {}, '').chat.postMessage({ channel: 'C1', text: 'hi' }));
    const appToken = await rejection(webClient(fake, {}, APP_TOKEN).auth.test());
    const botOnSocket = await rejection(webClient(fake).apps.connections.open({}));

    expect([anonymous, appToken, botOnSocket].map((error) => error.data?.error)).toEqual(['not_authed', 'not_authed', 'not_authed']);
  });

  it('answers unknown_method until a response is set', async () => {
    const client = webClient(fake);

    const unknown = await rejection(client.reactions.add({ channel: 'C1', timestamp: '1.1', name: 'eyes' }));
    fake.setResponse('reactions.add', { ok: true });
    const known = await client.reactions.add({ channel: 'C1', timestamp: '1.1', name: 'eyes' });

    expect(unknown.data?.error).toBe('unknown_method');
    expect(known.ok).toBe(true);
  });

  it('records response_url posts and can fail them', async () => {
    const url = fake.responseUrl('cmd-1');
    const post = (text: string) =>
      fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ text }) });
    fake.failNext('response_url', { status: 404 });

    const failed = await post('first');
    const ok = await post('second');

    expect(failed.status).toBe(404);
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe('ok');
    const call = await fake.waitForCall('response_url', (c) => c.fault === undefined);
    expect(call).toMatchObject({ responseId: 'cmd-1', args: { text: 'second' } });
  });

  it('waitForCall waits for a call still to come, and names the calls seen when it times out', async () => {
    const client = webClient(fake);
    await client.auth.test();

    const waiting = fake.waitForCall('chat.postMessage', (call) => call.args.channel === 'C2');
    await client.chat.postMessage({ channel: 'C1', text: 'not this one' });
    await client.chat.postMessage({ channel: 'C2', text: 'this one' });
    const timeout = await rejection(fake.waitForCall('chat.update', undefined, 50));

    expect((await waiting).args.text).toBe('this one');
    expect(timeout.message).toContain('no matching chat.update call within 50 ms');
    expect(timeout.message).toContain('calls seen (3)');
    expect(timeout.message).toContain('- auth.test');
  });

  it('closes promptly with a delayed answer and keep-alive sockets outstanding', async () => {
    const other = await startFakeSlack();
    other.failNext('chat.postMessage', { delayMs: 10_000 });
    const pending = rejection(webClient(other).chat.postMessage({ channel: 'C1', text: 'hi' }));
    await other.waitForCall('chat.postMessage');

    const started = Date.now();
    await other.close();

    expect(Date.now() - started).toBeLessThan(500);
    expect((await pending).code).toBe(ErrorCode.RequestError);
  });
});

describe('fake Socket Mode', () => {
  let fake: FakeSlack;
  let client: SocketModeClient;
  let logger: ReturnType<typeof capturingLogger>;

  beforeEach(async () => {
    fake = await startFakeSlack();
    logger = capturingLogger();
    client = new SocketModeClient({
      appToken: APP_TOKEN,
      logger,
      // Also the base of the reconnect delay (clientPingTimeout x consecutive failures): 5 s by default.
      clientPingTimeout: 300,
      clientOptions: { slackApiUrl: fake.apiUrl, retryConfig: FAST_RETRIES },
    });
    client.on('slack_event', async ({ ack, type }: SlackEventArgs) => {
      await ack(type === 'slash_commands' ? { text: 'got it' } : undefined);
    });
  });

  afterEach(async () => {
    // Disconnect only once connected: a disconnect racing a reconnect leaves an unhandled
    // rejection in socket-mode 3.1.0 (node-slack-sdk #2656).
    await client.disconnect();
    await fake.close();
  });

  it('connects with the app token, says hello and receives acks', async () => {
    const eventSeen = nextEvent(client, 'app_mention');

    await client.start();
    const connection = await fake.socket.waitForConnection();
    const eventAck = await fake.socket.send(
      'events_api',
      eventPayload({ type: 'app_mention', user: 'U1', text: '<@UBOT> ebpf', channel: 'C1' }, { eventId: 'Ev1' }),
      { retryAttempt: 1, retryReason: 'timeout' },
    );
    const commandAck = await fake.socket.send('slash_commands', slashCommandPayload({ text: 'ebpf' }));

    expect(connection).toMatchObject({ id: 1, ticket: 1, isOpen: true });
    expect(fake.socket.connectionCount).toBe(1);
    expect(fake.callsTo('apps.connections.open')[0]?.headers.authorization).toBe(`Bearer ${APP_TOKEN}`);
    expect(eventAck).toEqual({ envelope_id: expect.any(String), payload: {} });
    expect(commandAck.payload).toEqual({ text: 'got it' });
    const [seen] = (await eventSeen) as [{ retry_num: number; retry_reason: string; body: { event_id: string } }];
    expect(seen).toMatchObject({ retry_num: 1, retry_reason: 'timeout', body: { event_id: 'Ev1' } });
  });

  it('reconnects on a refresh_requested disconnect, with a fresh URL', async () => {
    await client.start();
    const first = await fake.socket.waitForConnection();
    const reconnected = nextEvent(client, 'connected');

    fake.socket.disconnect('refresh_requested');
    const second = await fake.socket.waitForConnection(3000);
    await reconnected;
    const ack = await fake.socket.send('interactive', { type: 'block_actions', actions: [] });

    expect(await first.closed).toMatchObject({ code: 1000 });
    expect(second).toMatchObject({ id: 2, ticket: 2 });
    expect(fake.socket.connectionCount).toBe(1);
    expect(ack.payload).toEqual({});
  });

  it('drops a link whose pongs stop, then reconnects', async () => {
    await client.start();
    const first = await fake.socket.waitForConnection();

    fake.socket.stopPongs();
    const second = await fake.socket.waitForConnection(3000);
    fake.socket.resumePongs();
    await nextEvent(client, 'connected');

    expect(first.isOpen).toBe(false);
    expect(second.id).toBe(2);
    expect(logger.entries.some((entry) => entry.message.includes("A pong wasn't received"))).toBe(true);
  });

  it('reconnects after the TCP link is dropped without a close frame', async () => {
    await client.start();
    const first = await fake.socket.waitForConnection();
    const reconnected = nextEvent(client, 'connected');

    fake.socket.dropAll();
    const second = await fake.socket.waitForConnection(3000);
    await reconnected;

    expect((await first.closed).code).toBe(1006);
    expect(second.id).toBe(2);
  });

  it('rejects a send with no ack in time', async () => {
    client.removeAllListeners('slack_event');
    await client.start();

    const unacked = fake.socket.send('events_api', { event: { type: 'app_home_opened' } }, { ackTimeoutMs: 50 });
    const error = await rejection(unacked);

    expect(error.message).toMatch(/no ack for events_api envelope .* within 50 ms/);
  });
});

describe('a Bolt App on the fakes', () => {
  it('acks a slash command over Socket Mode, posts, and answers on the response_url', async () => {
    const fake = await startFakeSlack();
    const app = new App({
      token: BOT_TOKEN,
      appToken: APP_TOKEN,
      socketMode: true,
      logger: capturingLogger(),
      // Explicit: otherwise the socket-mode client writes its 100-retry policy into this very
      // object, and Bolt's listener clients inherit it.
      clientOptions: { slackApiUrl: fake.apiUrl, retryConfig: FAST_RETRIES },
    });
    app.command('/kubecon', async ({ ack, client, command, respond }) => {
      await ack({ text: 'searching' });
      await client.chat.postMessage({ channel: command.channel_id, text: `results for ${command.text}` });
      await respond({ text: 'done' });
    });

    try {
      await app.start();
      const ack = await fake.socket.send('slash_commands', slashCommandPayload({ text: 'ebpf', response_url: fake.responseUrl('cmd-1') }));
      const posted = await fake.waitForCall('chat.postMessage');
      const responded = await fake.waitForCall('response_url');

      expect(fake.calls[0]?.method).toBe('auth.test');
      expect(ack.payload).toEqual({ text: 'searching' });
      // Bolt's listener client adds the workspace's team_id to every call.
      expect(posted.args).toMatchObject({ channel: 'C1', text: 'results for ebpf', team_id: 'T1' });
      expect(responded).toMatchObject({ responseId: 'cmd-1', args: { text: 'done' } });
    } finally {
      await app.stop();
      await fake.socket.waitForAllClosed();
      await fake.close();
    }
  });
});

describe('signed requests', () => {
  it("matches Slack's published test vector", () => {
    const body =
      'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V' +
      '&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=' +
      '&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN' +
      '&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c';

    expect(signSlackRequest('8f742231b10e8888abcd99yyyzzz85a5', body, 1531420618)).toBe(
      'v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503',
    );
  });

  it("posts bodies Bolt's own verifier accepts", async () => {
    const received: { headers: IncomingHttpHeaders; body: string }[] = [];
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
        res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"ok":true}');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`;
    const secret = 'test-signing-secret';

    try {
      const command = await postSigned(url, { secret, body: slashCommandBody({ text: 'ebpf' }) });
      await postSigned(url, { secret, body: eventBody({ type: 'app_mention', text: 'hi' }) });
      await postSigned(url, { secret, body: interactionBody({ type: 'block_actions' }) });

      expect(command).toMatchObject({ status: 200, json: { ok: true } });
      expect(received.map((r) => r.headers['content-type'])).toEqual([
        'application/x-www-form-urlencoded',
        'application/json',
        'application/x-www-form-urlencoded',
      ]);
      for (const { headers, body } of received) {
        const valid = isValidSlackRequest({
          signingSecret: secret,
          body,
          headers: {
            'x-slack-signature': String(headers['x-slack-signature']),
            'x-slack-request-timestamp': Number(headers['x-slack-request-timestamp']),
          },
        });
        expect(valid).toBe(true);
      }
      expect(new URLSearchParams(received[0]?.body).get('command')).toBe('/kubecon');
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
