import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { messages } from '../../src/blocks/messages.ts';
import { editionLabel } from '../../src/blocks/talk.ts';
import { type Bot, createBot } from '../../src/bot/answer.ts';
import { parseCommand } from '../../src/bot/command.ts';
import { loadCatalogue } from '../../src/catalogue/load.ts';
import { PROJECT_ROOT } from '../../src/config.ts';
import { runConsole } from '../../src/console/console.ts';
import { createSearcher } from '../../src/search/searcher.ts';
import { NODE_ARGS } from '../cli/child-process.ts';

const run = promisify(execFile);

let bot: Bot;

beforeAll(async () => {
  const catalogue = await loadCatalogue(path.join(PROJECT_ROOT, 'data'));
  bot = createBot({ catalogue, searcher: createSearcher(catalogue), random: () => 0 });
});

/** What the console prints for these lines from a pipe, up to the end of its input. */
async function converse(lines: string[], language: 'en' | 'fr' = 'en'): Promise<string> {
  const input = new PassThrough();
  const output = new PassThrough();
  let text = '';
  output.on('data', (chunk: Buffer) => (text += chunk.toString()));
  const done = runConsole({ bot, language, input, output, interactive: false });
  input.end(lines.map((l) => `${l}\n`).join(''));
  await done;
  return text;
}

