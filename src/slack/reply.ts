import type { KnownBlock } from '@slack/types';
import { renderAnswer } from '../blocks/answer.ts';
import type { ShareThread } from '../blocks/ids.ts';
import type { Message } from '../blocks/message.ts';
import { messages } from '../blocks/messages.ts';
import type { Answer, Asker, Bot } from '../bot/answer.ts';
import { type Command, MAX_QUESTION, parseCommand } from '../bot/command.ts';
import type { Language } from '../catalogue/vocabulary.ts';
import type { Feedback } from '../feedback/feedback.ts';

export interface ReplyDependencies {
  readonly bot: Bot;
  readonly feedback?: Feedback | undefined;
}

/** One command's answer as Block Kit, with the same builders the console uses. */
export function renderCommand(
  bot: Bot,
  command: Command,
  commandText: string,
  page: number,
  {
    language,
    ephemeral,
    shared,
    thread,
  }: { language: Language; ephemeral: boolean; shared?: readonly string[]; thread?: ShareThread | undefined },
): Message {
  return renderAnswer(bot.answer(command, commandText, page), { language, catalogue: bot.catalogue, ephemeral, shared, thread });
}

/** The answer to what a user typed after `/kubecon`, in a mention or in a direct message. */
/**
 * A search that found nothing, noted for the maintainers when SEARCH_GAPS is on: never in
 * the way of the answer, which is sent whether the store takes it or not.
 */
export function noteGap(feedback: Feedback | undefined, answer: Answer): void {
  if (answer.kind !== 'no-results' || answer.unknownTopic !== undefined || answer.unknownEdition !== undefined) return;
  feedback?.noteGap(answer.query).catch(() => undefined);
}

export async function replyTo(
  { bot, feedback }: ReplyDependencies,
  typed: string,
  asker: Asker,
  { ephemeral }: { ephemeral: boolean },
): Promise<Message> {
  const tooLong = typed.length > MAX_QUESTION;
  const text = tooLong ? typed.slice(0, MAX_QUESTION) : typed;
  const answer = await bot.reply(parseCommand(text), text, asker);
  noteGap(feedback, answer);
  const message = renderAnswer(answer, { language: asker.language, catalogue: bot.catalogue, ephemeral });
  if (!tooLong) return message;
  const note: KnownBlock = { type: 'context', elements: [{ type: 'mrkdwn', text: messages(asker.language).tooLong(MAX_QUESTION) }] };
  return { text: message.text, blocks: [note, ...message.blocks] };
}

/** The apology a user sees when Slack failed us mid-answer. */
export function apology(language: Language): Message {
  const text = messages(language).apology;
  return { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] };
}
