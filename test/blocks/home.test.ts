import path from 'node:path';
import type { HomeView, KnownBlock } from '@slack/types';
import { describe, expect, it } from 'vitest';
import { featuredTalk, renderHome } from '../../src/blocks/home.ts';
import { renderSharedTalk } from '../../src/blocks/share.ts';
import { createBot } from '../../src/bot/answer.ts';
import { loadCatalogue } from '../../src/catalogue/load.ts';
import type { Topic } from '../../src/catalogue/model.ts';
import { PROJECT_ROOT } from '../../src/config.ts';
import { createSearcher } from '../../src/search/searcher.ts';
import { blockKitProblems, catalogueUrls } from '../properties/block-kit.ts';
import { slackCatalogueDir } from '../slack/fixture-catalogue.ts';

const catalogue = await loadCatalogue(slackCatalogueDir());
const bot = createBot({ catalogue, searcher: createSearcher(catalogue) });
const topics = (() => {
  const answer = bot.answer({ kind: 'topics' }, 'topics');
  return answer.kind === 'topics' ? answer.topics : [];
})();

const json = (value: unknown) => JSON.stringify(value);
const actionIds = (blocks: readonly unknown[]) => [...json(blocks).matchAll(/"action_id":"([^"]+)"/g)].map((m) => m[1]);
/** A Monday, 09:30 in Paris. */
const NOW = new Date('2030-05-06T07:30:00Z');
const urls = catalogueUrls(catalogue);
const problems = (view: HomeView) =>
  blockKitProblems({ text: 'home', blocks: view.blocks as KnownBlock[] }, { maxBlocks: 100, allowedUrls: urls, ownMarkup: ['<!date^'] });

/** Each block as one line of what it shows, to read the order of the tab. */
const outline = (view: HomeView) =>
  (view.blocks as KnownBlock[]).map((block) => {
    if (block.type === 'header' || block.type === 'section') return `${block.type}: ${block.text?.text.split('\n')[0]}`;
    if (block.type === 'context') return `context: ${block.elements.map((e) => ('text' in e ? e.text : '')).join(' ')}`;
    if (block.type === 'actions') return `actions: ${block.elements.map((e) => e.action_id).join(' ')}`;
    return block.type;
  });

