import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCatalogue } from '../../src/catalogue/load.ts';
import { PROJECT_ROOT } from '../../src/config.ts';
import { createSearcher } from '../../src/search/searcher.ts';
import { foldText } from '../../src/search/text.ts';

describe('foldText', () => {
  it('drops case, accents, ligatures and punctuation', () => {
    expect(foldText('Conteneurs ÉPHÉMÈRES, cœur & CI/CD!')).toBe('conteneurs ephemeres coeur ci cd');
  });
});

describe('searcher on the real catalogue', async () => {
  const catalogue = await loadCatalogue(path.join(PROJECT_ROOT, 'data'));
  const searcher = createSearcher(catalogue);
  const ids = (query: string) => searcher.search(query).hits.map((hit) => hit.talk.id);

  it('forgives case, accents and typos alike', () => {
    const expected = ids('Karpenter')[0];
    expect(expected).toBeDefined();
    for (const variant of ['karpenter', 'KARPENTER', 'karpnter', 'karpenetr']) expect(ids(variant)[0]).toBe(expected);
  });

  it('matches French and English synonyms', () => {
    const french = ids('coûts');
    const english = ids('costs');
    const finops = ids('finops');
    expect(french.length).toBeGreaterThan(0);
    // The same talk leads; a talk whose French takeaway says "coûts" word for word may move up.
    expect(french[0]).toBe(english[0]);
    expect(french.slice(0, 4).filter((id) => english.slice(0, 4).includes(id)).length).toBeGreaterThanOrEqual(3);
    expect(finops.some((id) => french.includes(id))).toBe(true);
  });

  it('filters by edition year or city, and by topic', () => {
    const paris = searcher.search('2024 cilium');
    expect(paris.query.editions).toEqual(['kubecon-eu-2024']);
    expect(paris.hits.length).toBeGreaterThan(0);
    expect(paris.hits.every((hit) => hit.talk.edition.year === 2024)).toBe(true);
    // Paris names two editions, KubeCon EU 2024 and KCD France 2023: both, the year narrowing them to one.
    expect(searcher.search('paris cilium').query.editions).toEqual(['kubecon-eu-2024', 'kcd-france-2023']);
    expect(searcher.search('paris 2024 cilium').hits.map((h) => h.talk.id)).toEqual(paris.hits.map((h) => h.talk.id));
    const security = searcher.search('topic:security');
    expect(security.hits.length).toBeGreaterThan(1);
    expect(security.hits.every((hit) => hit.talk.topics.includes('security'))).toBe(true);
    expect(searcher.search('topic:sécurité').hits.length).toBe(security.hits.length);
  });

  it('reads an event as an edition filter, and names of different kinds as narrowing each other', () => {
    const kcd = ['kcd-france-2023'];
    for (const query of ['kcd', 'kcd france', 'paris 2023', 'year:2023', 'edition:kcd', 'KCD Paris', 'paris year:2023'])
      expect(searcher.search(query).query.editions).toEqual(kcd);
    expect(searcher.search('kcd').hits).toHaveLength(4);
    expect([...searcher.search('2022 2024 cilium').query.editions].sort()).toEqual(['kubecon-eu-2022', 'kubecon-eu-2024']);
    expect(searcher.search('kcd 2024 cilium').query.unknownEditions).toEqual(['kcd 2024']);
    expect(searcher.search('kcd 2024 cilium').hits).toEqual([]);
    expect(searcher.search('year:2024 edition:kcd').query.unknownEditions).toEqual(['2024 kcd']);
  });

  it('reports a filter that names nothing instead of guessing', () => {
    expect(searcher.search('topic:knitting').query.unknownTopics).toEqual(['knitting']);
    expect(searcher.search('year:1999 cilium').query.unknownEditions).toEqual(['1999']);
    expect(searcher.search('year:1999 cilium').hits).toEqual([]);
  });

  it('returns nothing for unrelated queries', () => {
    for (const query of ['paella recipe', 'react native', 'recette de paella', 'football world cup']) expect(ids(query)).toEqual([]);
  });

  it('ranks best first with scores in (0, 1]', () => {
    const hits = searcher.search('service mesh').hits;
    expect(hits.length).toBeGreaterThan(1);
    for (let i = 1; i < hits.length; i++) expect(hits[i - 1]!.score).toBeGreaterThanOrEqual(hits[i]!.score);
    expect(hits.every((hit) => hit.score > 0 && hit.score <= 1)).toBe(true);
  });

  it('ignores filler and survives hostile input', () => {
    expect(ids('any talks about karpenter please')[0]).toBe(ids('karpenter')[0]);
    // biome-ignore lint/suspicious/noTemplateCurlyInString: regex metacharacters, typed on purpose
    for (const query of ['', '   ', '((((', '.*+?^${}()|[]\\', '<!channel>', '🙂🙂🙂', 'a'.repeat(10_000)]) {
      expect(() => searcher.search(query)).not.toThrow();
    }
  });
});
