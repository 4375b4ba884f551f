import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { type Answer, type Asker, type Bot, createBot } from '../../src/bot/answer.ts';
import { parseCommand } from '../../src/bot/command.ts';
import { loadCatalogue } from '../../src/catalogue/load.ts';
import { PROJECT_ROOT } from '../../src/config.ts';
import type { DigestCommands, DigestReply, DigestRequest } from '../../src/digest/commands.ts';
import { createSearcher } from '../../src/search/searcher.ts';

const catalogue = await loadCatalogue(path.join(PROJECT_ROOT, 'data'));
const bot = createBot({ catalogue, searcher: createSearcher(catalogue), random: () => 0.5, pageSize: 3 });
const ask = (text: string, page = 0): Answer => bot.answer(parseCommand(text), text, page);
const talksOf = (answer: Answer) => {
  if (answer.kind !== 'talks') throw new Error(`expected talks, got ${answer.kind}`);
  return answer;
};

describe('the bot core', () => {
  it('pages a search: each page its slice, the last one saying there is no more', () => {
    const first = talksOf(ask('istio'));
    expect(first).toMatchObject({ page: 0, offset: 0, hasMore: true, commandText: 'istio' });
    expect(first.talks).toHaveLength(3);
    const lastPage = Math.ceil(first.total / 3) - 1;
    const last = talksOf(ask('istio', lastPage));
    expect(last).toMatchObject({ page: lastPage, offset: lastPage * 3, hasMore: false });
    // Past the end, the last page again rather than an empty one.
    expect(talksOf(ask('istio', lastPage + 5)).page).toBe(lastPage);
    const ids = new Set([...first.talks, ...last.talks].map((talk) => talk.id));
    expect(ids.size).toBe(first.talks.length + last.talks.length);
  });

  it('answers nothing found with topics close to the query, and names a filter that selects nothing', () => {
    const none = ask('frobnicator billing');
    expect(none.kind).toBe('no-results');
    if (none.kind === 'no-results') expect(none.suggestions.map((topic) => topic.id)).toContain('costs');
    expect(ask('topic:knitting')).toMatchObject({ kind: 'no-results', unknownTopic: 'knitting' });
    expect(ask('edition 1999')).toMatchObject({ kind: 'no-results', unknownEdition: '1999' });
  });

  it('lists one topic, one edition, the topics with their counts, and the conclusions of a year', () => {
    const security = talksOf(ask('topic sécurité'));
    expect(security.source).toMatchObject({ type: 'topic', topic: { id: 'security' } });
    expect(security.talks.every((talk) => talk.topics.includes('security'))).toBe(true);
    const valencia = talksOf(ask('edition valence'));
    expect(valencia.total).toBe(catalogue.talks.filter((talk) => talk.edition.year === 2022).length);
    // Two words narrow: Paris hosted KCD France 2023 and KubeCon 2024.
    expect(talksOf(ask('edition paris 2023')).source).toMatchObject({ type: 'edition', edition: { kind: 'kcd', year: 2023 } });
    expect(talksOf(ask('edition 2024 paris')).source).toMatchObject({ type: 'edition', edition: { kind: 'kubecon', year: 2024 } });
    // One word, two editions: the newest, saying the other is there too.
    const paris = talksOf(ask('edition paris')).source;
    expect(paris).toMatchObject({ type: 'edition', edition: { kind: 'kubecon', year: 2024 }, others: [{ kind: 'kcd', year: 2023 }] });
    expect(talksOf(ask('edition 2024 paris')).source).not.toHaveProperty('others');
    // A word that names no edition makes it a search, filtered by the words that do.
    const cilium = talksOf(ask('edition 2024 cilium'));
    expect(cilium.source.type).toBe('search');
    expect(cilium.talks[0]?.title).toMatch(/Cilium/);
    const topics = ask('topics pls');
    expect(topics.kind).toBe('topics');
    if (topics.kind === 'topics') expect(topics.topics.reduce((sum, { count }) => sum + count, 0)).toBeGreaterThan(catalogue.talks.length);
    const takeaways = ask('takeaways 2022');
    expect(takeaways.kind).toBe('takeaways');
    if (takeaways.kind === 'takeaways') expect(takeaways.editions.map(({ edition }) => edition.year)).toEqual([2022]);
  });

  it('picks the random talk with the dice it is given', () => {
    expect(talksOf(ask('random')).talks).toEqual([catalogue.talks[Math.floor(0.5 * catalogue.talks.length)]]);
    expect(ask('')).toEqual({ kind: 'help' });
  });
});

describe('the bot core and the weekly digest', () => {
  const asker: Asker = { channelId: 'C42', userId: 'U1', language: 'fr' };
  const reply = (b: Bot, text: string) => b.reply(parseCommand(text), text, asker);

  /** A digest that answers every command with what it was asked. */
  function recordingDigest(): { digest: DigestCommands; requests: [string, DigestRequest][] } {
    const requests: [string, DigestRequest][] = [];
    const answer =
      (action: string) =>
      async (request: DigestRequest): Promise<DigestReply> => {
        requests.push([action, request]);
        return { kind: 'not-subscribed' };
      };
    const digest: DigestCommands = {
      subscribe: answer('subscribe'),
      unsubscribe: answer('unsubscribe'),
      status: answer('status'),
      preview: answer('preview'),
      nextRun: async () => undefined,
    };
    return { digest, requests };
  }

  it('hands each digest command to the digest with the asker, and answers anything else as without a channel', async () => {
    const { digest, requests } = recordingDigest();
    const withDigest = createBot({ catalogue, searcher: createSearcher(catalogue), digest });
    expect(await reply(withDigest, 'digest subscribe')).toEqual({ kind: 'digest', reply: { kind: 'not-subscribed' } });
    await reply(withDigest, 'digest');
    await reply(withDigest, 'newsletter apercu');
    expect(requests).toEqual([
      ['subscribe', asker],
      ['status', asker],
      ['preview', asker],
    ]);
    expect(await reply(withDigest, 'topics')).toEqual(withDigest.answer({ kind: 'topics' }, 'topics'));
    expect(await withDigest.nextDigest()).toBeNull();
  });

  it('says the digest is off in a bot without one, and needs a channel when none came with the command', async () => {
    expect(await reply(bot, 'digest subscribe')).toEqual({ kind: 'digest-unavailable', why: 'off' });
    expect(ask('digest subscribe')).toEqual({ kind: 'digest-unavailable', why: 'no-channel' });
    expect(await bot.nextDigest()).toBeUndefined();
  });
});
