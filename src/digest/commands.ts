import type { Catalogue } from '../catalogue/model.ts';
import type { Language } from '../catalogue/vocabulary.ts';
import type { Logger } from '../log/logger.ts';
import type { DigestContent, DigestPlanner } from './plan.ts';
import type { Announcement, DigestOutlet } from './poster.ts';
import { recipients } from './runner.ts';
import { type DigestSchedule, repetition, type SlotTime, slotId } from './schedule.ts';
import { subscribe, unsubscribe } from './state.ts';
import type { DigestStore } from './store.ts';

/** Who asked, where: what the bot core passes on when `/kubecon digest ...` arrives. */
export interface DigestRequest {
  readonly channelId: string;
  readonly userId: string;
  readonly language: Language;
}

/** Whether the bot can post in a channel; 'missing-permission' when the app lacks the scope to tell. */
export type Access = 'ok' | 'not-member' | 'private' | 'archived' | 'missing-permission';

/** What the digest must know of a channel before subscribing it: Slack's answer, in src/slack/digest/channel-access.ts. */
export interface ChannelAccess {
  check(channel: string): Promise<Access>;
}

/**
 * What a digest command did or found, for src/blocks/digest.ts to put in words. `next` is
 * undefined for a cron that never comes round again (30 February).
 */
export type DigestReply =
  | { readonly kind: 'not-in-direct-messages' }
  | { readonly kind: 'configured'; readonly next: SlotTime | undefined }
  | { readonly kind: 'already-subscribed'; readonly next: SlotTime | undefined }
  | { readonly kind: 'cannot-post'; readonly access: Exclude<Access, 'ok'> }
  /** `announced`: whether the channel was told too. */
  | { readonly kind: 'subscribed'; readonly next: SlotTime | undefined; readonly announced: boolean }
  | { readonly kind: 'cannot-unsubscribe-configured' }
  | { readonly kind: 'not-subscribed' }
  | { readonly kind: 'unsubscribed'; readonly announced: boolean }
  | {
      readonly kind: 'status';
      /** DIGEST_CHANNELS, a user's subscription, or neither. */
      readonly source: 'configured' | { readonly by: string } | undefined;
      readonly next: SlotTime | undefined;
      readonly last?: SlotTime | undefined;
      /** How far the channel is in its tour of the catalogue; round 1 is the first. */
      readonly featured?: { readonly seen: number; readonly of: number; readonly round: number } | undefined;
    }
  | {
      readonly kind: 'preview';
      readonly digest: DigestContent;
      /** The channel's language when it gets the digest, the asker's otherwise. */
      readonly language: Language;
      readonly subscribed: boolean;
      readonly next: SlotTime | undefined;
    }
  | { readonly kind: 'empty-catalogue' };

/** For the App Home tab: when the next digest goes out, and to how many channels. */
export interface NextRun {
  readonly at: Date;
  readonly channels: number;
}

/**
 * What the bot core needs from the weekly digest. Each call answers what to tell the user,
 * and never throws for a user mistake (that is a reply too).
 */
export interface DigestCommands {
  subscribe(request: DigestRequest): Promise<DigestReply>;
  unsubscribe(request: DigestRequest): Promise<DigestReply>;
  status(request: DigestRequest): Promise<DigestReply>;
  preview(request: DigestRequest): Promise<DigestReply>;
  nextRun(): Promise<NextRun | undefined>;
}

export interface DigestCommandDependencies {
  readonly store: DigestStore;
  readonly access: ChannelAccess;
  /** Where the channel is told who subscribed or unsubscribed it. */
  readonly outlet: Pick<DigestOutlet, 'announce' | 'classify'>;
  readonly planner: DigestPlanner;
  readonly schedule: DigestSchedule;
  readonly catalogue: Pick<Catalogue, 'talks'>;
  /** DIGEST_CHANNELS: always subscribed, not changed from Slack. */
  readonly configured: readonly string[];
  /** BOT_LANGUAGE: the digest's language in a channel nobody subscribed. */
  readonly language: Language;
  readonly logger: Logger;
  readonly now: () => Date;
}

