import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/project-root.ts';
import { NODE_ARGS } from '../cli/child-process.ts';
import { type Fault, type RecordedCall, startFakeSlack } from '../helpers/fake-slack.ts';
import { freePort } from '../helpers/free-port.ts';
import { eventBody, postSigned, type SlackEvent, slashCommandBody } from '../helpers/signed-request.ts';
import { BOT_TOKEN, eventually, type Harness, harnessPerTest, type LogLine, SIGNING_SECRET, startHarness } from './harness.ts';

/**
 * Slack's HTTP side failing under the bot, as the fake injects it: rate limits, slow
 * answers, dropped connections, a Web API down at start-up. What http.test.ts already
 * covers (a 500 on chat.postMessage, the 429 apology, a response_url timeout, a retried
 * event) is not repeated. Each test says what the user sees and what is lost: nothing a
 * retry of Slack's cannot bring back.
 */
const start = harnessPerTest({ mode: 'http' });

let ids = 0;
const nextId = (prefix: string) => `${prefix}-${++ids}`;
const APOLOGY = 'Sorry, something went wrong while answering. Please try again in a moment.';
const json = (value: unknown) => JSON.stringify(value);

async function command(h: Harness, text: string) {
  const responseId = nextId('cmd');
  const response = await postSigned(`${h.url}/slack/events`, {
    secret: SIGNING_SECRET,
    body: slashCommandBody({ text, response_url: h.fake.responseUrl(responseId) }),
  });
  return { response, responseId, ackedAt: Date.now() };
}

async function sendEvent(h: Harness, event: SlackEvent, options: { eventId?: string; retryNum?: number } = {}) {
  const response = await postSigned(`${h.url}/slack/events`, {
    secret: SIGNING_SECRET,
    body: eventBody(event, { eventId: options.eventId }),
    headers: options.retryNum === undefined ? {} : { 'X-Slack-Retry-Num': String(options.retryNum), 'X-Slack-Retry-Reason': 'http_error' },
  });
  return { response, ackedAt: Date.now() };
}

const mention = (text: string, ts = '1700000000.000100'): SlackEvent => ({
  type: 'app_mention',
  user: 'U1',
  text,
  channel: 'C1',
  ts,
  event_ts: ts,
});

const responses = (h: Harness, responseId: string) => h.fake.callsTo('response_url').filter((call) => call.responseId === responseId);
const answered = (h: Harness, responseId: string, predicate: (call: RecordedCall) => boolean = () => true, timeoutMs?: number) =>
  h.fake.waitForCall('response_url', (call) => call.responseId === responseId && !call.fault && predicate(call), timeoutMs);
const posted = (h: Harness) => h.fake.callsTo('chat.postMessage').filter((call) => !call.fault);
const logged = (h: Harness, level: string, msg: string): LogLine[] => h.logs.filter((line) => line.level === level && line.msg === msg);

