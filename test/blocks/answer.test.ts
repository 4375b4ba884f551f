import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { ActionsBlockElement, KnownBlock, SectionBlockAccessory, StaticSelect } from '@slack/types';
import { describe, expect, it } from 'vitest';
import { renderAnswer } from '../../src/blocks/answer.ts';
import type { Message } from '../../src/blocks/message.ts';
import { type Answer, createBot } from '../../src/bot/answer.ts';
import { parseCommand } from '../../src/bot/command.ts';
import { loadCatalogue } from '../../src/catalogue/load.ts';
import type { Language } from '../../src/catalogue/vocabulary.ts';
import { PROJECT_ROOT } from '../../src/config.ts';
import { createSearcher } from '../../src/search/searcher.ts';
import { blockKitProblems, catalogueUrls } from '../properties/block-kit.ts';

const catalogue = await loadCatalogue(path.join(PROJECT_ROOT, 'data'));
const bot = createBot({ catalogue, searcher: createSearcher(catalogue) });
const urls = catalogueUrls(catalogue);
const ask = (text: string): Answer => bot.answer(parseCommand(text), text, 0);
const render = (answer: Answer, { language = 'en', ephemeral = true }: { language?: Language; ephemeral?: boolean } = {}) =>
  renderAnswer(answer, { language, catalogue, ephemeral });
const json = (value: unknown) => JSON.stringify(value);

/** The interactive elements of a message, in order: those of actions blocks and section accessories. */
const elements = (message: Message) =>
  message.blocks.flatMap((block: KnownBlock): (ActionsBlockElement | SectionBlockAccessory)[] => {
    if (block.type === 'actions') return block.elements;
    if (block.type === 'section' && block.accessory) return [block.accessory];
    return [];
  });
const actionIds = (message: Message) => elements(message).map((element) => ('action_id' in element ? element.action_id : undefined));
const menu = (message: Message) => elements(message).find((element): element is StaticSelect => element.type === 'static_select');

describe('topics', () => {
  it('are one menu, with how many talks each, and Dismiss beside it', () => {
    const message = render(ask('topics'));
    const topics = ask('topics');
    expect(message.blocks.at(-1)).toMatchObject({ type: 'actions', block_id: 'controls' });
    expect(actionIds(message)).toEqual(['pick_topic', 'dismiss']);
    expect(menu(message)?.options).toHaveLength(topics.kind === 'topics' ? topics.topics.length : -1);
    expect(menu(message)?.options?.[0]?.text.text).toMatch(/^.+ \(\d+\)$/);
    expect(message.blocks.length).toBeLessThanOrEqual(4);
    expect(blockKitProblems(message, { allowedUrls: urls })).toEqual([]);
  });

  it('have no Dismiss where everyone sees them', () => {
    expect(actionIds(render(ask('topics'), { ephemeral: false }))).toEqual(['pick_topic']);
  });
});

describe('suggested topics when nothing matches', () => {
  const topic = (id: string) => catalogue.topicById.get(id)!;
  const noResults = (ids: string[]): Answer => ({ kind: 'no-results', query: 'frobnicator', suggestions: ids.map(topic) });
  const some = catalogue.topics.map((t) => t.id);

  it('are buttons when a few, a menu when more', () => {
    expect(actionIds(render(noResults(some.slice(0, 3))))).toEqual([...some.slice(0, 3).map((id) => `show_topic:${id}`), 'dismiss']);
    const many = render(noResults(some.slice(0, 8)));
    expect(actionIds(many)).toEqual(['pick_topic', 'dismiss']);
    expect(menu(many)?.options?.map((o) => o.value)).toEqual(some.slice(0, 8));
    expect(actionIds(render(noResults(some.slice(0, 8)), { ephemeral: false }))).toEqual(['pick_topic']);
  });
});

describe('the event of an edition', () => {
  it('is named wherever an edition is shown: the talk, the list of an edition, the takeaways', () => {
    for (const language of ['en', 'fr'] as const) {
      const edition = json(render(ask('edition 2023'), { language }).blocks);
      expect(edition).toContain(language === 'en' ? 'Talks from KCD France 2023 · Paris' : 'Conférences de KCD France 2023 · Paris');
      expect(edition).toContain('Sami Farhat (Back Market) · KCD France 2023 · Paris');
      expect(edition).not.toContain('KubeCon EU 2023');
      expect(json(render(ask('takeaways 2023'), { language }).blocks)).toContain('*KCD France 2023 · Paris*');
    }
    expect(json(render(ask('edition 2024')).blocks)).toContain('Talks from KubeCon EU 2024 · Paris');
  });
});

describe('help', () => {
  it('lists the editions of the catalogue, whatever they are', () => {
    const text = json(render(ask('help')).blocks);
    for (const edition of catalogue.editions) expect(text).toContain(`${edition.event} ${edition.year} · ${edition.city}`);
    const fixture = {
      ...catalogue,
      editions: [
        { id: 'kubecon-eu-2031', name: 'KubeCon Europe 2031', kind: 'kubecon', event: 'KubeCon EU', city: 'Oslo', year: 2031 },
        {
          id: 'kcd-norway-2030',
          name: 'Kubernetes Community Days Norway 2030',
          kind: 'kcd',
          event: 'KCD Norway',
          city: 'Bergen',
          year: 2030,
        },
      ] as const,
    };
    expect(json(renderAnswer(ask('help'), { language: 'fr', catalogue: fixture, ephemeral: true }).blocks)).toContain(
      '(KubeCon EU 2031 · Oslo, KCD Norway 2030 · Bergen)',
    );
  });

  it('can be dismissed when only the asker sees it', () => {
    expect(actionIds(render(ask('help')))).toEqual(['dismiss']);
    expect(actionIds(render(ask('help'), { ephemeral: false }))).toEqual([]);
  });
});

describe('takeaways', () => {
  it('name French articles in English for English readers, and keep their titles for French ones', () => {
    const english = json(render(ask('takeaways 2022')).blocks);
    expect(english).toMatch(/KubeCon 2022, part \d \(in French\)/);
    expect(english).not.toContain('Bedrock à la');
    const french = json(render(ask('takeaways 2022'), { language: 'fr' }).blocks);
    expect(french).toContain('Bedrock à la');
    expect(french).not.toContain('(in French)');
  });

  it('end with the ratings and Dismiss, within Slack’s 50 blocks', () => {
    for (const language of ['en', 'fr'] as const) {
      const message = render(ask('takeaways'), { language });
      expect(actionIds(message)).toEqual(['rate_up', 'rate_down', 'dismiss']);
      expect(blockKitProblems(message, { allowedUrls: urls })).toEqual([]);
    }
  });
});

describe('words that stay true', () => {
  /** What the bot would be wrong to say while any talk lacks a video. */
  const EVERY_TALK_HAS_A_VIDEO =
    /each with (?:the|its|a) video|with (?:the|its) video and|chacune avec (?:sa|la|une) vidéo|avec (?:la|sa) vidéo et/i;

  it('claim a video for every talk only if every talk has one', () => {
    expect(catalogue.talks.some((talk) => talk.video === null)).toBe(true);
    for (const text of ['help', 'topics', 'takeaways']) {
      for (const language of ['en', 'fr'] as const) expect(json(render(ask(text), { language }))).not.toMatch(EVERY_TALK_HAS_A_VIDEO);
    }
    for (const file of ['README.md', 'manifest.yml']) {
      expect(readFileSync(path.join(PROJECT_ROOT, file), 'utf8').replace(/\s+/g, ' '), file).not.toMatch(EVERY_TALK_HAS_A_VIDEO);
    }
  });
});
