import { describe, expect, it } from 'vitest';
import { postSigned, slashCommandBody } from '../helpers/signed-request.ts';
import { eventually, harnessPerTest, SIGNING_SECRET } from './harness.ts';

/**
 * With this machine's clock far from Slack's, every request Slack signs is refused as
 * stale. The bot reads Slack's clock from the Date header of its answers and says so.
 */
const start = harnessPerTest({ mode: 'http' });
const TEN_MINUTES = 10 * 60_000;

describe("a clock far from Slack's", () => {
  it('is logged as such and keeps /readyz at 503, while a stale-looking request is refused', async () => {
    const h = await start({ beforeStart: (fake) => fake.setClockOffset(-TEN_MINUTES) });
    await eventually(() => h.fake.callsTo('auth.test').length > 0);
    await eventually(() => h.logs.some((line) => line.level === 'error' && /clock is 600 s ahead of Slack's/.test(line.msg)));
    const readiness = await fetch(`${h.url}/readyz`);
    expect(readiness.status).toBe(503);
    expect(await readiness.text()).toContain('"clock":false');
    // What Slack would send: signed with its own clock, ten minutes behind ours.
    const refused = await postSigned(`${h.url}/slack/events`, {
      secret: SIGNING_SECRET,
      body: slashCommandBody({ text: 'karpenter' }),
      timestamp: Math.floor((Date.now() - TEN_MINUTES) / 1000),
    });
    expect(refused.status).toBe(401);
  });

  it('is ready again once the clocks agree', async () => {
    const h = await start({ beforeStart: (fake) => fake.setClockOffset(TEN_MINUTES) });
    await eventually(async () => (await fetch(`${h.url}/readyz`)).status === 503);
    h.fake.setClockOffset(0);
    // Any Slack answer carries the Date header: a command's response_url post is one.
    await postSigned(`${h.url}/slack/events`, {
      secret: SIGNING_SECRET,
      body: slashCommandBody({ text: 'karpenter', response_url: h.fake.responseUrl('c') }),
    });
    await eventually(async () => (await fetch(`${h.url}/readyz`)).status === 200);
    expect(h.logs.some((line) => line.msg === "This machine's clock agrees with Slack's again")).toBe(true);
  });
});