/**
 * `/kubecon digest ...` in a channel. Who may change a channel's subscription is Slack's
 * call, not ours: Slack delivers a slash command only from a conversation where the user can
 * write (a member of a private channel, a poster in an announcement-only one), so whoever it
 * reaches us from may subscribe or unsubscribe that channel, and only that one. Direct
 * messages are refused: a digest there would reach one person, who can use /kubecon anyway.
 */
export function createDigestCommands({
  store,
  access,
  outlet,
  planner,
  schedule,
  catalogue,
  configured,
  language: fallback,
  logger,
  now,
}: DigestCommandDependencies): DigestCommands {
  const log = logger.child({ component: 'digest' });
  const slotTime = (at: Date | undefined): SlotTime | undefined => (at === undefined ? undefined : { at, timezone: schedule.timezone });
  const nextSlot = () => slotTime(schedule.next(now()));

  /** A subscription changed by one person concerns everyone in the channel; whether they were told goes back to that person. */
  async function announce(channel: string, announcement: Announcement, language: Language): Promise<boolean> {
    try {
      await outlet.announce(channel, announcement, language);
      return true;
    } catch (error) {
      log.warn('Could not tell the channel that its digest subscription changed', {
        channel,
        change: announcement.kind,
        error: outlet.classify(error).reason,
      });
      return false;
    }
  }

  return {
    async subscribe({ channelId: channel, userId, language }) {
      if (channel.startsWith('D')) return { kind: 'not-in-direct-messages' };
      if (configured.includes(channel)) return { kind: 'configured', next: nextSlot() };
      if ((await store.read()).subscriptions[channel]) return { kind: 'already-subscribed', next: nextSlot() };
      const verdict = await access.check(channel);
      if (verdict !== 'ok') return { kind: 'cannot-post', access: verdict };
      await store.update((state) => subscribe(state, channel, { by: userId, at: now().toISOString(), language }));
      log.info('A channel subscribed to the weekly digest', { channel, user: userId });
      const next = nextSlot();
      const announcement = { kind: 'subscribed', by: userId, repeats: repetition(schedule, now()), next } as const;
      return { kind: 'subscribed', next, announced: await announce(channel, announcement, language) };
    },

    async unsubscribe({ channelId: channel, userId }) {
      if (configured.includes(channel)) return { kind: 'cannot-unsubscribe-configured' };
      const subscription = (await store.read()).subscriptions[channel];
      if (!subscription) return { kind: 'not-subscribed' };
      await store.update((state) => unsubscribe(state, channel));
      log.info('A channel unsubscribed from the weekly digest', { channel, user: userId });
      // In the language the channel has had its digests in, whoever unsubscribes it.
      return { kind: 'unsubscribed', announced: await announce(channel, { kind: 'unsubscribed', by: userId }, subscription.language) };
    },

    async status({ channelId: channel }) {
      // A DM's history is its person's weekly DM (src/digest/personal.ts), not a channel digest.
      if (channel.startsWith('D')) return { kind: 'not-in-direct-messages' };
      const state = await store.read();
      const subscription = state.subscriptions[channel];
      const history = state.channels[channel];
      return {
        kind: 'status',
        source: configured.includes(channel) ? 'configured' : subscription && { by: subscription.by },
        next: nextSlot(),
        last: history?.last && slotTime(new Date(history.last.slot)),
        featured: history && { seen: history.seen.length, of: catalogue.talks.length, round: history.cycle + 1 },
      };
    },

    async preview({ channelId: channel, language: asker }) {
      const state = await store.read();
      const recipient = recipients(state, configured, fallback).find((r) => r.channel === channel);
      const next = nextSlot();
      const digest = planner.pick(channel, state.channels[channel], slotId(next?.at ?? now()), now());
      if (digest === undefined) return { kind: 'empty-catalogue' };
      return {
        kind: 'preview',
        digest: planner.content(digest),
        language: recipient?.language ?? asker,
        subscribed: recipient !== undefined,
        next,
      };
    },

    async nextRun() {
      const at = schedule.next(now());
      const channels = recipients(await store.read(), configured, fallback).length;
      return at === undefined || channels === 0 ? undefined : { at, channels };
    },
  };
}
