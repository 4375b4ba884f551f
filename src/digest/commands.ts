import { formatSlot, renderDigestNotice as notice, renderDigestPreview } from '../blocks/digest.ts';
import type { Message } from '../blocks/message.ts';
import { messages } from '../blocks/messages.ts';
import type { Catalogue } from '../catalogue/model.ts';
import type { Language } from '../catalogue/schema.ts';
import type { Logger } from '../log/logger.ts';
import type { DigestPlanner } from './plan.ts';
import { recipients } from './runner.ts';
import { type DigestSchedule, slotId } from './schedule.ts';
import { subscribe, unsubscribe } from './state.ts';
import type { DigestStore } from './store.ts';

/** Who asked, where: what the Slack layer knows when `/kubecon digest ...` arrives. */
export interface DigestRequest {
  readonly teamId: string;
  readonly channelId: string;
  readonly userId: string;
  readonly language: Language;
}

/**
 * What the Slack layer needs from the weekly digest; the digest module implements it.
 * Each call answers with the ephemeral message to show the user, never throws for a
 * user mistake (that is a message too).
 */
export interface DigestCommands {
  subscribe(request: DigestRequest): Promise<Message>;
  unsubscribe(request: DigestRequest): Promise<Message>;
  status(request: DigestRequest): Promise<Message>;
  preview(request: DigestRequest): Promise<Message>;
  /** For the App Home tab: when the next digest goes out, and to how many channels. */
  nextRun(): Promise<{ readonly at: Date; readonly channels: number } | undefined>;
}

export interface DigestCommandDependencies {
  readonly store: DigestStore;
  readonly access: ChannelAccess;
  readonly planner: DigestPlanner;
  readonly schedule: DigestSchedule;
  readonly catalogue: Pick<Catalogue, 'talks' | 'topicById'>;
  /** DIGEST_CHANNELS: always subscribed, not changed from Slack. */
  readonly configured: readonly string[];
  /** BOT_LANGUAGE: the digest's language in a channel nobody subscribed. */
  readonly language: Language;
  readonly logger: Logger;
  readonly now: () => Date;
}

/** Whether the bot can post in a channel; 'missing-permission' when the app lacks the scope to tell. */
export type Access = 'ok' | 'not-member' | 'private' | 'archived' | 'missing-permission';

/** What the digest needs to know of a channel before subscribing it: Slack's answer, in src/slack/digest/channel-access.ts. */
export interface ChannelAccess {
  check(channel: string): Promise<Access>;
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
  planner,
  schedule,
  catalogue,
  configured,
  language: fallback,
  logger,
  now,
}: DigestCommandDependencies): DigestCommands {
  const log = logger.child({ component: 'digest' });

  /** When the next digest goes out, as the user reads it; a dash for a cron that never comes round again (30 February). */
  function nextSlot(language: Language): { at: Date | undefined; when: string } {
    const at = schedule.next(now());
    return { at, when: at === undefined ? '—' : formatSlot(at, schedule.timezone, language) };
  }

  return {
    async subscribe({ channelId: channel, userId, language }) {
      const m = messages(language).digest;
      if (channel.startsWith('D')) return notice(m.notInDirectMessages);
      const { when } = nextSlot(language);
      if (configured.includes(channel)) return notice(m.configured(when));
      if ((await store.read()).subscriptions[channel]) return notice(m.alreadySubscribed(when));
      const verdict = await access.check(channel);
      if (verdict !== 'ok') {
        const refusals = {
          'not-member': m.notInChannel,
          private: m.privateChannel,
          archived: m.archived,
          'missing-permission': m.missingPermission,
        };
        return notice(refusals[verdict]);
      }
      await store.update((state) => subscribe(state, channel, { by: userId, at: now().toISOString(), language }));
      log.info('A channel subscribed to the weekly digest', { channel, user: userId });
      return notice(m.subscribed(when));
    },

    async unsubscribe({ channelId: channel, userId, language }) {
      const m = messages(language).digest;
      if (configured.includes(channel)) return notice(m.cannotUnsubscribeConfigured);
      if (!(await store.read()).subscriptions[channel]) return notice(m.notSubscribed);
      await store.update((state) => unsubscribe(state, channel));
      log.info('A channel unsubscribed from the weekly digest', { channel, user: userId });
      return notice(m.unsubscribed);
    },

    async status({ channelId: channel, language }) {
      const m = messages(language).digest;
      const state = await store.read();
      const subscription = state.subscriptions[channel];
      const history = state.channels[channel];
      const { when } = nextSlot(language);
      const lines = [
        configured.includes(channel)
          ? m.configured(when)
          : subscription
            ? `${m.subscribedBy(`<@${subscription.by}>`)} ${m.nextDigest(when)}`
            : m.notSubscribed,
      ];
      if (history?.last) lines.push(m.lastDigest(formatSlot(new Date(history.last.slot), schedule.timezone, language)));
      if (history) lines.push(m.featured(history.seen.length, catalogue.talks.length, history.cycle + 1));
      return notice(lines.join('\n'));
    },

    async preview({ channelId: channel, language: asker }) {
      const state = await store.read();
      // In the language it will be posted in, when the channel gets it.
      const recipient = recipients(state, configured, fallback).find((r) => r.channel === channel);
      const language = recipient?.language ?? asker;
      const m = messages(language).digest;
      const { at, when } = nextSlot(language);
      const digest = planner.pick(channel, state.channels[channel], slotId(at ?? now()), now());
      if (digest === undefined) return notice(m.emptyCatalogue);
      return renderDigestPreview(planner.content(digest), language, catalogue, recipient ? m.preview(when) : m.previewUnsubscribed(when));
    },

    async nextRun() {
      const at = schedule.next(now());
      const channels = recipients(await store.read(), configured, fallback).length;
      return at === undefined || channels === 0 ? undefined : { at, channels };
    },
  };
}
