import { describe, expect, it } from 'vitest';
import { digestFixtures, fakeClock } from './helpers.ts';

const setup = digestFixtures();

const MONDAY = new Date('2026-03-30T07:30:00.000Z');
const LATER = '2026-03-30T07:30:02.000Z';

describe('the dry run', () => {
  it('resumes a post an earlier run left unfinished, and still shows the digest when Slack cannot say whether the bot may post', async () => {
    const f = await setup({ env: { DIGEST_CHANNELS: 'CAAA,CBBB,CCCC' } });
    const digest = f.digest({ clock: fakeClock(LATER) });
    const pending = digest.planner.pick('CAAA', undefined, MONDAY.toISOString(), MONDAY)!;
    await digest.store.update((state) => ({ ...state, channels: { CAAA: { cycle: 0, seen: [], pending } } }));
    const errors: Record<string, string> = { CBBB: 'fatal_error', CCCC: 'missing_scope' };
    f.fake.setResponse('conversations.info', (call) => {
      const error = errors[call.args.channel as string];
      return error ? { ok: false, error } : { ok: true, channel: { id: call.args.channel, is_member: true } };
    });
    const entries = await digest.dryRun.explain(MONDAY, { checkAccess: true });
    const byChannel = new Map(entries.map((entry) => [entry.recipient.channel, entry.verdict]));
    expect(byChannel.get('CAAA')).toEqual({ kind: 'posts', digest: digest.planner.content(pending), resumes: true });
    expect(byChannel.get('CBBB')).toMatchObject({ kind: 'posts', unchecked: expect.stringContaining('fatal_error') });
    expect(byChannel.get('CCCC')).toMatchObject({ kind: 'posts', unchecked: 'the Slack app lacks channels:read or groups:read' });
    expect(f.fake.callsTo('chat.postMessage')).toEqual([]);
    expect((await digest.store.read()).channels.CAAA?.pending).toEqual(pending);
  });

  it('gives a channel named on the command line its subscriber’s language, though it subscribed after the slot', async () => {
    const f = await setup();
    const digest = f.digest({ clock: fakeClock(LATER) });
    await digest.store.update((state) => ({
      ...state,
      subscriptions: { CLATE: { by: 'U1', at: '2026-03-30T08:00:00.000Z', language: 'fr' } },
    }));
    expect(await digest.runner.survey(MONDAY)).toEqual([
      {
        kind: 'subscribed-after-slot',
        recipient: { channel: 'CLATE', language: 'fr' },
        subscribedAt: new Date('2026-03-30T08:00:00.000Z'),
      },
    ]);
    expect(await digest.runner.survey(MONDAY, 'CLATE')).toEqual([
      { kind: 'included', recipient: { channel: 'CLATE', language: 'fr' }, source: 'named' },
    ]);
  });
});
