import type { ActionsBlock, KnownBlock } from '@slack/types';
import type { Catalogue, Talk } from '../catalogue/model.ts';
import type { Language } from '../catalogue/schema.ts';
import { ACTIONS } from './ids.ts';
import { messages } from './messages.ts';
import { escapeText, LIMITS, link, truncate } from './text.ts';

const TAKEAWAY_MAX = 1200;

export function topicLabeller(catalogue: Pick<Catalogue, 'topicById'>, language: Language): (id: string) => string {
  return (id) => catalogue.topicById.get(id)?.label[language] ?? id;
}

export interface TalkOptions {
  /** Adds the "Share in channel" button (ephemeral previews only). */
  readonly shareable?: boolean;
  /** A Slack mention (`<@U123>`) of whoever shared the talk publicly. */
  readonly sharedBy?: string;
}

export function speakersLine(talk: Talk, language: Language): string {
  if (talk.speakers.length === 0) return messages(language).speakersUnknown;
  return talk.speakers.map((s) => (s.company ? `${s.name} (${s.company})` : s.name)).join(', ');
}

export function editionLabel(talk: Talk): string {
  return `KubeCon EU ${talk.edition.year} · ${talk.edition.city}`;
}

export function topicLabels(talk: Talk, topicLabel: (id: string) => string): string {
  return talk.topics.map(topicLabel).join(' · ');
}

/** One talk: title linked to its video (or the article), who and where, the team's takeaway and stance, the source. */
export function renderTalk(talk: Talk, language: Language, topicLabel: (id: string) => string, options: TalkOptions = {}): KnownBlock[] {
  const m = messages(language);
  const titleUrl = talk.video ?? talk.sectionUrl;
  const heading = `*${link(titleUrl, talk.title)}*\n${escapeText(speakersLine(talk, language))} · ${escapeText(editionLabel(talk))}`;
  const stance = talk.stance ? `\n_${m.stanceLabel}: ${escapeText(m.stance[talk.stance])}_` : '';
  const takeaway = `*${m.takeaway}:* ${escapeText(truncate(talk.takeaway[language], TAKEAWAY_MAX))}${stance}`;

  const blocks: KnownBlock[] = [
    {
      type: 'section',
      text: { type: 'mrkdwn', text: truncate(heading, LIMITS.sectionText) },
      // Watch where there is a video; otherwise the team's write-up is the best there is.
      accessory: {
        type: 'button',
        action_id: talk.video ? ACTIONS.watchVideo : ACTIONS.openArticle,
        text: { type: 'plain_text', text: talk.video ? m.watch : m.readArticle, emoji: true },
        url: titleUrl,
        value: talk.id,
      },
    },
    { type: 'section', text: { type: 'mrkdwn', text: truncate(takeaway, LIMITS.sectionText) } },
    {
      type: 'context',
      elements: [
        { type: 'mrkdwn', text: `🏷 ${escapeText(topicLabels(talk, topicLabel))}` },
        { type: 'mrkdwn', text: `📝 ${link(talk.sectionUrl, `${talk.article.title} › ${talk.section}`)}` },
        ...(options.sharedBy ? [{ type: 'mrkdwn' as const, text: m.sharedBy(options.sharedBy) }] : []),
      ],
    },
  ];
  if (options.shareable) {
    const actions: ActionsBlock = {
      type: 'actions',
      block_id: `talk:${talk.id}`,
      elements: [
        {
          type: 'button',
          action_id: ACTIONS.shareTalk,
          text: { type: 'plain_text', text: m.share },
          value: talk.id,
        },
      ],
    };
    blocks.push(actions);
  }
  return blocks;
}