/** The number printed before the last button with this label, as a person would read it off the screen. */
function numberOf(printed: string, label: string): string {
  const numbers = [...printed.matchAll(/\[(\d+)\] ([^[\n]+?)(?= {2}\[|\n)/g)].filter(([, , text]) => text === label);
  expect(numbers.length, `a button "${label}"`).toBeGreaterThan(0);
  return numbers.at(-1)![1]!;
}

const en = messages('en');

describe('local console', () => {
  it('says what it is and how to connect to Slack first', async () => {
    const text = await converse([]);
    const [first, second] = text.split('\n');
    expect(first).toMatch(/local console/);
    expect(second).toMatch(/SLACK_BOT_TOKEN/);
  });

  it('answers a query with talks, their videos and the team’s view', async () => {
    const text = await converse(['kubernetes']);
    expect(text).toMatch(/== Talks for “kubernetes” ==/);
    expect(text).toMatch(/https:\/\/www\.youtube\.com\/watch\?v=/);
    expect(text).toMatch(/Showing 1–3 of/);
  });

  it('reads `/kubecon help` and `help` alike, and `/kubecon` alone as help', async () => {
    const [slash, plain, bare] = await Promise.all([converse(['/kubecon help']), converse(['help']), converse(['/kubecon'])]);
    expect(plain).toContain(`== ${en.help.header} ==`);
    expect(slash).toBe(plain);
    expect(bare).toBe(plain);
    expect(await converse(['/kubecon topic security'])).toMatch(/== Talks on Security ==/);
  });

  it('numbers the buttons, and a number presses one: the first Share prints the talk as the channel would see it', async () => {
    const list = await converse(['kubernetes']);
    expect(list).toMatch(/^\[1\] Share$/m);
    const first = bot.answer(parseCommand('kubernetes'), 'kubernetes');
    if (first.kind !== 'talks') throw new Error('expected talks');
    const shared = (await converse(['kubernetes', '1'])).slice(list.length);
    expect(shared).toContain(en.sharedTalkFrom('@you', editionLabel(first.talks[0]!)));
    expect(shared).toContain(first.talks[0]!.title);
    expect(shared).toContain(`${en.takeaway}:`);
  });

  it('pages with the More button’s number, with `m` and with `more`, and says when that was all', async () => {
    const answer = bot.answer(parseCommand('edition 2024'), 'edition 2024');
    if (answer.kind !== 'talks') throw new Error('expected talks');
    const pages = Math.ceil(answer.total / 3);
    expect(pages).toBeGreaterThanOrEqual(3);
    const more = numberOf(await converse(['edition 2024']), en.more);
    const text = await converse(['edition 2024', more, ...Array<string>(pages - 2).fill('m'), 'more', 'M']);
    expect(text).toMatch(/Showing 4–6 of/);
    expect(text).toContain(`Showing ${(pages - 1) * 3 + 1}–${answer.total} of ${answer.total}`);
    // After the last page, each `more` says so instead of searching for the word.
    expect(text.split(en.thatWasAll(answer.total)).length - 1).toBeGreaterThanOrEqual(3);
    expect(text).not.toMatch(/Talks for “more”/i);
  });

  it('says there is nothing to page before any list, and that a button number is not there', async () => {
    const text = await converse(['more', 'help', '3']);
    expect(text).toContain('There is no list to page through yet');
    expect(text).toContain('There is no button 3');
    // A year is a search, never a button.
    expect(await converse(['kubernetes', '2024'])).toMatch(/Talks for “2024”/);
  });

  it('picks a topic from the topics list by its number, and Dismiss drops the answer and its buttons', async () => {
    const topics = await converse(['topics']);
    const security = topics.match(/\[(\d+)\] Security \(\d+\)/)?.[1];
    expect(security).toBeDefined();
    expect(await converse(['topics', security!])).toMatch(/== Talks on Security ==/);

    const dismiss = numberOf(await converse(['kubernetes']), en.dismiss);
    const dismissed = await converse(['kubernetes', dismiss, 'm', '1']);
    expect(dismissed).toContain('(dismissed)');
    expect(dismissed).toContain('There is no list to page through yet');
    expect(dismissed).toContain('There is no button 1: the last answer has none.');
    // Dismissing another answer leaves the list above it to page through.
    const helpDismiss = numberOf(await converse(['kubernetes', 'help']), en.dismiss);
    expect(await converse(['kubernetes', 'help', helpDismiss, 'm'])).toMatch(/Showing 4–6 of/);
  });

  it('presses Another one under a random talk', async () => {
    const first = await converse(['random']);
    const again = await converse(['random', numberOf(first, en.anotherOne)]);
    expect(again.split('== A talk picked at random ==').length - 1).toBe(2);
  });

  it('shows each URL once per talk, none lost when talks share an article section', async () => {
    const catalogue = bot.catalogue;
    // Every talk of every edition, all pages: some share a section, some have no video (title and write-up, one URL).
    const lines = catalogue.editions.flatMap((edition) => [
      `edition ${edition.year}`,
      ...Array<string>(Math.ceil(catalogue.talks.filter((t) => t.edition === edition).length / 3) - 1).fill('m'),
    ]);
    expect(new Set(catalogue.talks.map((t) => t.sectionUrl)).size).toBeLessThan(catalogue.talks.length);
    expect(catalogue.talks.some((t) => t.video === null)).toBe(true);
    const paragraphs = (await converse(lines)).split('\n\n');
    for (const talk of catalogue.talks) {
      // A `|` would end a Slack link's label: the builders write it `¦`.
      const paragraph = paragraphs.find((p) => p.startsWith(`${talk.title.replaceAll('|', '¦')} (`));
      expect(paragraph, talk.title).toBeDefined();
      for (const url of [talk.video, talk.sectionUrl].filter((u) => u !== null)) {
        expect(paragraph!.split(url).length - 1, `${talk.title}: ${url}`).toBe(1);
      }
    }
    // The shared message repeats the title's URL as its Watch button in Slack; here it is there once.
    const shared = (await converse(['edition 2022', '1'])).split('@you shared')[1]!;
    const urls = shared.match(/https?:\/\/[^\s)]+/g) ?? [];
    expect(urls.length).toBeGreaterThan(0);
    expect(new Set(urls).size).toBe(urls.length);
  });

  it('prints plain text to a pipe: no ANSI codes, no stray mrkdwn marks, backticks or link syntax', async () => {
    const text = await converse(['help', 'kubernetes', '1', 'takeaways 2022']);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: looking for the escape character itself.
    expect(text).not.toMatch(/\x1b/);
    expect(text).not.toContain('`');
    expect(text).not.toMatch(/<https?:|\|[^\n]*>|&lt;|&amp;/);
    expect(text).not.toMatch(/(^|\s)[*_][^\s*_]/m);
    expect(text).toContain('/kubecon topics: every topic');
  });

  it('answers in French, and says when nothing matches with topics to try', async () => {
    const text = await converse(['recette de paella', 'plus'], 'fr');
    expect(text).toMatch(/Aucune conférence ne correspond à «\u00a0recette de paella\u00a0»/);
    expect(text).toMatch(/Essayez un de ces thèmes/);
    expect(text).toContain('Pas encore de liste à feuilleter');
  });

  it('works from a pipe: `echo ... | npm start` answers each line, prints no prompt and exits 0', async () => {
    const cwd = mkdtempSync(path.join(tmpdir(), 'kubecon-console-'));
    const child = run(process.execPath, [...NODE_ARGS, path.join(PROJECT_ROOT, 'src', 'main.ts')], {
      cwd,
      env: { PATH: process.env.PATH ?? '' },
      timeout: 20_000,
    });
    child.child.stdin!.end('ephemeral containers\n/kubecon help\n');
    const { stdout } = await child;
    expect(stdout).toMatch(/local console/);
    expect(stdout).toMatch(/Ephemeral Containers/i);
    expect(stdout).toContain(`== ${en.help.header} ==`);
    expect(stdout).not.toContain(en.console.prompt);
    expect(child.child.exitCode).toBe(0);
  });
});

/** A stream that says it is a terminal, as process.stdin and stdout do in one; readline then edits lines. */
function fakeTerminal(): PassThrough & { isTTY: boolean; columns: number; setRawMode: (raw: boolean) => void } {
  return Object.assign(new PassThrough(), { isTTY: true, columns: 100, setRawMode: () => {} });
}

describe('local console at a terminal', () => {
  it('edits the line, recalls history with the arrow keys, prompts, and prints bold as bold', async () => {
    const input = fakeTerminal();
    const output = fakeTerminal();
    let printed = '';
    output.on('data', (chunk: Buffer) => (printed += chunk.toString()));
    const prompts = () => printed.split(en.console.prompt).length - 1;
    const done = runConsole({ bot, language: 'en', input, output, interactive: true });
    // Each key once the previous answer is out, as a person types.
    const type = async (keys: string) => {
      const before = prompts();
      input.write(keys);
      await expect.poll(prompts, { timeout: 5000 }).toBeGreaterThan(before);
    };
    await expect.poll(prompts).toBe(1);
    await type('kubernetez\x7fs\r');
    await type('\x1b[A\r');
    await type('help\r');
    await type('\x1b[A\x1b[A\r');
    input.end();
    await done;

    expect(printed.split('== Talks for “kubernetes” ==').length - 1).toBe(3);
    expect(printed).not.toContain('kubernetez”');
    expect(printed).toContain(`\x1b[1m== ${en.help.header} ==\x1b[22m`);
    expect(printed).toContain('\x1b[1m[1]\x1b[22m Share');
  });

  it('lays buttons side by side in a terminal that does not tell its width', async () => {
    const input = fakeTerminal();
    const output = Object.assign(fakeTerminal(), { columns: 0 });
    let printed = '';
    output.on('data', (chunk: Buffer) => (printed += chunk.toString()));
    const done = runConsole({ bot, language: 'en', input, output, interactive: true });
    input.end('kubernetes\r');
    await done;
    expect(printed).toContain(`${en.more}  \x1b[1m[`);
  });

  it('ends on Ctrl-D and on Ctrl-C, as a shell does', async () => {
    for (const key of ['\x04', '\x03']) {
      const input = fakeTerminal();
      const output = fakeTerminal();
      const done = runConsole({ bot, language: 'en', input, output, interactive: true });
      input.write(key);
      await done;
    }
  });
});
