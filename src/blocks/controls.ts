import type { ActionsBlock, Button, PlainTextElement, PlainTextOption, StaticSelect } from '@slack/types';
import type { Topic } from '../catalogue/model.ts';
import type { Language } from '../catalogue/vocabulary.ts';
import { ACTIONS, encodeRating, type RatingValue } from './ids.ts';
import { messages } from './messages.ts';
import { LIMITS, truncate } from './text.ts';

/** Slack's limits on a static select (Block Kit reference): past any one, Slack refuses the whole message. */
export const SELECT = { options: 100, groups: 100, optionText: 75, optionValue: 150 } as const;

/** One option of a menu, cut to Slack's limits. */
export function menuOption(label: string, value: string): PlainTextOption {
  return { text: { type: 'plain_text', text: truncate(label, SELECT.optionText), emoji: true }, value: value.slice(0, SELECT.optionValue) };
}

const plainText = (text: string): PlainTextElement => ({ type: 'plain_text', text: truncate(text, LIMITS.buttonText), emoji: true });

/** "Dismiss": the listener deletes the ephemeral answer it sits under. */
export function dismissButton(language: Language): Button {
  return { type: 'button', action_id: ACTIONS.dismiss, text: plainText(messages(language).dismiss), value: 'dismiss' };
}

/** 👍 and 👎: whoever sees an answer may say whether it helped; only counts are kept (src/feedback/). */
export function ratingButtons(rating: RatingValue): Button[] {
  const value = encodeRating(rating);
  return [
    { type: 'button', action_id: ACTIONS.rateUp, text: plainText('👍'), value },
    { type: 'button', action_id: ACTIONS.rateDown, text: plainText('👎'), value },
  ];
}

/** The row that closes an ephemeral answer; `before` goes on its left (a menu, say), so the answer ends in one row. */
export function controlsRow(language: Language, before: readonly (StaticSelect | Button)[] = []): ActionsBlock {
  return { type: 'actions', block_id: 'controls', elements: [...before, dismissButton(language)] };
}

/** A topic with its number of talks, as the menu lists it: "Security (7)". */
export function topicChoice(topic: Topic, count: number, language: Language): { label: string; value: string } {
  return { label: `${topic.label[language]} (${count})`, value: topic.id };
}

/**
 * Topics in one menu rather than a wall of buttons. Beyond Slack's 100 options a menu has
 * to group them, in numbered groups of 100 (and at most 100 groups). Undefined for no topic:
 * Slack refuses an empty menu.
 */
export function topicMenu(items: readonly { label: string; value: string }[], language: Language): StaticSelect | undefined {
  if (items.length === 0) return undefined;
  const options = items.map((item) => menuOption(item.label, item.value));
  const menu = { type: 'static_select', action_id: ACTIONS.pickTopic, placeholder: plainText(messages(language).pickTopic) } as const;
  if (options.length <= SELECT.options) return { ...menu, options };
  const groups = [];
  for (let start = 0; start < options.length && groups.length < SELECT.groups; start += SELECT.options) {
    const group = options.slice(start, start + SELECT.options);
    groups.push({ label: plainText(`${start + 1}–${start + group.length}`), options: group });
  }
  return { ...menu, option_groups: groups };
}