describe('a rate-limited chat.postMessage (429 with Retry-After) under a mention', () => {
  it('is not retried inside the Retry-After window; the user gets an apology, and Slack’s retry of the event the answer', async () => {
    const h = await start();
    h.fake.failNext('chat.postMessage', { status: 429, retryAfter: 30 });
    await sendEvent(h, mention('<@UBOT> karpenter'), { eventId: 'EvRATE1' });
    const sorry = await h.fake.waitForCall('chat.postMessage', (call) => !call.fault);

    expect(sorry.args).toMatchObject({ text: APOLOGY, thread_ts: '1700000000.000100' });
    expect(logged(h, 'error', 'Could not answer in the thread')[0]).toMatchObject({ error: { code: 'slack_webapi_rate_limited_error' } });
    // One attempt at the answer: rejectRateLimitedCalls fails fast instead of waiting 30 s.
    expect(h.fake.callsTo('chat.postMessage')).toHaveLength(2);

    // The event counts as unanswered, so Slack's retry is answered, not dropped as a duplicate.
    await sendEvent(h, mention('<@UBOT> karpenter'), { eventId: 'EvRATE1', retryNum: 1 });
    await eventually(() => posted(h).length === 2);
    expect(json(posted(h)[1]!.args)).toContain('Karpenter Autoscaling in Anger');
    expect(logged(h, 'info', 'Ignored a retry of an event already answered')).toEqual([]);
  });

  it('loses nothing when the apology is rate-limited too: the retry answers', async () => {
    const h = await start();
    h.fake.failNext('chat.postMessage', { status: 429, retryAfter: 1 }, 2);
    await sendEvent(h, mention('<@UBOT> prometheus'), { eventId: 'EvRATE2' });
    await eventually(() => logged(h, 'warn', 'Could not apologise in the thread either').length === 1);
    await sendEvent(h, mention('<@UBOT> prometheus'), { eventId: 'EvRATE2', retryNum: 1 });
    const answer = await h.fake.waitForCall('chat.postMessage', (call) => !call.fault);

    expect(json(answer.args)).toContain('Prometheus Long-Term Storage');
    expect(posted(h)).toHaveLength(1);
  });
});

describe('a rate-limited or failing response_url under /kubecon', () => {
  it.each<[string, Fault]>([
    ['429 with Retry-After', { status: 429, retryAfter: 1 }],
    ['500', { status: 500 }],
    ['connection reset', { reset: true }],
  ])('answers on a retry after a %s, without an apology', async (_name, fault) => {
    const h = await start();
    h.fake.failNext('response_url', fault);
    const first = await command(h, 'autoscaling');
    const answer = await answered(h, first.responseId);

    expect(first.response.status).toBe(200);
    expect(json(answer.args)).toContain('Autoscaling');
    expect(responses(h, first.responseId).map((call) => call.fault ?? 'answered')).toEqual([fault, 'answered']);
    expect(logged(h, 'error', 'Could not answer a slash command')).toEqual([]);
  });

  it('waits out Retry-After only up to its cap, then tries again', async () => {
    const h = await start();
    // 30 s asked; the tests' cap is 1.5 s, production's 10 s.
    h.fake.failNext('response_url', { status: 429, retryAfter: 30 });
    const first = await command(h, 'autoscaling');
    expect(json((await answered(h, first.responseId)).args)).toContain('Autoscaling');
  });

  it('apologises when every attempt at the answer failed, and answers the next command', async () => {
    const h = await start();
    // The answer and its two retries.
    h.fake.failNext('response_url', { status: 500 }, 3);
    const first = await command(h, 'autoscaling');
    const sorry = await answered(h, first.responseId);
    const next = await command(h, 'karpenter');

    expect(sorry.args).toMatchObject({ response_type: 'ephemeral', text: APOLOGY });
    expect(responses(h, first.responseId)).toHaveLength(4);
    expect(logged(h, 'error', 'Could not answer a slash command')[0]).toMatchObject({ error: { code: 'slack_bolt_respond_error' } });
    expect(json((await answered(h, next.responseId)).args)).toContain('Karpenter Autoscaling in Anger');
  });

  it('apologises at once on a 404 (an expired response_url): no retry can help it', async () => {
    const h = await start();
    h.fake.failNext('response_url', { status: 404 });
    const first = await command(h, 'autoscaling');
    const sorry = await answered(h, first.responseId);

    expect(sorry.args).toMatchObject({ text: APOLOGY });
    expect(responses(h, first.responseId)).toHaveLength(2);
  });
});

