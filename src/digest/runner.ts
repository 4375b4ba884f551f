import type { Language } from '../catalogue/vocabulary.ts';
import type { Logger } from '../log/logger.ts';
import type { DigestPoster, PostResult } from './poster.ts';
import { slotId } from './schedule.ts';
import { type DigestState, DigestStateError, type DigestStore } from './store.ts';

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

/** Why a channel is in a slot's audience. */
export type Source = 'configured' | 'subscribed' | 'named';

/** Where a channel stands for a slot: in its audience, or left out, and why. */
export type Standing =
  | { readonly kind: 'included'; readonly recipient: Recipient; readonly source: Source }
  | { readonly kind: 'subscribed-after-slot'; readonly recipient: Recipient; readonly subscribedAt: Date };

export interface ChannelOutcome {
  readonly channel: string;
  readonly result: PostResult;
}

export interface DigestRunner {
  /**
   * Every channel that gets the digest or asked for it, each with where it stands for the
   * slot; or `channel` alone, included even when it is not a recipient (an operator named it).
   */
  survey(slot: Date, channel?: string): Promise<Standing[]>;
  /** Posts the slot's digest to the channels included in its survey, side by side: one channel's failure never holds up another's. */
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
  async function survey(slot: Date, channel?: string): Promise<Standing[]> {
    const state = await store.read();
    const due = new Set(recipients(state, configured, language, slot).map((recipient) => recipient.channel));
    const standing = (recipient: Recipient): Standing => {
      if (configured.includes(recipient.channel)) return { kind: 'included', recipient, source: 'configured' };
      if (due.has(recipient.channel)) return { kind: 'included', recipient, source: 'subscribed' };
      const subscription = state.subscriptions[recipient.channel];
      if (subscription && channel === undefined)
        return { kind: 'subscribed-after-slot', recipient, subscribedAt: new Date(subscription.at) };
      return { kind: 'included', recipient, source: 'named' };
    };
    const everyone = recipients(state, configured, language);
    if (channel === undefined) return everyone.map(standing);
    // A named channel keeps its subscriber's language, even when it subscribed after the slot.
    return [standing(everyone.find((recipient) => recipient.channel === channel) ?? { channel, language })];
  }
  return {
    survey,
    async run(slot, { channel } = {}) {
      const chosen = (await survey(slot, channel)).flatMap((standing) => (standing.kind === 'included' ? [standing.recipient] : []));
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
              result: {
                status: 'failed',
                reason: error instanceof Error ? error.message : String(error),
                maybePosted: false,
                storeFailed: error instanceof DigestStateError,
              },
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