describe('App Home view', () => {
  it('lists the events and editions of the data, whatever their kind', async () => {
    const real = await loadCatalogue(path.join(PROJECT_ROOT, 'data'));
    const view = renderHome({ language: 'fr', catalogue: real, topics: [], now: NOW });
    const events = [...new Set(real.editions.map((edition) => edition.event))];
    expect(events).toEqual(expect.arrayContaining(['KubeCon EU', 'KCD France']));
    expect(json(view)).toContain(`conférences vues par notre équipe plateforme (${events.join(', ')})`);
    for (const edition of real.editions) {
      const count = real.talks.filter((talk) => talk.edition === edition).length;
      expect(json(view)).toContain(`${edition.event} ${edition.year} · ${edition.city} (${count})`);
    }
    expect(json(view)).toContain('KCD France 2023 · Paris (4)');
  });

  it('starts with content: this week’s talk, the editions, the topics in a menu, then two lines of how-to', () => {
    const view = renderHome({ language: 'en', catalogue, topics, now: NOW });
    const featured = featuredTalk(catalogue.talks, NOW)!;
    expect(view.type).toBe('home');
    expect(outline(view)).toEqual([
      'header: KubeCon talks, with the team’s takeaways',
      'context: 7 talks our platform team saw (KubeCon EU), each with what the team thought of it; 6 with a video.',
      'section: *This week’s talk*',
      `section: *<${featured.video}|${featured.title}>*`,
      'divider',
      'section: *Browse by edition*',
      'actions: show_edition:2030',
      'section: *Browse by topic*',
      'divider',
      'section: *How to use it*',
    ]);
    expect(json(view)).toContain('KubeCon EU 2030 · Lyon (7)');
    expect(actionIds(view.blocks)).toEqual(['show_edition:2030', 'pick_topic']);
    const menu = (view.blocks as KnownBlock[]).find((block) => block.block_id === 'home-topics');
    expect(menu?.type === 'section' && menu.accessory?.type === 'static_select' && menu.accessory.options).toEqual([
      { text: { type: 'plain_text', text: 'Autoscaling (5)', emoji: true }, value: 'autoscaling' },
      { text: { type: 'plain_text', text: 'Costs (2)', emoji: true }, value: 'costs' },
      { text: { type: 'plain_text', text: 'Observability (1)', emoji: true }, value: 'observability' },
    ]);
    expect(json(view.blocks.at(-1))).toContain('/kubecon help');
    expect(json(view)).not.toMatch(/Next weekly digest|No channel receives/);
    expect(problems(view)).toEqual([]);
  });

  it('features one recorded talk a week, the same from Monday to Sunday, each in turn', () => {
    const week = (n: number) => new Date(NOW.getTime() + n * 7 * 86_400_000);
    const monday = new Date('2030-05-06T00:00:00Z');
    const sunday = new Date('2030-05-12T23:59:59Z');
    expect(featuredTalk(catalogue.talks, monday)).toBe(featuredTalk(catalogue.talks, sunday));
    expect(featuredTalk(catalogue.talks, new Date('2030-05-13T00:00:00Z'))).not.toBe(featuredTalk(catalogue.talks, sunday));
    const six = Array.from({ length: 6 }, (_, n) => featuredTalk(catalogue.talks, week(n))!.id);
    expect(new Set(six).size).toBe(6);
    expect(six).not.toContain('2030-finops');
    expect(
      featuredTalk(
        catalogue.talks.filter((talk) => talk.video === null),
        NOW,
      ),
    ).toBeUndefined();
  });

  it('shows the next digest as a Slack date, or how to subscribe', () => {
    const next = renderHome({ language: 'fr', catalogue, topics, digest: { at: NOW, channels: 2 }, now: NOW });
    expect(json(next)).toContain(
      'Prochain résumé hebdomadaire\u00a0: <!date^1904283000^{date_long_pretty} {time}|2030-05-06 07:30 UTC>, dans 2 canaux.',
    );
    const none = renderHome({ language: 'en', catalogue, topics, digest: null, now: NOW });
    expect(json(none)).toContain('/kubecon digest subscribe');
  });

  it('puts the results of a Browse click first, with More and Dismiss, even when they hold this week’s talk', () => {
    const results = bot.answer({ kind: 'topic', name: 'autoscaling' }, 'topic autoscaling');
    const view = renderHome({ language: 'en', catalogue, topics, results, now: NOW });
    expect(json(view.blocks.slice(0, 4))).toContain('Talks on Autoscaling');
    expect(actionIds(view.blocks).slice(0, 2)).toEqual(['more_results', 'dismiss']);
    expect(json(view)).not.toContain('share_talk');
    for (let week = 0; week < 6; week++) {
      const now = new Date(NOW.getTime() + week * 7 * 86_400_000);
      expect(problems(renderHome({ language: 'en', catalogue, topics, results, now }))).toEqual([]);
    }
  });

  it('fits in 100 blocks whatever the number of topics, dropping results first', () => {
    const many: { topic: Topic; count: number }[] = Array.from({ length: 2000 }, (_, i) => ({
      topic: { id: `t${i}`, label: { en: `Topic ${i}`, fr: `Thème ${i}` }, synonyms: [] },
      count: 1,
    }));
    const results = bot.answer({ kind: 'topic', name: 'autoscaling' }, 'topic autoscaling');
    const view = renderHome({ language: 'en', catalogue, topics: many, results, now: NOW });
    expect(view.blocks.length).toBeLessThanOrEqual(100);
    expect(json(view.blocks[0])).toContain('header');
    expect(json(view)).toContain('This week’s talk');
    expect(problems(view)).toEqual([]);
  });
});

describe('shared talk', () => {
  it('opens with who shared it and from which edition, and has no Share button', () => {
    const talk = catalogue.talkById.get('2030-karpenter')!;
    const message = renderSharedTalk(talk, { language: 'en', catalogue, userId: 'U1' });
    expect(message.text).toBe('<@U1> shared a talk from KubeCon EU 2030 · Lyon: Karpenter Autoscaling in Anger');
    expect(json(message.blocks[0])).toContain('<@U1> shared a talk from KubeCon EU 2030 · Lyon');
    expect(json(message.blocks)).not.toContain('share_talk');
  });
});
