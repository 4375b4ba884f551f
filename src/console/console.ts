import { createInterface } from 'node:readline';
import { messages } from '../blocks/messages.ts';
import type { Bot } from '../bot/answer.ts';
import type { Language } from '../catalogue/vocabulary.ts';
import { createSession } from './session.ts';

export interface ConsoleOptions {
  readonly bot: Bot;
  readonly language: Language;
  readonly input: NodeJS.ReadableStream;
  readonly output: NodeJS.WritableStream;
  /** Show a prompt: only when a person types, not when a pipe feeds us. */
  readonly interactive: boolean;
}

/** A session's history: enough to scroll back through an afternoon of questions. */
const HISTORY_SIZE = 1000;

function isTerminal(stream: NodeJS.ReadableStream | NodeJS.WritableStream): boolean {
  return (stream as { isTTY?: boolean }).isTTY === true;
}

/**
 * The bot without Slack, like Hubot's shell adapter: one line in, the answer Slack would
 * give out, rendered as text by the same builders, with its buttons numbered to be pressed.
 * At a terminal, readline edits the line and keeps the session's history on the arrow keys.
 */
export async function runConsole({ bot, language, input, output, interactive }: ConsoleOptions): Promise<void> {
  const m = messages(language);
  const colours = isTerminal(output);
  // A terminal that does not tell its size says 0 columns: wrapping at 0 would put each button on its own line.
  const width = (output as { columns?: number }).columns || undefined;
  const session = createSession({ bot, language, style: { ansi: colours, width } });
  output.write(`${m.console.banner}\n${m.console.connect}\n`);
  // Line editing needs a terminal on both sides: its escape codes would be garbage in a file.
  const terminal = interactive && isTerminal(input) && colours;
  const lines = createInterface({
    input,
    ...(terminal ? { output, terminal, historySize: HISTORY_SIZE, removeHistoryDuplicates: true } : { terminal }),
    prompt: m.console.prompt,
  });
  // Ctrl-C and Ctrl-D close readline; lines typed ahead still get their answers, but no prompt after.
  let closed = false;
  lines.once('close', () => {
    closed = true;
  });
  const prompt = () => {
    if (!interactive) return;
    if (!terminal) output.write(m.console.prompt);
    else if (!closed) lines.prompt();
  };
  prompt();
  for await (const line of lines) {
    output.write(session.respond(line));
    prompt();
  }
}