describe('connection resets', () => {
  it('on chat.postMessage: the Web API client retries and the answer is posted once, without an apology', async () => {
    const h = await start();
    h.fake.failNext('chat.postMessage', { reset: true });
    await sendEvent(h, mention('<@UBOT> karpenter'));
    await eventually(() => posted(h).length === 1);

    expect(h.fake.callsTo('chat.postMessage').map((call) => call.fault ?? 'answered')).toEqual([{ reset: true }, 'answered']);
    expect(json(posted(h)[0]!.args)).toContain('Karpenter Autoscaling in Anger');
    expect(logged(h, 'error', 'Could not answer in the thread')).toEqual([]);
  });

  it('on every attempt at chat.postMessage: an apology, and the retried event is answered', async () => {
    const h = await start();
    // Both attempts at the answer (one retry in these tests' tuning); the apology gets through.
    h.fake.failNext('chat.postMessage', { reset: true }, 2);
    await sendEvent(h, mention('<@UBOT> karpenter'), { eventId: 'EvRESET1' });
    const sorry = await h.fake.waitForCall('chat.postMessage', (call) => !call.fault);
    await sendEvent(h, mention('<@UBOT> karpenter'), { eventId: 'EvRESET1', retryNum: 1 });
    await eventually(() => posted(h).length === 2);

    expect(sorry.args.text).toBe(APOLOGY);
    expect(json(posted(h)[1]!.args)).toContain('Karpenter Autoscaling in Anger');
  });

  it('on users.info: the answer comes in the default language', async () => {
    const h = await start();
    h.fake.setLocale('UFR2', 'fr-FR');
    h.fake.failNext('users.info', { reset: true });
    const responseId = nextId('cmd');
    await postSigned(`${h.url}/slack/events`, {
      secret: SIGNING_SECRET,
      body: slashCommandBody({ text: 'autoscaling', user_id: 'UFR2', response_url: h.fake.responseUrl(responseId) }),
    });

    expect(json((await answered(h, responseId)).args)).toContain('Talks for “autoscaling”');
    expect(h.logs.filter((line) => line.level === 'error')).toEqual([]);
  });
});

describe('a Web API slower than Slack’s 3-second ack deadline', () => {
  /** The production request timeout (5 s) with these tests' quick retries, so a 3.5 s answer is waited for. */
  async function startPatient() {
    patient = await startHarness({ mode: 'http', tuning: { requestTimeoutMs: 5000, shutdownTimeoutMs: 8000 } });
    return patient;
  }
  let patient: Harness | undefined;
  afterEach(async () => {
    await patient?.close();
    patient = undefined;
  });

  it('acks at once and delivers answers that take 3.5 s, to a mention and to a command alike', async () => {
    const h = await startPatient();
    h.fake.failNext('chat.postMessage', { delayMs: 3500 });
    h.fake.failNext('response_url', { delayMs: 3500 });
    const started = Date.now();
    const [event, slash] = await Promise.all([sendEvent(h, mention('<@UBOT> karpenter')), command(h, 'prometheus')]);
    await Promise.all([h.fake.waitForCall('chat.postMessage'), h.fake.waitForCall('response_url')]);
    // Shutdown waits for the handlers in flight: they end once Slack has answered their slow calls.
    await h.app.shutdown();

    expect([event.response.status, slash.response.status]).toEqual([200, 200]);
    // Both acks came before Slack answered the slow calls their answers made.
    const slowAnswered = (method: string) => h.fake.callsTo(method)[0]!.at + 3500;
    expect(event.ackedAt).toBeLessThan(slowAnswered('chat.postMessage'));
    expect(slash.ackedAt).toBeLessThan(slowAnswered('response_url'));
    expect(Date.now() - started).toBeGreaterThanOrEqual(3500);
    expect(h.fake.callsTo('chat.postMessage')).toHaveLength(1);
    expect(json(h.fake.callsTo('chat.postMessage')[0]!.args)).toContain('Karpenter Autoscaling in Anger');
    expect(responses(h, slash.responseId)).toHaveLength(1);
    expect(json(responses(h, slash.responseId)[0]!.args)).toContain('Prometheus Long-Term Storage');
    expect(h.logs.filter((line) => line.level === 'error' || line.level === 'warn')).toEqual([]);
  }, 10_000);

  it('past the request timeout, gives up on the answer and apologises, the ack long since sent', async () => {
    // These tests' tuning: 1 s per attempt, one retry.
    const h = await start();
    h.fake.failNext('chat.postMessage', { delayMs: 3500 }, 2);
    const event = await sendEvent(h, mention('<@UBOT> karpenter'), { eventId: 'EvSLOW1' });
    const sorry = await h.fake.waitForCall('chat.postMessage', (call) => !call.fault, 4000);

    // The ack came before Slack would have answered the slow post.
    expect(event.ackedAt).toBeLessThan(h.fake.callsTo('chat.postMessage')[0]!.at + 3500);
    expect(sorry.args.text).toBe(APOLOGY);
    expect(logged(h, 'error', 'Could not answer in the thread')[0]).toMatchObject({ error: { code: 'slack_webapi_request_error' } });
    // A request that timed out may still have been posted by Slack; the event stays unanswered for
    // our dedupe, so Slack's retry answers again: a possible duplicate rather than a lost answer.
    await sendEvent(h, mention('<@UBOT> karpenter'), { eventId: 'EvSLOW1', retryNum: 1 });
    await eventually(() => posted(h).some((call) => json(call.args).includes('Karpenter Autoscaling in Anger')));
  }, 10_000);
});

