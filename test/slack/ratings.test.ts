import type { KnownBlock } from '@slack/types';
import { describe, expect, it } from 'vitest';
import type { RecordedCall } from '../helpers/fake-slack.ts';
import { interactionBody, postSigned, slashCommandBody } from '../helpers/signed-request.ts';
import { eventually, type Harness, harnessPerTest, SIGNING_SECRET } from './harness.ts';

/** 👍 / 👎 under answers, and SEARCH_GAPS, through the real Bolt app, counted in the digest's store. */
const start = harnessPerTest({ mode: 'http', digest: {} });
let ids = 0;
const send = (h: Harness, body: string) => postSigned(`${h.url}/slack/events`, { secret: SIGNING_SECRET, body });

async function ask(h: Harness, text: string): Promise<RecordedCall> {
  const responseId = `rate-cmd-${++ids}`;
  await send(h, slashCommandBody({ text, response_url: h.fake.responseUrl(responseId) }));
  return h.fake.waitForCall('response_url', (call) => call.responseId === responseId && !call.fault);
}

const button = (call: RecordedCall, actionId: string) =>
  ((call.args.blocks ?? []) as KnownBlock[])
    .flatMap((block) => (block.type === 'actions' ? block.elements : []))
    .find((element) => (element as { action_id?: string }).action_id === actionId) as { value: string } | undefined;

function click(h: Harness, user: string, actionId: string, value: string, messageTs = '1700000300.000001') {
  const responseId = `rate-${++ids}`;
  const body = interactionBody({
    type: 'block_actions',
    user: { id: user, username: user.toLowerCase(), team_id: 'T1' },
    team: { id: 'T1' },
    container: { type: 'message', message_ts: messageTs, channel_id: 'C0RATINGS', is_ephemeral: true },
    channel: { id: 'C0RATINGS' },
    response_url: h.fake.responseUrl(responseId),
    actions: [{ type: 'button', block_id: 'controls', action_id: actionId, value, action_ts: `1700000301.${ids}` }],
  });
  return { body, responseId };
}

describe('rating an answer', () => {
  it('counts 👍 per talk and kind, thanks privately, and a second vote by the same person replaces the first', async () => {
    const h = await start();
    const list = await ask(h, 'autoscaling');
    const up = button(list, 'rate_up')!;
    const down = button(list, 'rate_down')!;
    expect(up.value).toBe(down.value);

    const first = click(h, 'U0RATERONE', 'rate_up', up.value);
    await send(h, first.body);
    const thanks = await h.fake.waitForCall('response_url', (call) => call.responseId === first.responseId);
    expect(thanks.args).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(String(thanks.args.text)).toContain('only the count is kept');

    const again = click(h, 'U0RATERONE', 'rate_down', down.value);
    await send(h, again.body);
    await h.fake.waitForCall('response_url', (call) => call.responseId === again.responseId);
    await send(h, click(h, 'U0RATERTWO', 'rate_up', up.value).body);
    await eventually(async () => ((await h.digest!.store.read()).feedback?.kinds.search?.up ?? 0) === 1, 5000);

    const feedback = (await h.digest!.store.read()).feedback!;
    expect(feedback.kinds.search).toEqual({ up: 1, down: 1 });
    expect(feedback.talks['2030-karpenter']).toEqual({ up: 1, down: 1 });
    expect(Object.keys(feedback.votes)).toHaveLength(2);
    // Ids too long to turn up by chance in the salted hashes of the votes' keys ("U2" did).
    expect(JSON.stringify(feedback)).not.toMatch(/U0RATERONE|U0RATERTWO|C0RATINGS/);
  });

  it('offers 👍 and 👎 under the radar and the takeaways too', async () => {
    const h = await start();
    for (const text of ['radar autoscaling', 'takeaways']) expect(button(await ask(h, text), 'rate_up'), text).toBeDefined();
  });
});

describe('SEARCH_GAPS', () => {
  it('keeps the normalised words of a search that found nothing, when on', async () => {
    const h = await start({ env: { SEARCH_GAPS: 'on' } });
    await ask(h, 'any talk on Windows nodes pls?');
    await eventually(async () => Object.keys((await h.digest!.store.read()).feedback?.gaps ?? {}).length === 1, 5000);
    expect(Object.keys((await h.digest!.store.read()).feedback!.gaps)).toEqual(['nodes windows']);
  });

  it('keeps nothing when off, the default', async () => {
    const h = await start();
    await ask(h, 'any talk on Windows nodes pls?');
    await ask(h, 'karpenter');
    expect((await h.digest!.store.read()).feedback).toBeUndefined();
  });
});
