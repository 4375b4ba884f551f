import path from 'node:path';
import { PassThrough } from 'node:stream';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderAnswer } from '../../src/blocks/answer.ts';
import { renderHome } from '../../src/blocks/home.ts';
import { ACTIONS, decodeMore } from '../../src/blocks/ids.ts';
import type { Message } from '../../src/blocks/message.ts';
import { messages } from '../../src/blocks/messages.ts';
import { type Answer, type Bot, createBot } from '../../src/bot/answer.ts';
import { parseCommand } from '../../src/bot/command.ts';
import { loadCatalogue } from '../../src/catalogue/load.ts';
import type { Catalogue } from '../../src/catalogue/model.ts';
import type { Language } from '../../src/catalogue/vocabulary.ts';
import { PROJECT_ROOT } from '../../src/config.ts';
import { runConsole } from '../../src/console/console.ts';
import { renderMessageAsText } from '../../src/console/render-text.ts';
import { createSearcher } from '../../src/search/searcher.ts';
import { commandTextFromMessage } from '../../src/slack/mention-text.ts';
import { replyTo } from '../../src/slack/reply.ts';
import { postSigned, slashCommandBody } from '../helpers/signed-request.ts';
import { SIGNING_SECRET, startHarness } from '../slack/harness.ts';
import { blockKitProblems, catalogueUrls, SLACK } from './block-kit.ts';
import { hostileText, SEED } from './hostile-text.ts';

// Hundreds of generated texts a property, in a few seconds; a failure prints its seed and path, and
// FC_SEED=<seed> replays it (fast-check shrinks it to the smallest text that still fails).
const RUNS = { pure: 400, reply: 300, mention: 300, console: 100, http: 100 } as const;
const params = <T>(numRuns: number, examples: T[] = []) => ({ seed: SEED, numRuns, examples });

const LONGEST_COMMAND = 1500;
const language = fc.constantFrom<Language>('en', 'fr');
/** Pages as a "More results" button or a forged one may ask for them. */
const page = fc.oneof(fc.constantFrom(0, 1, 2), fc.integer({ min: -5, max: 2000 }));

let catalogue: Catalogue;
let bot: Bot;
let urls: Set<string>;

beforeAll(async () => {
  catalogue = await loadCatalogue(path.join(PROJECT_ROOT, 'data'));
  // A deterministic "random" that still walks the whole catalogue.
  let draw = 0;
  bot = createBot({ catalogue, searcher: createSearcher(catalogue), random: () => (draw = (draw + 0.618_033_988_7) % 1) });
  urls = catalogueUrls(catalogue);
});

/** The problems of one message, plus those of its "More results" value, which the bot must be able to read back. */
function problemsOf(message: Message, options: { maxBlocks?: number } = {}): string[] {
  const problems = blockKitProblems(message, { allowedUrls: urls, ...options });
  for (const block of message.blocks) {
    if (block.type !== 'actions') continue;
    for (const element of block.elements) {
      if (element.type === 'button' && element.action_id === ACTIONS.moreResults && decodeMore(element.value ?? '') === undefined) {
        problems.push(`a "More results" button whose value the bot cannot read back: ${JSON.stringify(element.value?.slice(0, 80))}`);
      }
    }
  }
  return problems;
}

const kinds = new Map<string, number>();
const count = (answer: Answer) => kinds.set(answer.kind, (kinds.get(answer.kind) ?? 0) + 1);

