import type { KnownBlock } from '@slack/types';
import type { Catalogue, Edition, Talk } from '../catalogue/model.ts';
import type { Language } from '../catalogue/vocabulary.ts';
import { sourceLabel } from './article.ts';
import { ACTIONS } from './ids.ts';
import { messages } from './messages.ts';
import { escapeText, LIMITS, link, truncate } from './text.ts';

const TAKEAWAY_MAX = 1200;

export function topicLabeller(catalogue: Pick<Catalogue, 'topicById'>, language: Language): (id: string) => string {
  return (id) => catalogue.topicById.get(id)?.label[language] ?? id;
}

export function speakersLine(talk: Talk, language: Language): string {
  if (talk.speakers.length === 0) return messages(language).speakersUnknown;
  return talk.speakers.map((s) => (s.company ? `${s.name} (${s.company})` : s.name)).join(', ');
}

/** How an edition is named wherever one is shown: "KubeCon EU 2024 · Paris", "KCD France 2023 · Paris". */
export function editionName(edition: Pick<Edition, 'event' | 'year' | 'city'>): string {
  return `${edition.event} ${edition.year} · ${edition.city}`;
}

export function editionLabel(talk: Talk): string {
  return editionName(talk.edition);
}

export function topicLabels(talk: Talk, topicLabel: (id: string) => string): string {
  return talk.topics.map(topicLabel).join(' · ');
}

/** About two sentences: enough to tell whether a talk is worth a click, short enough for three to fit a screen. */
const SHORT_TAKEAWAY = 220;

/** The first sentences of a takeaway that fit in SHORT_TAKEAWAY, or its first words with an ellipsis. */
export function shortTakeaway(takeaway: string): string {
  // A stop ends a sentence only before a space or the end: "Kubernetes 1.23" is one word.
  const sentences = takeaway.match(/(?:[^.!?]|[.!?](?!\s|$))+(?:[.!?]+(?=\s|$)|$)/g) ?? [takeaway];
  let short = '';
  for (const sentence of sentences) {
    if ((short + sentence).trim().length > SHORT_TAKEAWAY) break;
    short += sentence;
  }
  if (short.trim()) return short.trim();
  const cut = takeaway.slice(0, SHORT_TAKEAWAY);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), SHORT_TAKEAWAY / 2)).trimEnd()}…`;
}

export interface ListedTalkOptions {
  /** The value of its Share button (ephemeral lists only); none once shared, or in a public list. */
  readonly shareValue?: string | undefined;
  readonly shared?: boolean;
}

/**
 * One talk of a list, in one section: the title linked to its video (or the write-up), a line
 * with who, where, a ▶ when there is a recording and the write-up's link, then the takeaway
 * cut to two sentences with the stance. Share is its accessory; the shared message has it all.
 */
export function renderListedTalk(talk: Talk, language: Language, options: ListedTalkOptions = {}): KnownBlock {
  const m = messages(language);
  const parts = [escapeText(speakersLine(talk, language)), escapeText(editionLabel(talk)), link(talk.sectionUrl, m.writeUp)];
  const line = `${talk.video ? '▶ ' : ''}${[...parts, ...(options.shared ? [m.sharedMark] : [])].join(' · ')}`;
  const stance = talk.stance ? ` _${escapeText(m.stance[talk.stance])}_` : '';
  const text = `*${link(talk.video ?? talk.sectionUrl, talk.title)}*\n${line}\n${escapeText(shortTakeaway(talk.takeaway[language]))}${stance}`;
  return {
    type: 'section',
    block_id: `talk:${talk.id}`,
    text: { type: 'mrkdwn', text: truncate(text, LIMITS.sectionText) },
    ...(options.shareValue === undefined
      ? {}
      : {
          accessory: {
            type: 'button',
            action_id: ACTIONS.shareTalk,
            text: { type: 'plain_text', text: m.share, emoji: true },
            value: options.shareValue,
          },
        }),
  };
}

/** One talk: title linked to its video (or the article), who and where, the team's takeaway and stance, the source. */
export function renderTalk(talk: Talk, language: Language, topicLabel: (id: string) => string): KnownBlock[] {
  const m = messages(language);
  const titleUrl = talk.video ?? talk.sectionUrl;
  const heading = `*${link(titleUrl, talk.title)}*\n${escapeText(speakersLine(talk, language))} · ${escapeText(editionLabel(talk))}`;
  const stance = talk.stance ? `\n_${m.stanceLabel}${m.colon} ${escapeText(m.stance[talk.stance])}_` : '';
  const takeaway = `*${m.takeaway}${m.colon}* ${escapeText(truncate(talk.takeaway[language], TAKEAWAY_MAX))}${stance}`;
  // The write-up first, then any later article that tells what the team did with the talk's advice.
  const sources = [talk, ...(talk.alsoCitedIn ?? [])].map((source) =>
    link(source.sectionUrl, sourceLabel(source.article, source.section, language)),
  );

  return [
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
        { type: 'mrkdwn', text: `📝 ${sources.join(' · ')}` },
      ],
    },
  ];
}
