import { describe, expect, it } from 'vitest';
import type { RecordedCall } from '../helpers/fake-slack.ts';
import {
  eventBody,
  interactionBody,
  postSigned,
  type SignedResponse,
  signSlackRequest,
  slashCommandBody,
} from '../helpers/signed-request.ts';
import { eventually, type Harness, harnessPerTest, type LogLine, SIGNING_SECRET } from './harness.ts';

/**
 * Requests Slack would never send, correctly signed (so they pass the signature check and
 * reach the parsers and listeners): each gets a clear 4xx or is acked and logged, nothing
 * reaches Slack, and the app answers a normal command afterwards.
 */
const start = harnessPerTest({ mode: 'http' });

const post = (h: Harness, body: string, contentType?: string) =>
  postSigned(`${h.url}/slack/events`, { secret: SIGNING_SECRET, body, ...(contentType === undefined ? {} : { contentType }) });

/** What the app sent to Slack, start-up's auth.test aside. */
const sentToSlack = (h: Harness): RecordedCall[] => h.fake.calls.filter((call) => call.method !== 'auth.test');
const warned = (h: Harness, msg: string | RegExp): LogLine[] =>
  h.logs.filter(
    (line) => (line.level === 'warn' || line.level === 'error') && (typeof msg === 'string' ? line.msg === msg : msg.test(line.msg)),
  );

/** The app still works: a real command gets its answer. */
async function stillAnswers(h: Harness): Promise<void> {
  const response = await post(h, slashCommandBody({ text: 'karpenter', response_url: h.fake.responseUrl('after') }));
  const answer = await h.fake.waitForCall('response_url', (call) => call.responseId === 'after');
  expect(response.status).toBe(200);
  expect(JSON.stringify(answer.args)).toContain('Karpenter Autoscaling in Anger');
}

const blockActions = (fields: Record<string, unknown>) =>
  interactionBody({
    type: 'block_actions',
    user: { id: 'U1', username: 'alice', team_id: 'T1' },
    team: { id: 'T1' },
    container: { type: 'message', message_ts: '1700000000.000001', channel_id: 'C1', is_ephemeral: true },
    channel: { id: 'C1' },
    response_url: 'https://hooks.slack.com/actions/T1/1/never-called',
    trigger_id: '1.2.3',
    ...fields,
  });

describe('bodies that are neither form-encoded nor JSON', () => {
  it('answer 400 and log why, for plain text, binary, broken JSON and a broken payload= field', async () => {
    const h = await start();
    const responses = await Promise.all([
      post(h, 'hello world', 'text/plain'),
      post(h, '\u0000\u0001\u00ff binary', 'application/octet-stream'),
      post(h, '{"type": "event_callback", ', 'application/json'),
      post(h, 'payload=%7Bnot%20json', 'application/x-www-form-urlencoded'),
    ]);

    expect(responses.map((r) => r.status)).toEqual([400, 400, 400, 400]);
    expect(warned(h, /^Malformed request body/)).toHaveLength(4);
    expect(sentToSlack(h)).toEqual([]);
    await stillAnswers(h);
  });

  it('answer 400 to a body that parses to null, which Bolt 5.1 would crash the process on', async () => {
    const h = await start();
    const responses = await Promise.all([
      post(h, ' null ', 'application/json'),
      post(h, 'payload=null', 'application/x-www-form-urlencoded'),
    ]);

    expect(responses.map((r) => r.status)).toEqual([400, 400]);
    expect(warned(h, 'Refused a request whose body is null')).toHaveLength(2);
    await stillAnswers(h);
  });
});

describe('oversized bodies', () => {
  it('read a signed 600 KB slash command to the end, then drop it as invalid (its text is over 40,000 characters)', async () => {
    const h = await start();
    const response = await post(h, slashCommandBody({ text: 'x'.repeat(600 * 1024), response_url: h.fake.responseUrl('huge') }));

    expect(response.status).toBe(200);
    await eventually(() => warned(h, 'Ignored an invalid slash command').length === 1);
    expect(warned(h, 'Ignored an invalid slash command')[0]).toMatchObject({ fields: ['text'] });
    expect(sentToSlack(h)).toEqual([]);
  });

  it('refuse more than 1 MB with 413, before the signature check, whether its length is declared or streamed', async () => {
    const h = await start();
    const declared = await post(h, slashCommandBody({ text: 'x'.repeat(2 * 1024 * 1024) }));
    // No Content-Length: the body is counted as it arrives.
    const timestamp = Math.floor(Date.now() / 1000);
    const chunk = new Uint8Array(256 * 1024).fill(0x61);
    const streamed = await fetch(`${h.url}/slack/events`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'X-Slack-Request-Timestamp': String(timestamp),
        'X-Slack-Signature': signSlackRequest(SIGNING_SECRET, '', timestamp),
      },
      body: new ReadableStream({
        start(controller) {
          for (let i = 0; i < 8; i += 1) controller.enqueue(chunk);
          controller.close();
        },
      }),
      duplex: 'half',
    } as RequestInit & { duplex: 'half' });

    expect([declared.status, streamed.status]).toEqual([413, 413]);
    expect(warned(h, 'Refused a request body over the size limit')).toHaveLength(2);
    expect(sentToSlack(h)).toEqual([]);
    await stillAnswers(h);
  });
});

