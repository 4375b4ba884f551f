import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { articleLabel } from '../../src/blocks/article.ts';
import { loadCatalogue } from '../../src/catalogue/load.ts';
import { PROJECT_ROOT } from '../../src/config.ts';

const catalogue = await loadCatalogue(path.join(PROJECT_ROOT, 'data'));
const articles = [...new Map(catalogue.talks.map((talk) => [talk.article.id, talk.article])).values()];

describe('articleLabel', () => {
  it('names the team’s French articles in English for an English answer, saying they are in French', () => {
    const french = articles.filter((article) => article.language === 'fr');
    expect(french.length).toBeGreaterThan(0);
    for (const article of french)
      expect(articleLabel(article, 'en')).toMatch(/^(KubeCon|Kubernetes Community Days France) \d{4}(, part \d+)? \(in French\)$/);
    expect(
      articleLabel({ title: 'Bedrock à la Kubecon 2022, 3ème partie : Dev XP, outillage, CI/CD, observabilité…', language: 'fr' }, 'en'),
    ).toBe('KubeCon 2022, part 3 (in French)');
  });

  it('reads the ways French writes which part an article is', () => {
    const part = (title: string) => articleLabel({ title, language: 'fr' }, 'en');
    expect(part('Bedrock à la kubecon 2022, 1ere partie : performances')).toBe('KubeCon 2022, part 1 (in French)');
    expect(part('Bedrock à la Kubecon 2022, 2nde partie : réseau')).toBe('KubeCon 2022, part 2 (in French)');
    expect(part('Notre KubeCon 2030, 2e partie : réseau et coûts')).toBe('KubeCon 2030, part 2 (in French)');
    expect(part('KubeCon Europe 2031 : le bilan')).toBe('KubeCon Europe 2031 (in French)');
    expect(part('Bedrock au Kubernetes Community Days France 2023')).toBe('Kubernetes Community Days France 2023 (in French)');
    expect(part('Nos Kubernetes Community Days 2031')).toBe('Kubernetes Community Days 2031 (in French)');
  });

  it('keeps a title it cannot name in English, still saying which language it is in', () => {
    expect(articleLabel({ title: 'Retour de conférence', language: 'fr' }, 'en')).toBe('Retour de conférence (in French)');
  });

  it('keeps the title of an article in the answer’s own language as it is', () => {
    for (const article of articles) expect(articleLabel(article, article.language)).toBe(article.title);
  });

  it('tells a French answer which articles are in English', () => {
    expect(articleLabel({ title: 'KubeCon 2018 Copenhagen, day 1', language: 'en' }, 'fr')).toBe(
      'KubeCon 2018 Copenhagen, day 1 (en anglais)',
    );
  });
});
