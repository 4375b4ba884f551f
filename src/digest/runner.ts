import type { Language } from '../catalogue/schema.ts';
import type { Logger } from '../log/logger.ts';
import type { DigestPoster, PostResult } from './poster.ts';
import { slotId } from './schedule.ts';
import type { DigestState, DigestStore } from './store.ts';

/** A channel that gets the digest, and in which language. */
export interface Recipient {
  readonly channel: string;
  readonly language: Language;
}

/**
 * DIGEST_CHANNELS and the subscribed channels, each once. A channel's language is its
 * subscriber's, BOT_LANGUAGE otherwise. Given a slot, a channel subscribed after it does not
 * count: a restart must not send it a digest from before it asked.
 */
export function recipients(state: DigestState, configured: readonly string[], fallback: Language, slot?: Date): Recipient[] {
  const language = (channel: string) => state.subscriptions[channel]?.language ?? fallback;
  const subscribed = Object.entries(state.subscriptions)
    .filter(
      ([channel, subscription]) => !configured.includes(channel) && (slot === undefined || Date.parse(subscription.at) <= slot.getTime()),
    )
    .map(([channel]) => channel);
  return [...configured, ...subscribed].map((channel) => ({ channel, language: language(channel) }));
}

export interface ChannelOutcome {
  readonly channel: string;
  readonly result: PostResult;
}

export interface DigestRunner {
  /** Who gets the slot's digest: every recipient, or `channel` alone, even one that is not a recipient (an operator named it). */
  audience(slot: Date, channel?: string): Promise<Recipient[]>;
  /** Posts the slot's digest to its audience, side by side: one channel's failure never holds up another's. */
  run(slot: Date, options?: { readonly channel?: string | undefined }): Promise<ChannelOutcome[]>;
  /** The recipients that have not had the slot's digest. */
  missing(slot: Date): Promise<string[]>;
}

export interface RunnerDependencies {
  readonly store: DigestStore;
  readonly poster: DigestPoster;
  readonly configured: readonly string[];
  readonly language: Language;
  readonly logger: Logger;
}

export function createRunner({ store, poster, configured, language, logger }: RunnerDependencies): DigestRunner {
  const log = logger.child({ component: 'digest' });
  async function audience(slot: Date, channel?: string): Promise<Recipient[]> {
    const all = recipients(await store.read(), configured, language, slot);
    return channel === undefined ? all : [all.find((recipient) => recipient.channel === channel) ?? { channel, language }];
  }
  return {
    audience,
    async run(slot, { channel } = {}) {
      const chosen = await audience(slot, channel);
      if (chosen.length === 0) log.info('No channel gets the digest: nothing to post', { slot: slotId(slot) });
      return Promise.all(
        chosen.map(async (recipient): Promise<ChannelOutcome> => {
          try {
            return { channel: recipient.channel, result: await poster.post(recipient.channel, slotId(slot), recipient.language) };
          } catch (error) {
            // Slack failures come back as results; this is the state file or a bug, and the slot stays in progress if it was started.
            log.error('The digest run failed for this channel', { channel: recipient.channel, slot: slotId(slot), error });
            return {
              channel: recipient.channel,
              result: { status: 'failed', reason: error instanceof Error ? error.message : String(error) },
            };
          }
        }),
      );
    },
    async missing(slot) {
      const state = await store.read();
      // ISO instants of one format compare as strings.
      return recipients(state, configured, language, slot)
        .map(({ channel }) => channel)
        .filter((channel) => (state.channels[channel]?.last?.slot ?? '') < slotId(slot));
    },
  };
}