describe('well-formed requests with missing or unknown parts', () => {
  it('ack a slash command with missing fields, log the fields by name, and answer nothing', async () => {
    const h = await start();
    const bare = await post(h, new URLSearchParams({ command: '/kubecon', text: 'karpenter' }).toString());
    const noResponseUrl = await post(
      h,
      new URLSearchParams({ command: '/kubecon', text: 'karpenter', team_id: 'T1', channel_id: 'C1', user_id: 'U1' }).toString(),
    );

    expect([bare.status, noResponseUrl.status]).toEqual([200, 200]);
    await eventually(() => warned(h, 'Ignored an invalid slash command').length === 2);
    expect(warned(h, 'Ignored an invalid slash command').map((line) => line.fields)).toEqual([
      ['team_id', 'channel_id', 'user_id', 'response_url'],
      ['response_url'],
    ]);
    expect(sentToSlack(h)).toEqual([]);
  });

  it('ack an unknown event type and an invalid mention without answering; a null event is a logged 500', async () => {
    const h = await start();
    const unknown = await post(h, eventBody({ type: 'reaction_added', user: 'U1', reaction: 'tada', event_ts: '1700000000.000100' }));
    const invalidMention = await post(h, eventBody({ type: 'app_mention', text: '<@UBOT> karpenter' }));
    const nullEvent = await post(h, JSON.stringify({ ...JSON.parse(eventBody({ type: 'app_mention' })), event: null }));

    expect([unknown.status, invalidMention.status, nullEvent.status]).toEqual([200, 200, 500]);
    await eventually(() => warned(h, 'Ignored an invalid app_mention event').length === 1);
    expect(warned(h, 'Ignored an invalid app_mention event')[0]).toMatchObject({ fields: ['user', 'channel', 'ts'] });
    expect(warned(h, 'An unhandled error occurred while Bolt processed an event')).toHaveLength(1);
    expect(sentToSlack(h)).toEqual([]);
    await stillAnswers(h);
  });

  // An interaction of a known type that no listener handles is acked at once (bots-and-shares.test.ts);
  // what is not an interaction Slack sends at all is left to Bolt's timeout.
  it("leave what no listener acks to Bolt's 404 after 3 s, logged, with nothing sent to Slack", async () => {
    const h = await start();
    // All at once: each waits for Bolt's 3-second ack timeout.
    const cases: Record<string, Promise<SignedResponse>> = {
      'no actions at all': post(h, blockActions({ actions: [] })),
      'unknown interaction type': post(h, interactionBody({ type: 'message_action_v9', user: { id: 'U1' } })),
      'unknown slash command': post(
        h,
        slashCommandBody({ command: '/other', text: 'karpenter', response_url: h.fake.responseUrl('other') }),
      ),
      'event_callback without event': post(
        h,
        JSON.stringify({ type: 'event_callback', team_id: 'T1', api_app_id: 'A1', event_id: 'EvNOEVENT' }),
      ),
      'a JSON array': post(h, '[{"type":"block_actions"}]', 'application/json'),
      'form fields that mean nothing': post(h, 'a=1&b=2', 'application/x-www-form-urlencoded'),
    };
    const answered: number[] = [];
    const statuses = Object.fromEntries(
      await Promise.all(
        Object.entries(cases).map(async ([name, response]) => {
          const { status } = await response;
          answered.push(Date.now());
          return [name, status] as const;
        }),
      ),
    );

    expect(statuses).toEqual(Object.fromEntries(Object.keys(cases).map((name) => [name, 404])));
    // Each waited out the same 3 s timeout side by side: all came back before a second one could have ended.
    expect(Math.max(...answered) - Math.min(...answered)).toBeLessThan(3000);
    expect(warned(h, /^An incoming event was not acknowledged within 3 seconds/)).toHaveLength(Object.keys(cases).length);
    expect(sentToSlack(h)).toEqual([]);
    await stillAnswers(h);
  });
});