describe('hostile /kubecon texts, from the parser to Block Kit', () => {
  it('always answer, within Slack limits, echoing no markup, whatever the text, page, language or surface', () => {
    const topics = (bot.answer({ kind: 'topics' }, 'topics') as Extract<Answer, { kind: 'topics' }>).topics;
    fc.assert(
      fc.property(hostileText, page, language, fc.boolean(), (typed, requestedPage, lang, ephemeral) => {
        // No door hands the core more: reply.ts and the console cut at 500, a "More results" value at 1,500.
        const text = typed.slice(0, LONGEST_COMMAND);
        const command = parseCommand(text);
        const answer = bot.answer(command, text, requestedPage);
        count(answer);
        const message = renderAnswer(answer, { language: lang, catalogue, ephemeral });
        expect(problemsOf(message)).toEqual([]);
        // The same answer in the Home tab (Browse buttons) must fit its 100 blocks too.
        const home = renderHome({ language: lang, catalogue, topics, results: answer, now: new Date('2030-05-06T07:30:00Z') });
        expect(problemsOf({ text: 'home', blocks: home.blocks as Message['blocks'] }, { maxBlocks: SLACK.blocksPerView })).toEqual([]);
        // And the console prints it.
        expect(renderMessageAsText(message)).toMatch(/\n$/);
      }),
      // Found by this property: JSON wrote each control character as six, the value was cut at 2,000 and "More results" broke.
      params(RUNS.pure, [[`kubernetes ${'\u0001'.repeat(480)}`, 0, 'en', true] as [string, number, Language, boolean]]),
    );
    // The generator must reach every kind of answer, or the property proves less than it says.
    expect([...kinds.keys()].sort()).toEqual(['digest-unavailable', 'help', 'no-results', 'takeaways', 'talks', 'topics']);
  });

  it('answer the slash command as replyTo does, long texts cut with a note, the digest switched off', async () => {
    await fc.assert(
      fc.asyncProperty(hostileText, language, async (text, lang) => {
        const message = await replyTo({ bot }, text, { channelId: 'C1', userId: 'U1', language: lang }, { ephemeral: true });
        expect(problemsOf(message)).toEqual([]);
        if (text.length > 500) expect(JSON.stringify(message.blocks[0])).toContain(messages(lang).tooLong(500).slice(0, 20));
      }),
      params(RUNS.reply),
    );
  });

  it('read a mention or a direct message of any length in linear time, then answer it', async () => {
    const mention = fc.tuple(
      fc.constantFrom('<@UBOT> ', '<@UBOT|kubecon> ', 'hey <@UBOT>, ', '', '<@UOTHER> '),
      hostileText,
      fc.constantFrom('', '?', ' please', ' ?!?.', ' thanks!'),
    );
    await fc.assert(
      fc.asyncProperty(mention, async ([prefix, text, suffix]) => {
        // Slack escapes &, < and > in message text; Slack's cap on a message is 40,000 characters.
        const escaped = `${prefix}${text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;')}${suffix}`.slice(
          0,
          40_000,
        );
        const started = performance.now();
        const command = commandTextFromMessage(escaped, 'UBOT');
        // A regex that backtracks on a long run of one character takes seconds here, blocking every other request.
        expect(performance.now() - started).toBeLessThan(250);
        const message = await replyTo({ bot }, command, { channelId: 'C1', userId: 'U1', language: 'en' }, { ephemeral: false });
        expect(problemsOf(message)).toEqual([]);
      }),
      // Found by this property: /[\s?!.]*$/ retried from every position, 4 s for a 40,000-character message.
      // No shrinking on failure: each try of a slow case costs seconds.
      { ...params(RUNS.mention, [[['<@UBOT> ', `${'?'.repeat(39_990)}x`, '']] as [[string, string, string]]]), endOnFailure: true },
    );
  });
});

describe('hostile lines in the local console', () => {
  it('answers every line, never throws, and keeps paging with "more"', async () => {
    // One line each: what readline takes for a line break (U+2028 and U+2029 too) becomes a space.
    const line = fc
      .oneof({ weight: 6, arbitrary: hostileText }, { weight: 1, arbitrary: fc.constantFrom('more', 'plus', 'MORE ') })
      .map((text) => text.replace(/\r\n|[\r\n\u2028\u2029]/g, ' '));
    await fc.assert(
      fc.asyncProperty(fc.array(line, { minLength: 1, maxLength: 4 }), language, async (lines, lang) => {
        const input = new PassThrough();
        const output = new PassThrough();
        let printed = '';
        output.on('data', (chunk: Buffer) => (printed += chunk.toString()));
        const done = runConsole({ bot, language: lang, input, output, interactive: true });
        input.end(lines.map((l) => `${l}\n`).join(''));
        await done;
        // A prompt before the first line and after each answer: one answer per line.
        expect(printed.split(messages(lang).console.prompt).length - 1).toBe(lines.length + 1);
      }),
      // Found by this property: a 40,000-character line made the search build a regex too big to compile.
      params(RUNS.console, [[[`${'*bold* ｋｕｂｅ'.repeat(3400)}`], 'en'] as [string[], Language]]),
    );
  });
});

describe('hostile /kubecon texts through the HTTP app', () => {
  it('acks every signed command and answers each on its response_url with a valid message', async () => {
    const h = await startHarness({ mode: 'http' });
    const fixtureUrls = catalogueUrls(h.bot.catalogue);
    let n = 0;
    try {
      await fc.assert(
        fc.asyncProperty(hostileText, async (text) => {
          const responseId = `prop-${++n}`;
          const response = await postSigned(`${h.url}/slack/events`, {
            secret: SIGNING_SECRET,
            body: slashCommandBody({ text, response_url: h.fake.responseUrl(responseId) }),
          });
          expect(response.status).toBe(200);
          const answer = await h.fake.waitForCall('response_url', (call) => call.responseId === responseId);
          const message = { text: String(answer.args.text), blocks: answer.args.blocks as Message['blocks'] };
          expect(answer.args.response_type).toBe('ephemeral');
          expect(message.text).not.toBe(messages('en').apology);
          expect(blockKitProblems(message, { allowedUrls: fixtureUrls })).toEqual([]);
        }),
        params(RUNS.http),
      );
      expect(h.logs.filter((line) => line.level === 'error' || line.level === 'warn')).toEqual([]);
    } finally {
      await h.close();
    }
  });
});
