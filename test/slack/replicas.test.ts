import { randomUUID } from 'node:crypto';
import { afterEach, expect, it } from 'vitest';
import { fakeClock } from '../digest/helpers.ts';
import { type FakeSlack, startFakeSlack } from '../helpers/fake-slack.ts';
import { describeWithRedis, type RedisServer, startRedis } from '../helpers/redis-server.ts';
import { eventBody, postSigned, slashCommandBody } from '../helpers/signed-request.ts';
import { eventually, type Harness, SIGNING_SECRET, startHarness } from './harness.ts';

/**
 * Two replicas of the bot on one Redis and one Slack, over real HTTP, as a Deployment with
 * two pods and REDIS_URL runs them; a third composition stands for `npm run digest`.
 */
let open: Harness[] = [];
let fake: FakeSlack | undefined;
afterEach(async () => {
  await Promise.all(open.map((h) => h.close()));
  open = [];
  await fake?.close();
  fake = undefined;
});

const CHANNELS = ['CAAA', 'CBBB', 'CCCC'];
const MONDAY = Date.parse('2026-03-30T07:30:00Z');
const WEEK = 7 * 24 * 3_600_000;

async function replicas(
  redis: RedisServer,
  owners: string[],
  mode: 'http' | 'socket' = 'http',
  clock = fakeClock('2026-03-27T10:00:00Z'),
): Promise<Harness[]> {
  fake = await startFakeSlack({ joinedChannels: ['C1', ...CHANNELS] });
  const started = await Promise.all(
    owners.map((owner) =>
      startHarness({
        mode,
        sharedFake: fake,
        env: { REDIS_URL: redis.url, DIGEST_CHANNELS: CHANNELS.join(',') },
        digest: { owner, clock },
      }),
    ),
  );
  open.push(...started);
  await Promise.all(started.map((h) => eventually(() => h.app.readiness().redis === true)));
  return started;
}

function mention(eventId: string, retryNum?: number) {
  const headers: Record<string, string> =
    retryNum === undefined ? {} : { 'X-Slack-Retry-Num': String(retryNum), 'X-Slack-Retry-Reason': 'http_timeout' };
  const event = { type: 'app_mention', user: 'U1', text: '<@UBOT> karpenter', channel: 'C1', ts: '1.1', event_ts: '1.1' };
  return { secret: SIGNING_SECRET, body: eventBody(event, { eventId }), headers };
}
const answers = () => fake!.callsTo('chat.postMessage').filter((call) => !call.fault && call.args.channel === 'C1');
const digestsIn = (channel: string) =>
  fake!
    .callsTo('chat.postMessage')
    .filter((call) => !call.fault && call.args.channel === channel && JSON.stringify(call.args).includes('digest'));

describeWithRedis('two replicas of the bot on one Redis', () => {
  it('answers an event once when its retry reaches the other replica', async () => {
    const [a, b] = await replicas(await startRedis(), ['a', 'b']);
    await postSigned(`${a!.url}/slack/events`, mention('EvTWICE'));
    await postSigned(`${b!.url}/slack/events`, mention('EvTWICE', 1));
    await eventually(() => answers().length > 0);
    // A third delivery, answered or not, tells when both earlier ones are done.
    await postSigned(`${a!.url}/slack/events`, mention('EvLATER'));
    await eventually(() => answers().length >= 2);
    await eventually(() => a!.logs.concat(b!.logs).some((line) => line.msg === 'Ignored a retry of an event already answered'));
    expect(answers()).toHaveLength(2);
  });

  it('shares subscriptions: a channel subscribed through one replica is subscribed for the other', async () => {
    const [a, b] = await replicas(await startRedis(), ['a', 'b']);
    const id = randomUUID();
    await postSigned(`${a!.url}/slack/events`, {
      secret: SIGNING_SECRET,
      body: slashCommandBody({ text: 'digest subscribe', response_url: fake!.responseUrl(id) }),
    });
    await fake!.waitForCall('response_url', (call) => call.responseId === id && !call.fault);
    expect(Object.keys((await b!.digest!.store.read()).subscriptions)).toEqual(['C1']);
  });

  it('posts each channel its digest once when both replicas and the CLI trigger the same slot 20 times, round after round', async () => {
    const all = await replicas(await startRedis(), ['replica-a', 'replica-b', 'cli']);
    const rounds = 3;
    for (let round = 0; round < rounds; round += 1) {
      const slot = new Date(MONDAY + round * WEEK);
      await Promise.all(Array.from({ length: 20 }, (_, i) => all[i % all.length]!.digest!.runner.run(slot)));
    }
    for (const channel of CHANNELS) expect(digestsIn(channel)).toHaveLength(rounds);
  });

  it('sends each person their weekly DM once when both replicas and a restart run the same slot 20 times, week after week', async () => {
    const clock = fakeClock('2026-03-27T10:00:00Z');
    const all = await replicas(await startRedis(), ['replica-a', 'replica-b', 'restarted-a'], 'http', clock);
    const people = ['U1', 'U2', 'U3'];
    for (const [i, user] of people.entries()) {
      const id = randomUUID();
      await postSigned(`${all[i]!.url}/slack/events`, {
        secret: SIGNING_SECRET,
        body: slashCommandBody({ text: 'follow autoscaling', user_id: user, response_url: fake!.responseUrl(id) }),
      });
      await fake!.waitForCall('response_url', (call) => call.responseId === id && !call.fault);
    }
    const rounds = 3;
    for (let round = 0; round < rounds; round += 1) {
      // Monday 09:30 in UTC, the fake's time zone for everyone.
      clock.set(new Date(Date.parse('2026-03-30T09:30:00Z') + round * WEEK));
      await Promise.all(Array.from({ length: 20 }, (_, i) => all[i % all.length]!.digest!.personal.run()));
    }
    for (const user of people) expect(digestsIn(`D${user.slice(1)}`)).toHaveLength(rounds);
  });

  it('in Socket Mode, each replica with its own connection: the same envelope delivered to both gets one answer', async () => {
    await replicas(await startRedis(), ['a', 'b'], 'socket');
    await eventually(() => fake!.socket.connectionCount === 2);
    const { body } = mention('EvSOCKET');
    const envelope = JSON.parse(body) as Record<string, unknown>;
    const [first, second] = fake!.socket.connections;
    await fake!.socket.send('events_api', envelope, { connectionId: first!.id });
    await fake!.socket.send('events_api', envelope, { connectionId: second!.id, retryAttempt: 1, retryReason: 'timeout' });
    await eventually(() => answers().length > 0);
    await eventually(() => open.some((h) => h.logs.some((line) => line.msg === 'Ignored a retry of an event already answered')));
    expect(answers()).toHaveLength(1);
  });

  it('keeps answering while Redis is stopped and restarted, and is ready again once it is back', async () => {
    const redis = await startRedis();
    const [a] = await replicas(redis, ['a']);
    await redis.stop();
    await eventually(() => a!.app.readiness().redis === false);
    await postSigned(`${a!.url}/slack/events`, mention('EvDOWN'));
    await eventually(() => answers().length === 1);
    await redis.start();
    await eventually(() => a!.app.readiness().redis === true, 15_000);
    await postSigned(`${a!.url}/slack/events`, mention('EvBACK'));
    await eventually(() => answers().length === 2);
    expect(a!.logs.some((line) => line.msg.includes('de-duplicated by this replica alone'))).toBe(true);
  });
});
