import { describe, expect, it } from 'vitest';
import { renderHome } from '../../src/blocks/home.ts';
import { renderSharedTalk } from '../../src/blocks/share.ts';
import { createBot } from '../../src/bot/answer.ts';
import { loadCatalogue } from '../../src/catalogue/load.ts';
import type { Topic } from '../../src/catalogue/model.ts';
import { createSearcher } from '../../src/search/searcher.ts';
import { slackCatalogueDir } from '../slack/fixture-catalogue.ts';

const catalogue = await loadCatalogue(slackCatalogueDir());
const bot = createBot({ catalogue, searcher: createSearcher(catalogue) });
const topics = (() => {
  const answer = bot.answer({ kind: 'topics' }, 'topics');
  return answer.kind === 'topics' ? answer.topics : [];
})();

const json = (value: unknown) => JSON.stringify(value);
const actionIds = (blocks: readonly unknown[]) => [...json(blocks).matchAll(/"action_id":"([^"]+)"/g)].map((m) => m[1]);

describe('App Home view', () => {
  it('says what the bot does and how to use it, with edition and topic buttons', () => {
    const view = renderHome({ language: 'en', catalogue, topics });
    expect(view.type).toBe('home');
    expect(json(view)).toContain('7 talks from 1 KubeCon Europe editions');
    expect(json(view)).toContain('/kubecon topics');
    expect(actionIds(view.blocks)).toEqual(['show_edition:2030', 'show_topic:autoscaling', 'show_topic:costs', 'show_topic:observability']);
    expect(json(view)).toContain('Autoscaling (5)');
    expect(json(view)).not.toMatch(/Next weekly digest|No channel receives/);
  });

  it('shows the next digest as a Slack date, or how to subscribe', () => {
    const next = renderHome({ language: 'fr', catalogue, topics, digest: { at: new Date('2030-05-06T07:30:00Z'), channels: 2 } });
    expect(json(next)).toContain(
      'Prochain résumé hebdomadaire : <!date^1904283000^{date_long_pretty} {time}|2030-05-06 07:30 UTC>, dans 2 canaux.',
    );
    const none = renderHome({ language: 'en', catalogue, topics, digest: null });
    expect(json(none)).toContain('/kubecon digest subscribe');
  });

  it('puts the results of a Browse button first, with More and Dismiss', () => {
    const results = bot.answer({ kind: 'topic', name: 'autoscaling' }, 'topic autoscaling');
    const view = renderHome({ language: 'en', catalogue, topics, results });
    expect(json(view.blocks.slice(0, 4))).toContain('Talks on Autoscaling');
    expect(actionIds(view.blocks).slice(0, 2)).toEqual(['more_results', 'dismiss']);
    expect(json(view)).not.toContain('share_talk');
  });

  it('fits in 100 blocks whatever the number of topics, dropping results first', () => {
    const many: { topic: Topic; count: number }[] = Array.from({ length: 2000 }, (_, i) => ({
      topic: { id: `t${i}`, label: { en: `Topic ${i}`, fr: `Thème ${i}` }, synonyms: [] },
      count: 1,
    }));
    const results = bot.answer({ kind: 'topic', name: 'autoscaling' }, 'topic autoscaling');
    const view = renderHome({ language: 'en', catalogue, topics: many, results });
    expect(view.blocks.length).toBeLessThanOrEqual(100);
    expect(json(view.blocks[0])).toContain('header');
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
