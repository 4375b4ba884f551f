import type { Catalogue, Talk } from '../catalogue/model.ts';
import type { Language } from '../catalogue/schema.ts';
import type { Message } from './message.ts';
import { messages } from './messages.ts';
import { renderTalk, topicLabeller } from './talk.ts';
import { escapeText, LIMITS, truncate } from './text.ts';

export interface ShareContext {
  readonly language: Language;
  readonly catalogue: Pick<Catalogue, 'topicById'>;
  /** The Slack user id of whoever pressed "Share in channel". */
  readonly userId: string;
}

/** One talk posted publicly from an ephemeral preview, attributed to the user who shared it. */
export function renderSharedTalk(talk: Talk, { language, catalogue, userId }: ShareContext): Message {
  const sharedBy = `<@${userId}>`;
  return {
    text: truncate(`${escapeText(talk.title)} · ${messages(language).sharedBy(sharedBy)}`, LIMITS.fallbackText),
    blocks: renderTalk(talk, language, topicLabeller(catalogue, language), { sharedBy }),
  };
}
