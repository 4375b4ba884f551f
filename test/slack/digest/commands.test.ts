import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Digest } from '../../../src/digest/create.ts';
import { fakeClock } from '../../digest/helpers.ts';
import type { FakeSlack, FakeSlackOptions, RecordedCall } from '../../helpers/fake-slack.ts';
import { postSigned, slashCommandBody } from '../../helpers/signed-request.ts';
import { harnessPerTest, SIGNING_SECRET } from '../harness.ts';

const startHarness = harnessPerTest({ mode: 'http' });

interface Running {
  readonly fake: FakeSlack;
  readonly digest: Digest;
  /** Sends a signed `/kubecon <text>` as user U1 in channel C1 unless `fields` say otherwise; resolves with the answer. */
  command(text: string, fields?: Record<string, string>): Promise<RecordedCall>;
}

/** The real Slack app in HTTP mode with the real digest, both on one fake Slack; Friday 27 March 2026 on the digest's clock. */
async function start(options: { fake?: FakeSlackOptions; env?: Record<string, string> } = {}): Promise<Running> {
  const h = await startHarness({ ...options, digest: { clock: fakeClock('2026-03-27T10:00:00Z') } });
  return {
    fake: h.fake,
    digest: h.digest!,
    async command(text, fields = {}) {
      const id = randomUUID();
      const response = await postSigned(`${h.url}/slack/events`, {
        secret: SIGNING_SECRET,
        body: slashCommandBody({ text, response_url: h.fake.responseUrl(id), ...fields }),
      });
      expect(response.status).toBe(200);
      return h.fake.waitForCall('response_url', (call) => call.responseId === id && !call.fault);
    },
  };
}

const json = (call: RecordedCall) => JSON.stringify(call.args);
const NEXT = 'Monday, 30 March 2026 at 09:30 (Europe/Paris)';

