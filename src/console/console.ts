import { createInterface } from 'node:readline';
import { renderAnswer } from '../blocks/answer.ts';
import { messages } from '../blocks/messages.ts';
import type { Answer, Bot } from '../bot/answer.ts';
import { type Command, MAX_QUESTION, parseCommand } from '../bot/command.ts';
import type { Language } from '../catalogue/schema.ts';
import { renderMessageAsText } from './render-text.ts';

export interface ConsoleOptions {
  readonly bot: Bot;
  readonly language: Language;
  readonly input: NodeJS.ReadableStream;
  readonly output: NodeJS.WritableStream;
  /** Show a prompt: only when a person types, not when a pipe feeds us. */
  readonly interactive: boolean;
}

const MORE = new Set(['more', 'plus', 'suite', 'next']);

/**
 * The bot without Slack, like Hubot's shell adapter: one line in, the answer Slack would
 * give out, rendered as text by the same builders. "more" pages through the last list,
 * standing in for the "More results" button.
 */
export async function runConsole({ bot, language, input, output, interactive }: ConsoleOptions): Promise<void> {
  const m = messages(language);
  output.write(`${m.console.banner}\n${m.console.connect}\n`);
  const lines = createInterface({ input, terminal: false });
  let last: { command: Command; text: string; answer: Answer } | undefined;
  const prompt = () => {
    if (interactive) output.write(m.console.prompt);
  };
  prompt();
  for await (const line of lines) {
    // Cut where Slack's doors cut: the same answer, and a pasted page cannot make the search throw.
    const typed = line.trim();
    const text = typed.slice(0, MAX_QUESTION);
    if (typed.length > MAX_QUESTION) output.write(`${m.tooLong(MAX_QUESTION)}\n`);
    let answer: Answer;
    if (MORE.has(text.toLowerCase()) && last?.answer.kind === 'talks' && last.answer.hasMore) {
      answer = bot.answer(last.command, last.text, last.answer.page + 1);
      last = { ...last, answer };
    } else {
      const command = parseCommand(text);
      answer = bot.answer(command, text);
      last = { command, text, answer };
    }
    output.write(renderMessageAsText(renderAnswer(answer, { language, catalogue: bot.catalogue, ephemeral: false })));
    if (answer.kind === 'talks' && answer.hasMore)
      output.write(language === 'fr' ? '(tapez « plus » pour la suite)\n' : '(type "more" for more results)\n');
    prompt();
  }
}