describe('auth.test failing at start-up', () => {
  it.each(['invalid_auth', 'token_revoked', 'account_inactive', 'not_authed', 'token_expired'])(
    '%s: refused for good, so no retry; one error naming SLACK_BOT_TOKEN, and the app says so to main.ts',
    async (reason) => {
      const h = await start({ beforeStart: (fake) => fake.failNext('auth.test', { error: reason }, 5) });
      const refused = await h.app.tokenRefused;

      expect(refused).toMatchObject({ name: 'SlackTokenRefusedError', reason });
      const errors = h.logs.filter((line) => line.level === 'error');
      expect(errors).toHaveLength(1);
      expect(errors[0]!.msg).toMatch(
        new RegExp(`^Slack refused SLACK_BOT_TOKEN \\(${reason}\\): .+ set it as SLACK_BOT_TOKEN, and start the bot again\\.$`),
      );
      expect(errors[0]).toMatchObject({ reason, error: { code: 'slack_webapi_platform_error' } });
      expect(JSON.stringify(h.logs)).not.toContain(BOT_TOKEN);
      // Time for two retries at these tests' backoff (50, then 100 ms), had there been any.
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(h.fake.callsTo('auth.test')).toHaveLength(1);
      expect((await fetch(`${h.url}/readyz`)).status).toBe(503);
    },
  );

  it('invalid_auth over Socket Mode too, the app token being fine', async () => {
    const h = await start({ mode: 'socket', beforeStart: (fake) => fake.failNext('auth.test', { error: 'invalid_auth' }) });

    expect(await h.app.tokenRefused).toMatchObject({ reason: 'invalid_auth' });
    expect(h.logs.filter((line) => line.level === 'error').map((line) => line.msg)).toEqual([
      expect.stringMatching(/^Slack refused SLACK_BOT_TOKEN/),
    ]);
  });

  it('Slack’s own internal_error is retried with backoff, /readyz 503 then 200; commands meanwhile still answered', async () => {
    const h = await start({ beforeStart: (fake) => fake.failNext('auth.test', { error: 'internal_error' }, 3) });
    const early = await fetch(`${h.url}/readyz`);
    const during = await command(h, 'karpenter');

    expect(early.status).toBe(503);
    expect(await early.json()).toMatchObject({ status: 'not ready', checks: { slack: false, catalogue: true } });
    expect(json((await answered(h, during.responseId)).args)).toContain('Karpenter Autoscaling in Anger');
    await eventually(async () => (await fetch(`${h.url}/readyz`)).status === 200);
    const errors = h.logs.filter((line) => line.level === 'error' && /^Slack did not answer auth\.test/.test(line.msg));
    expect(errors.length).toBeGreaterThanOrEqual(3);
    expect(errors[0]!.msg).toMatch(/check that Slack, or SLACK_API_URL, is reachable/);
    expect(errors[0]).toMatchObject({ error: { code: 'slack_webapi_platform_error', message: expect.stringContaining('internal_error') } });
    expect(logged(h, 'info', 'Slack answered auth.test; the app is ready')[0]).toMatchObject({ attempts: 4 });
    // Backoff, not a hot loop: attempts are spaced 50, 100, 200 ms in these tests' tuning.
    const attempts = h.fake.callsTo('auth.test').map((call) => call.at);
    expect(attempts.at(-1)! - attempts[0]!).toBeGreaterThanOrEqual(300);
  });

  it('a reset connection, a 500, a 429 and a Web API slower than the request timeout are retried the same way', async () => {
    const faults: Fault[] = [{ reset: true }, { status: 500 }, { status: 429, retryAfter: 0 }, { delayMs: 1500 }];
    const h = await start({
      beforeStart: (fake) => {
        for (const fault of faults) fake.failNext('auth.test', fault);
      },
    });
    expect((await fetch(`${h.url}/readyz`)).status).toBe(503);
    await eventually(async () => (await fetch(`${h.url}/readyz`)).status === 200, 5000);

    expect(h.fake.callsTo('auth.test').map((call) => call.fault ?? 'answered')).toEqual([...faults, 'answered']);
    expect(h.logs.filter((line) => line.level === 'error' && /^Slack did not answer auth\.test/.test(line.msg))).toHaveLength(4);
    expect(await Promise.race([h.app.tokenRefused, 'not refused'])).toBe('not refused');
  });
});

