import { describe, expect, it } from 'vitest';
import { postSigned, slashCommandBody } from '../helpers/signed-request.ts';
import { eventually, type Harness, harnessPerTest, SIGNING_SECRET } from './harness.ts';

/**
 * The language lookup (users.info) is a nicety: when Slack rate-limits it or it hangs,
 * answers go out at once in BOT_LANGUAGE instead of waiting on it.
 */
const start = harnessPerTest({ mode: 'http', tuning: { languageWaitMs: 100 } });

let ids = 0;
async function askAs(h: Harness, user: string): Promise<string> {
  const responseId = `lookup-${++ids}`;
  await postSigned(`${h.url}/slack/events`, {
    secret: SIGNING_SECRET,
    body: slashCommandBody({ text: 'autoscaling', user_id: user, response_url: h.fake.responseUrl(responseId) }),
  });
  const answer = await h.fake.waitForCall('response_url', (call) => call.responseId === responseId && !call.fault);
  return JSON.stringify(answer.args).includes('Conférences pour') ? 'fr' : 'en';
}

describe('answers while users.info is in trouble', () => {
  it('answers everyone at once in the default language while users.info is rate-limited, asking it once', async () => {
    const h = await start();
    const users = Array.from({ length: 17 }, (_, i) => `UFR${i}`);
    for (const user of users) h.fake.setLocale(user, 'fr-FR');
    h.fake.failNext('users.info', { status: 429, retryAfter: 20 });
    // The first user meets the 429; the others come after it and find the lookup paused.
    expect(await askAs(h, users[0]!)).toBe('en');
    const languages = await Promise.all(users.slice(1).map((user) => askAs(h, user)));
    expect(languages).toEqual(users.slice(1).map(() => 'en'));
    expect(h.fake.callsTo('users.info')).toHaveLength(1);
  });

  it('answers in the default language when users.info hangs, and in the user’s own once it has answered', async () => {
    const h = await start();
    h.fake.setLocale('UFRSLOW', 'fr-FR');
    // Slower than the answer waits (100 ms here), within the client's timeout.
    h.fake.failNext('users.info', { delayMs: 700 });
    expect(await askAs(h, 'UFRSLOW')).toBe('en');
    const [lookup] = h.fake.callsTo('users.info');
    expect(lookup).toBeDefined();
    // Once the slow lookup has answered it is remembered: French, and never a second call.
    await eventually(async () => (await askAs(h, 'UFRSLOW')) === 'fr', 5000);
    expect(h.fake.callsTo('users.info')).toHaveLength(1);
  });
});
