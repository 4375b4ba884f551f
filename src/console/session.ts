import { renderAnswer } from '../blocks/answer.ts';
import { ACTIONS, type ActionId, decodeMore, decodeShare } from '../blocks/ids.ts';
import type { Message } from '../blocks/message.ts';
import { messages } from '../blocks/messages.ts';
import { renderSharedTalk } from '../blocks/share.ts';
import type { Answer, Bot } from '../bot/answer.ts';
import { type Command, MAX_QUESTION, parseCommand } from '../bot/command.ts';
import type { Language } from '../catalogue/vocabulary.ts';
import { type Choice, paint, renderMessage, type TextStyle } from './render-text.ts';
import { consoleWords } from './words.ts';

export interface SessionOptions {
  readonly bot: Bot;
  readonly language: Language;
  readonly style: TextStyle;
}

/** One person at the console: what they typed in, what Slack would have shown them out. */
export interface Session {
  /** The text to print for one line typed; empty for an empty line. */
  respond(line: string): string;
}

type TalkList = Extract<Answer, { kind: 'talks' }>;

const MORE = new Set(['m', 'more', 'plus', 'suite', 'next']);
/** Help and the banner say to type `/kubecon …`, and a mention starts with the bot's name: both are read past. */
const DOOR = /^(?:\/kubecon|@kubecon)(?:\s+|$)/i;
/** A button number, never a year or an edition: those have four digits. */
const BUTTON_NUMBER = /^\d{1,2}$/;
/** Shared talks open with who shared them; at the console, that is whoever types. */
const CONSOLE_USER = 'you';

/** What pressing a button or picking a menu option with this value prints. */
type Press = (value: string) => string;

const RATINGS: readonly string[] = [ACTIONS.rateUp, ACTIONS.rateDown];

/** The answer without 👍 and 👎: the console keeps no figures for anyone to read. */
function withoutRatings(message: Message): Message {
  const blocks = message.blocks.map((block) =>
    block.type === 'actions'
      ? { ...block, elements: block.elements.filter((element) => !RATINGS.includes((element as { action_id?: string }).action_id ?? '')) }
      : block,
  );
  return { ...message, blocks };
}

export function createSession({ bot, language, style }: SessionOptions): Session {
  const m = messages(language);
  const words = consoleWords(language);
  const note = (text: string) => `${paint(text, 'dim', style)}\n`;
  /** The buttons of the last answer that had any: typing `n` presses the n-th. */
  let choices: readonly Choice[] = [];
  /** The last answer shown, whose buttons `choices` are. */
  let shown: Answer | undefined;
  /** The last list of talks, which `more` pages through. */
  let list: TalkList | undefined;
  let shownHowToPress = false;

  function show(answer: Answer): string {
    const rendered = renderMessage(withoutRatings(renderAnswer(answer, { language, catalogue: bot.catalogue, ephemeral: true })), style);
    choices = rendered.choices;
    shown = answer;
    if (answer.kind === 'talks') list = answer;
    if (choices.length === 0 || shownHowToPress) return rendered.text;
    shownHowToPress = true;
    return `${rendered.text}${note(words.howToPress)}`;
  }

  /** A message that sits beside the answer, as a shared talk does in the channel: the answer's buttons stay usable. */
  function print(message: Message): string {
    return renderMessage(message, style).text;
  }

  const ask = (command: Command, commandText: string, page = 0) => show(bot.answer(command, commandText, page));

  function more(): string {
    if (list === undefined) return note(words.nothingToPage);
    if (!list.hasMore) return note(m.thatWasAll(list.total));
    return ask(parseCommand(list.commandText), list.commandText, list.page + 1);
  }

  const showTopic: Press = (topic) => ask({ kind: 'topic', name: topic }, `topic ${topic}`);
  // The console's side of each button: what its Slack listener asks the bot core, printed instead
  // of posted. Every action id needs an entry, so a new button cannot be forgotten here.
  const presses: Record<ActionId, Press | undefined> = {
    [ACTIONS.shareTalk]: (value) => {
      const talk = bot.catalogue.talkById.get(decodeShare(value).talk);
      return talk === undefined
        ? note(words.onlyInSlack)
        : print(renderSharedTalk(talk, { language, catalogue: bot.catalogue, userId: CONSOLE_USER }));
    },
    [ACTIONS.moreResults]: (value) => {
      const page = decodeMore(value);
      return page === undefined ? note(words.onlyInSlack) : ask(parseCommand(page.command), page.command, page.page);
    },
    [ACTIONS.dismiss]: () => {
      // Slack deletes the answer, and its buttons with it; a list above it stays.
      if (shown === list) list = undefined;
      choices = [];
      return note(words.dismissed);
    },
    [ACTIONS.showTopic]: showTopic,
    [ACTIONS.pickTopic]: showTopic,
    [ACTIONS.showEdition]: (year) => ask({ kind: 'edition', year }, `edition ${year}`),
    [ACTIONS.randomTalk]: () => ask({ kind: 'random' }, 'random'),
    // URL buttons are printed as their URL, never numbered: there is nothing to press.
    [ACTIONS.watchVideo]: undefined,
    [ACTIONS.openArticle]: undefined,
    // Not drawn in the console (withoutRatings): ratings are counted in a Slack workspace's store.
    [ACTIONS.rateUp]: undefined,
    [ACTIONS.rateDown]: undefined,
    // Only in a person's DM and Home tab, which the console has not.
    [ACTIONS.snoozeDigest]: undefined,
    [ACTIONS.resumeDigest]: undefined,
    [ACTIONS.stopDigest]: undefined,
    [ACTIONS.followTopics]: undefined,
  };

  function press(number: number): string {
    const choice = choices[number - 1];
    if (choice === undefined) return note(words.noSuchButton(number, choices.length));
    // Rows of buttons suffix their action id with the value (`show_topic:security`), as Slack wants ids unique per block.
    const action = choice.actionId.split(':')[0] as ActionId;
    return (presses[action] ?? (() => note(words.onlyInSlack)))(choice.value);
  }

  return {
    respond(line) {
      const typed = line.trim();
      if (typed === '') return '';
      const asked = typed.replace(DOOR, '');
      // Cut where Slack's doors cut: the same answer, and a pasted page cannot make the search throw.
      const text = asked.slice(0, MAX_QUESTION);
      const cut = asked.length > MAX_QUESTION ? `${m.tooLong(MAX_QUESTION)}\n` : '';
      if (BUTTON_NUMBER.test(text)) return press(Number(text));
      if (MORE.has(text.toLowerCase())) return more();
      return `${cut}${ask(parseCommand(text), text)}`;
    },
  };
}