describe('the bot started with a token Slack refuses', () => {
  it('exits 1 soon after start-up, its last words naming SLACK_BOT_TOKEN; a trimmed token is warned about in the JSON log', async () => {
    const fake = await startFakeSlack();
    fake.failNext('auth.test', { error: 'token_revoked' }, 10);
    const dataDir = await mkdtemp(path.join(tmpdir(), 'kubecon-refused-'));
    const token = 'xoxb-1-revoked-token';
    const port = await freePort();
    const started = Date.now();
    const { code, stdout, stderr } = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      const child = execFile(
        process.execPath,
        [...NODE_ARGS, path.join(PROJECT_ROOT, 'src/main.ts')],
        {
          // Not the project's directory, whose .env file would fill in what this test leaves out.
          cwd: dataDir,
          env: {
            PATH: process.env.PATH ?? '',
            SLACK_BOT_TOKEN: `${token}\n`,
            SLACK_SIGNING_SECRET: SIGNING_SECRET,
            SLACK_API_URL: fake.apiUrl,
            PORT: String(port),
            DATA_DIR: dataDir,
          },
          timeout: 20_000,
        },
        (_error, out, err) => resolve({ code: child.exitCode, stdout: out, stderr: err }),
      );
    });
    await fake.close();
    await rm(dataDir, { recursive: true, force: true });

    expect(code).toBe(1);
    // Well before main.ts's 9.5 s backstop: the app was shut down, not abandoned.
    expect(Date.now() - started).toBeLessThan(9000);
    expect(fake.callsTo('auth.test')).toHaveLength(1);
    expect(stdout).toBe('');
    const lines = stderr
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as LogLine);
    expect(lines[0]).toMatchObject({ level: 'warn', msg: expect.stringMatching(/^SLACK_BOT_TOKEN had a line break around its value/) });
    const errors = lines.filter((line) => line.level === 'error');
    expect(errors).toEqual([
      expect.objectContaining({ msg: expect.stringMatching(/^Slack refused SLACK_BOT_TOKEN \(token_revoked\): the token was revoked/) }),
    ]);
    expect(lines.at(-1)).toMatchObject({ msg: 'Slack app stopped' });
    expect(stderr).not.toContain(token);
  });
});
