import type { KnownBlock } from '@slack/types';
import type { Catalogue } from '../catalogue/model.ts';
import type { Language } from '../catalogue/vocabulary.ts';
import type { DigestReply } from '../digest/commands.ts';
import type { DigestContent } from '../digest/plan.ts';
import type { Announcement } from '../digest/poster.ts';
import type { SlotTime } from '../digest/schedule.ts';
import type { Message } from './message.ts';
import { messages } from './messages.ts';
import { renderTalk, topicLabeller } from './talk.ts';
import { escapeText, LIMITS, truncate } from './text.ts';

/** What tells a channel's digest from a person's DM: its words, and what closes it. */
export interface DigestWording {
  readonly header: (theme: string) => string;
  /** `theme` is escaped mrkdwn. */
  readonly intro: (theme: string, talks: number) => string;
  readonly footer: string;
  readonly closing?: readonly KnownBlock[] | undefined;
}

/**
 * A digest: the theme of the week, each talk as everywhere else (title linked to the video,
 * speakers, the team's takeaway in the reader's language), and a line pointing to /kubecon.
 * About 15 blocks, far below Slack's 50.
 */
export function digestMessage(
  content: DigestContent,
  language: Language,
  catalogue: Pick<Catalogue, 'topicById'>,
  wording: DigestWording,
): Message {
  const theme = content.theme.label[language];
  const label = topicLabeller(catalogue, language);
  const blocks: KnownBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: truncate(wording.header(theme), LIMITS.header), emoji: true } },
    {
      type: 'section',
      text: { type: 'mrkdwn', text: truncate(wording.intro(escapeText(theme), content.talks.length), LIMITS.sectionText) },
    },
    ...content.talks.flatMap((talk): KnownBlock[] => [{ type: 'divider' }, ...renderTalk(talk, language, label)]),
    { type: 'divider' },
    // Escaped: `<anything>` would otherwise be read by Slack as a link, not shown as typed.
    { type: 'context', elements: [{ type: 'mrkdwn', text: escapeText(wording.footer) }] },
    ...(wording.closing ?? []),
  ];
  // The fallback is mrkdwn too: escaped, so a title can never ping a channel from a notification.
  const text = truncate(
    escapeText(`${wording.header(theme)}${messages(language).colon} ${content.talks.map((talk) => talk.title).join(' · ')}`),
    LIMITS.fallbackText,
  );
  return { text, blocks };
}

/** The digest a channel gets; no Share buttons, it is public. */
export function renderDigest(content: DigestContent, language: Language, catalogue: Pick<Catalogue, 'topicById'>): Message {
  return digestMessage(content, language, catalogue, messages(language).digest);
}

/** The digest as `/kubecon digest preview` shows it: the same message under a line saying when it is due. */
export function renderDigestPreview(
  content: DigestContent,
  language: Language,
  catalogue: Pick<Catalogue, 'topicById'>,
  note: string,
): Message {
  const digest = renderDigest(content, language, catalogue);
  return { text: `${note} ${digest.text}`, blocks: [{ type: 'context', elements: [{ type: 'mrkdwn', text: note }] }, ...digest.blocks] };
}

/** A slot in the schedule's own time zone, named beside it: a digest time is the same for every reader. */
export function formatSlot(at: Date, timezone: string, language: Language): string {
  const formatted = new Intl.DateTimeFormat(language === 'fr' ? 'fr-FR' : 'en-GB', {
    timeZone: timezone,
    dateStyle: 'full',
    timeStyle: 'short',
  }).format(at);
  return `${formatted} (${timezone})`;
}

/** When a channel's digests come, in words: "every Monday at 09:30 (Europe/Paris)", or the next one's date when the cron has no simple rhythm. */
function rhythm({ repeats, next }: Extract<Announcement, { kind: 'subscribed' }>, language: Language): string {
  const m = messages(language).digest;
  if (next === undefined || repeats === undefined) return m.nextOn(when(next, language));
  const locale = language === 'fr' ? 'fr-FR' : 'en-GB';
  const time = new Intl.DateTimeFormat(locale, { timeZone: next.timezone, timeStyle: 'short' }).format(next.at);
  if (repeats === 'daily') return m.everyDay(time, next.timezone);
  return m.everyWeek(new Intl.DateTimeFormat(locale, { timeZone: next.timezone, weekday: 'long' }).format(next.at), time, next.timezone);
}

/** The public line in the channel when someone subscribes or unsubscribes it: who, when digests come, how to undo it. */
export function renderAnnouncement(announcement: Announcement, language: Language): Message {
  const m = messages(language).digest;
  const by = `<@${announcement.by}>`;
  const text = announcement.kind === 'subscribed' ? m.announceSubscribed(by, rhythm(announcement, language)) : m.announceUnsubscribed(by);
  return notice(text);
}

/** A dash for a schedule that never comes round again. */
const when = (time: SlotTime | undefined, language: Language) => (time === undefined ? '—' : formatSlot(time.at, time.timezone, language));

/** A digest command's answer: one sentence, or lines of one. */
function notice(text: string): Message {
  return { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] };
}

/** The confirmation, and when the channel could not be told, a word saying so: the person who typed it is the only one who knows. */
const told = (confirmation: string, announced: boolean, language: Language) =>
  announced ? confirmation : `${confirmation} ${messages(language).digest.notAnnounced}`;

const CANNOT_POST = {
  'not-member': 'notInChannel',
  private: 'privateChannel',
  archived: 'archived',
  'missing-permission': 'missingPermission',
} as const;

/** What `/kubecon digest ...` answers, shown only to whoever typed it. */
export function renderDigestReply(reply: DigestReply, language: Language, catalogue: Pick<Catalogue, 'topicById'>): Message {
  const m = messages(language).digest;
  switch (reply.kind) {
    case 'not-in-direct-messages':
      return notice(m.notInDirectMessages);
    case 'configured':
      return notice(m.configured(when(reply.next, language)));
    case 'already-subscribed':
      return notice(m.alreadySubscribed(when(reply.next, language)));
    case 'cannot-post':
      return notice(m[CANNOT_POST[reply.access]]);
    case 'subscribed':
      return notice(told(m.subscribed(when(reply.next, language)), reply.announced, language));
    case 'cannot-unsubscribe-configured':
      return notice(m.cannotUnsubscribeConfigured);
    case 'not-subscribed':
      return notice(m.notSubscribed);
    case 'unsubscribed':
      return notice(told(m.unsubscribed, reply.announced, language));
    case 'status': {
      const next = when(reply.next, language);
      const lines = [
        reply.source === 'configured'
          ? m.configured(next)
          : reply.source
            ? `${m.subscribedBy(`<@${reply.source.by}>`)} ${m.nextDigest(next)}`
            : m.notSubscribed,
      ];
      if (reply.last) lines.push(m.lastDigest(when(reply.last, language)));
      if (reply.featured) lines.push(m.featured(reply.featured.seen, reply.featured.of, reply.featured.round));
      return notice(lines.join('\n'));
    }
    case 'preview': {
      // All of it in the language the channel will read it in.
      const inChannel = messages(reply.language).digest;
      const next = when(reply.next, reply.language);
      const note = reply.subscribed ? inChannel.preview(next) : inChannel.previewUnsubscribed(next);
      return renderDigestPreview(reply.digest, reply.language, catalogue, note);
    }
    case 'empty-catalogue':
      return notice(m.emptyCatalogue);
  }
}
