import type { KnownBlock } from '@slack/types';
import type { Catalogue } from '../catalogue/model.ts';
import type { Language } from '../catalogue/schema.ts';
import type { DigestContent } from '../digest/plan.ts';
import type { Message } from './message.ts';
import { messages } from './messages.ts';
import { renderTalk, topicLabeller } from './talk.ts';
import { escapeText, LIMITS, truncate } from './text.ts';

/**
 * The digest a channel gets: the theme of the week, each talk as everywhere else (title
 * linked to the video, speakers, the team's takeaway in the channel's language), and a line
 * pointing to /kubecon. About 15 blocks, far below Slack's 50; no Share buttons, it is public.
 */
export function renderDigest(content: DigestContent, language: Language, catalogue: Pick<Catalogue, 'topicById'>): Message {
  const m = messages(language).digest;
  const theme = content.theme.label[language];
  const label = topicLabeller(catalogue, language);
  const blocks: KnownBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: truncate(m.header(theme), LIMITS.header), emoji: true } },
    { type: 'section', text: { type: 'mrkdwn', text: truncate(m.intro(escapeText(theme), content.talks.length), LIMITS.sectionText) } },
    ...content.talks.flatMap((talk): KnownBlock[] => [{ type: 'divider' }, ...renderTalk(talk, language, label)]),
    { type: 'divider' },
    // Escaped: `<anything>` would otherwise be read by Slack as a link, not shown as typed.
    { type: 'context', elements: [{ type: 'mrkdwn', text: escapeText(m.footer) }] },
  ];
  // The fallback is mrkdwn too: escaped, so a title can never ping a channel from a notification.
  const text = truncate(escapeText(`${m.header(theme)}: ${content.talks.map((talk) => talk.title).join(' · ')}`), LIMITS.fallbackText);
  return { text, blocks };
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

/** A digest command's answer: one sentence. */
export function renderDigestNotice(text: string): Message {
  return { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] };
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
