import type { KnownBlock } from '@slack/types';
import { renderAnswer } from '../blocks/answer.ts';
import type { Message } from '../blocks/message.ts';
import { messages } from '../blocks/messages.ts';
import type { Bot } from '../bot/answer.ts';
import { type Command, type DigestAction, MAX_QUESTION, parseCommand } from '../bot/command.ts';
import type { Language } from '../catalogue/schema.ts';
import type { DigestCommands } from '../digest/commands.ts';

/** Who asked, where, and how to answer. */
export interface Asker {
  readonly teamId: string;
  readonly channelId: string;
  readonly userId: string;
  readonly language: Language;
}

export interface ReplyDependencies {
  readonly bot: Bot;
  readonly digest?: DigestCommands | undefined;
}

/** One command's answer as Block Kit, with the same builders the console uses. */
export function renderCommand(
  bot: Bot,
  command: Command,
  commandText: string,
  page: number,
  { language, ephemeral }: { language: Language; ephemeral: boolean },
): Message {
  return renderAnswer(bot.answer(command, commandText, page), { language, catalogue: bot.catalogue, ephemeral });
}

/** The answer to what a user typed after `/kubecon`, in a mention or in a direct message. */
export async function replyTo(
  deps: ReplyDependencies,
  typed: string,
  asker: Asker,
  { ephemeral }: { ephemeral: boolean },
): Promise<Message> {
  const tooLong = typed.length > MAX_QUESTION;
  const text = tooLong ? typed.slice(0, MAX_QUESTION) : typed;
  const command = parseCommand(text);
  const message =
    command.kind === 'digest'
      ? await digestReply(deps.digest, command.action, asker)
      : renderCommand(deps.bot, command, text, 0, { language: asker.language, ephemeral });
  if (!tooLong) return message;
  const note: KnownBlock = { type: 'context', elements: [{ type: 'mrkdwn', text: messages(asker.language).tooLong(MAX_QUESTION) }] };
  return { text: message.text, blocks: [note, ...message.blocks] };
}

function digestReply(digest: DigestCommands | undefined, action: DigestAction, asker: Asker): Promise<Message> {
  if (digest === undefined) return Promise.resolve(sentence(messages(asker.language).digestDisabled));
  const request = { teamId: asker.teamId, channelId: asker.channelId, userId: asker.userId, language: asker.language };
  return digest[action](request);
}

/** The apology a user sees when Slack failed us mid-answer. */
export function apology(language: Language): Message {
  return sentence(messages(language).apology);
}

function sentence(text: string): Message {
  return { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] };
}
