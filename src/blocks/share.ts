import type { Catalogue, Talk } from '../catalogue/model.ts';
import type { Language } from '../catalogue/vocabulary.ts';
import type { Message } from './message.ts';
import { messages } from './messages.ts';
import { editionLabel, renderTalk, topicLabeller } from './talk.ts';
import { escapeText, LIMITS, truncate } from './text.ts';

export interface ShareContext {
  readonly language: Language;
  readonly catalogue: Pick<Catalogue, 'topicById'>;
  /** The Slack user id of whoever pressed "Share". */
  readonly userId: string;
}

/** One talk posted publicly from an ephemeral preview, opening with who shared it, then the whole talk. */
export function renderSharedTalk(talk: Talk, { language, catalogue, userId }: ShareContext): Message {
  const opening = messages(language).sharedTalkFrom(`<@${userId}>`, escapeText(editionLabel(talk)));
  return {
    text: truncate(`${opening}: ${escapeText(talk.title)}`, LIMITS.fallbackText),
    blocks: [
      { type: 'context', elements: [{ type: 'mrkdwn', text: opening }] },
      ...renderTalk(talk, language, topicLabeller(catalogue, language)),
    ],
  };
}