describe('/kubecon digest through the real app', () => {
  it('subscribes a channel the bot is in, then previews its next digest privately, posting nothing more', async () => {
    const { fake, digest, command } = await start({ fake: { joinedChannels: ['C1'] } });
    const subscribed = await command('digest subscribe');
    expect(subscribed.args).toMatchObject({ response_type: 'ephemeral' });
    expect(json(subscribed)).toContain(`Done: this channel gets a weekly digest of three KubeCon talks. The next one: ${NEXT}.`);
    expect(fake.callsTo('conversations.info')[0]?.args).toMatchObject({ channel: 'C1' });
    expect((await digest.store.read()).subscriptions.C1).toEqual({ by: 'U1', at: '2026-03-27T10:00:00.000Z', language: 'en' });

    const preview = await command('digest preview');
    expect(preview.args).toMatchObject({ response_type: 'ephemeral', unfurl_links: false });
    expect(json(preview)).toContain(`Preview of the digest due in this channel on ${NEXT}.`);
    expect(json(preview)).toContain('KubeCon digest of the week');
    expect(json(preview).match(/"action_id":"watch_video"/g)).toHaveLength(3);
    // The subscription's announcement, and nothing since.
    expect(fake.callsTo('chat.postMessage')).toHaveLength(1);
    expect((await digest.store.read()).channels).toEqual({});

    // What the preview showed, between its notice and its Dismiss row, is what Monday brings.
    const [outcome] = await digest.runner.run(new Date('2026-03-30T07:30:00Z'));
    expect(outcome?.result.status).toBe('posted');
    expect(JSON.stringify((preview.args.blocks as unknown[]).at(-1))).toContain('"action_id":"dismiss"');
    expect(JSON.stringify(fake.callsTo('chat.postMessage')[1]!.args.blocks)).toBe(
      JSON.stringify((preview.args.blocks as unknown[]).slice(1, -1)),
    );
  });

  it('tells the channel who subscribed it, when digests come and how to stop them, then confirms privately; likewise when it unsubscribes', async () => {
    const { fake, command } = await start({ fake: { joinedChannels: ['C1'] } });
    await command('digest subscribe');
    await command('digest unsubscribe', { user_id: 'U2' });

    const seen = fake.calls
      .filter((call) => ['conversations.info', 'chat.postMessage', 'response_url'].includes(call.method))
      .map((call) => ({
        method: call.method,
        channel: call.args.channel,
        response_type: call.args.response_type,
        text: call.args.text,
      }));
    expect(seen).toEqual([
      { method: 'conversations.info', channel: 'C1', response_type: undefined, text: undefined },
      {
        method: 'chat.postMessage',
        channel: 'C1',
        response_type: undefined,
        text: '<@U1> subscribed this channel to the weekly KubeCon digest: three talks our platform team saw, every Monday at 09:30 (Europe/Paris). To stop it: `/kubecon digest unsubscribe`.',
      },
      {
        method: 'response_url',
        channel: undefined,
        response_type: 'ephemeral',
        text: `Done: this channel gets a weekly digest of three KubeCon talks. The next one: ${NEXT}.`,
      },
      {
        method: 'chat.postMessage',
        channel: 'C1',
        response_type: undefined,
        text: '<@U2> unsubscribed this channel from the weekly KubeCon digest. To get it again: `/kubecon digest subscribe`.',
      },
      {
        method: 'response_url',
        channel: undefined,
        response_type: 'ephemeral',
        text: 'Done: this channel no longer gets the weekly digest.',
      },
    ]);
    // Form-encoded by the WebClient, hence the string; a link a later edit adds to the line must not unfurl.
    expect(fake.callsTo('chat.postMessage').map((call) => call.args.unfurl_links)).toEqual(['false', 'false']);
    // The public line is a message of the bot's, with no digest metadata: a later history search cannot take it for a digest.
    expect(fake.callsTo('chat.postMessage')[0]!.args.metadata).toBeUndefined();
  });

  it('still subscribes and confirms when the channel cannot be told, saying so, in French for a French subscriber', async () => {
    const { fake, digest, command } = await start({ fake: { joinedChannels: ['C1'], locales: { U2: 'fr-FR' } } });
    fake.failNext('chat.postMessage', { error: 'restricted_action' });
    const subscribed = await command('digest subscribe', { user_id: 'U2' });

    const [announcement] = fake.callsTo('chat.postMessage');
    expect(announcement?.args.text).toBe(
      '<@U2> a abonné ce canal au résumé KubeCon hebdomadaire\u00a0: trois conférences vues par notre équipe plateforme, chaque lundi à 09:30 (Europe/Paris). Pour l’arrêter\u00a0: `/kubecon digest unsubscribe`.',
    );
    expect(announcement?.fault).toEqual({ error: 'restricted_action' });
    expect(subscribed.at).toBeGreaterThanOrEqual(announcement!.at);
    expect(subscribed.args.text).toBe(
      'C’est fait\u00a0: ce canal recevra chaque semaine un résumé de trois conférences KubeCon. Le prochain\u00a0: lundi 30 mars 2026 à 09:30 (Europe/Paris). ' +
        'Je n’ai pas pu l’annoncer dans le canal\u00a0: prévenez les autres vous-même.',
    );
    expect((await digest.store.read()).subscriptions.C1).toMatchObject({ by: 'U2', language: 'fr' });
  });

  it('answers how to invite the bot when it is not in the channel, and subscribes nothing', async () => {
    const { fake, digest, command } = await start();
    const publicChannel = await command('digest subscribe', { channel_id: 'CNOTIN' });
    expect(json(publicChannel)).toContain('I am not a member of this channel');
    expect(json(publicChannel)).toContain('/invite @kubecon');

    const privateChannel = await command('digest subscribe', { channel_id: 'GPRIVATE' });
    expect(json(privateChannel)).toContain('This is a private channel I have not been added to');
    expect(json(privateChannel)).toContain('/invite @kubecon');

    fake.failNext('conversations.info', { error: 'channel_not_found' });
    const hidden = await command('digest subscribe', { channel_id: 'CHIDDEN' });
    expect(json(hidden)).toContain('/invite @kubecon');
    expect((await digest.store.read()).subscriptions).toEqual({});
  });

  it('refuses direct messages, and leaves DIGEST_CHANNELS to the configuration', async () => {
    const { fake, command } = await start({ env: { DIGEST_CHANNELS: 'CCONF' } });
    expect(json(await command('digest subscribe', { channel_id: 'D123' }))).toContain('The weekly digest goes to channels');
    // A DM's own history is its person's weekly DM: status points there too.
    expect(json(await command('digest status', { channel_id: 'D123' }))).toContain('/kubecon follow');
    expect(json(await command('digest subscribe', { channel_id: 'CCONF' }))).toContain('from the bot’s configuration (DIGEST_CHANNELS)');
    expect(json(await command('digest unsubscribe', { channel_id: 'CCONF' }))).toContain('ask whoever runs the bot to remove it there');
    expect(fake.callsTo('conversations.info')).toHaveLength(0);
  });

  it('tells the status, unsubscribes, and keeps what the channel has seen', async () => {
    const { digest, command } = await start({ fake: { joinedChannels: ['C1'] } });
    expect(json(await command('digest status'))).toContain('This channel does not get the weekly digest');
    await command('digest subscribe');
    await digest.runner.run(new Date('2026-03-30T07:30:00Z'));

    const status = json(await command('digest'));
    expect(status).toContain('subscribed by <@U1>');
    expect(status).toContain('Last digest: Monday, 30 March 2026 at 09:30 (Europe/Paris)');
    expect(status).toContain('Talks featured here so far: 3 of 7.');
    expect(json(await command('digest subscribe'))).toContain('already gets the weekly digest');

    expect(json(await command('digest unsubscribe'))).toContain('no longer gets the weekly digest');
    expect(json(await command('digest unsubscribe'))).toContain('does not get the weekly digest');
    const state = await digest.store.read();
    expect(state.subscriptions).toEqual({});
    expect(state.channels.C1?.seen).toHaveLength(3);
    expect(await digest.commands.nextRun()).toBeUndefined();
  });

  it('writes a channel’s digest in its subscriber’s language, whoever previews it', async () => {
    const { digest, command } = await start({ fake: { joinedChannels: ['C1'], locales: { U2: 'fr-FR' } } });
    expect(json(await command('digest subscribe', { user_id: 'U2' }))).toContain('C’est fait');
    const preview = json(await command('digest preview', { user_id: 'U1' }));
    expect(preview).toContain('Le résumé KubeCon de la semaine');
    expect(preview).toContain('Aperçu du résumé prévu dans ce canal le lundi 30 mars 2026 à 09:30 (Europe/Paris).');
    expect(await digest.commands.nextRun()).toEqual({ at: new Date('2026-03-30T07:30:00Z'), channels: 1 });
  });
});
