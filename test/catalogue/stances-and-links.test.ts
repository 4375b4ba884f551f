import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderAnswer } from '../../src/blocks/answer.ts';
import { createBot } from '../../src/bot/answer.ts';
import { parseCommand } from '../../src/bot/command.ts';
import { loadCatalogue } from '../../src/catalogue/load.ts';
import { EditionFileSchema } from '../../src/catalogue/schema.ts';
import { STANCES } from '../../src/catalogue/vocabulary.ts';
import { PROJECT_ROOT } from '../../src/config.ts';
import { createSearcher } from '../../src/search/searcher.ts';
import { catalogueDir, problemsOf, TOPICS, validEdition } from '../fixtures/catalogue.ts';

describe('stances', () => {
  it('each have a written rule in data/README.md: what it means and the wording that supports it', () => {
    const readme = readFileSync(path.join(PROJECT_ROOT, 'data', 'README.md'), 'utf8');
    for (const stance of STANCES) expect(readme).toMatch(new RegExp(`^\\| \`${stance}\` +\\| [^|]+\\| [^|]*"[^|]+"[^|]*\\|$`, 'm'));
    expect(readme).toMatch(/^\| \(none\) +\| the article gives no team position +\|/m);
  });

  it('are one of the four of data/README.md, or none', async () => {
    const edition = validEdition();
    edition.talks[0].stance = 'maybe';
    expect(EditionFileSchema.safeParse(edition).success).toBe(false);
    const problems = await problemsOf({ 'topics.json': TOPICS, '2030.json': edition });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/2030\.json: talk "2030-first", field "stance": .*"adopt".*"trial".*"assess".*"hold"/);
    delete edition.talks[0].stance;
    expect(EditionFileSchema.safeParse(edition).success).toBe(true);
  });
});

describe('the talks a conclusion is about', () => {
  it('are resolved across files, and default to none', async () => {
    const edition = validEdition();
    edition.conclusions[0].talks = ['2030-second', '2031-other'];
    const other = validEdition();
    other.edition.id = 'kubecon-eu-2031';
    other.edition.year = 2031;
    other.conclusions = [];
    other.talks = [{ ...other.talks[0], id: '2031-other', video: null }];
    const catalogue = await loadCatalogue(catalogueDir({ 'topics.json': TOPICS, '2030.json': edition, '2031.json': other }));
    expect(catalogue.conclusions[0]!.talks).toEqual(['2030-second', '2031-other']);
    const plain = await loadCatalogue(catalogueDir({ 'topics.json': TOPICS, '2030.json': validEdition() }));
    expect(plain.conclusions[0]!.talks).toEqual([]);
    expect(plain.conclusions[0]!.keywords).toEqual({ en: [], fr: [] });
  });

  it('rejects a conclusion that links an unknown talk, naming the file, the conclusion and the id', async () => {
    const edition = validEdition();
    edition.conclusions[0].talks = ['2030-first', '2030-missing'];
    const problems = await problemsOf({ 'topics.json': TOPICS, '2030.json': edition });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/2030\.json: conclusion "c-2030", field "talks": unknown talk "2030-missing"/);
    edition.conclusions[0].talks = ['Not A Slug'];
    expect((await problemsOf({ 'topics.json': TOPICS, '2030.json': edition }))[0]).toMatch(/conclusion "c-2030", field "talks\.0"/);
  });
});

describe('the 2024 lists of big ideas and of tools to try', async () => {
  const catalogue = await loadCatalogue(path.join(PROJECT_ROOT, 'data'));
  const searcher = createSearcher(catalogue);
  const bot = createBot({ catalogue, searcher });
  const NEW = [
    '2024-ai-everywhere',
    '2024-platform-engineering',
    '2024-finops',
    '2024-try-webassembly',
    '2024-try-openfeature',
    '2024-try-karmada',
    '2024-try-mirrord',
  ];

  it('are served by "takeaways 2024", in both languages', () => {
    const answer = bot.answer(parseCommand('takeaways 2024'), 'takeaways 2024', 0);
    if (answer.kind !== 'takeaways') throw new Error(`expected takeaways, got ${answer.kind}`);
    expect(answer.editions.map(({ edition }) => edition.year)).toEqual([2024]);
    const ids = answer.editions[0]!.conclusions.map((c) => c.id);
    for (const id of NEW) expect(ids).toContain(id);
    const en = JSON.stringify(renderAnswer(answer, { language: 'en', catalogue, ephemeral: true }).blocks);
    const fr = JSON.stringify(renderAnswer(answer, { language: 'fr', catalogue, ephemeral: true }).blocks);
    for (const word of ['SpinKube', 'OpenFeature', 'Karmada', 'mirrord', 'Backstage', 'Karpenter']) {
      expect(en).toContain(word);
      expect(fr).toContain(word);
    }
    expect(fr).toContain('portail développeur');
  });

  it('link the talks they are about, and a tool they name finds those talks', () => {
    const byId = new Map(catalogue.conclusions.map((c) => [c.id, c]));
    for (const id of NEW) expect(byId.get(id)!.talks.length).toBeGreaterThan(0);
    const found = (query: string) => searcher.search(query).hits.map((hit) => hit.talk.id);
    expect(found('mirrord')).toEqual(expect.arrayContaining([...byId.get('2024-try-mirrord')!.talks]));
    expect(found('wasm')).toEqual(expect.arrayContaining([...byId.get('2024-try-webassembly')!.talks]));
    expect(found('karmada').slice(0, 3)).toEqual(expect.arrayContaining([...byId.get('2024-try-karmada')!.talks]));
    expect(found('backstage portail développeur 2024')).toEqual(['2024-developers-demand-ux']);
  });
});
