import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isArticleFileName, parseArticle, parseTalkFacts, TALK_FACTS_FILE, youtubeId } from '../../src/catalogue/articles.ts';
import { loadCatalogue } from '../../src/catalogue/load.ts';
import { PROJECT_ROOT } from '../../src/config.ts';

// CI checks out the shared reference material beside the project, not at a fixed path.
const ARTICLES = path.resolve(PROJECT_ROOT, '../shared/articles');

describe.skipIf(!existsSync(ARTICLES))('where each catalogue video comes from', async () => {
  const catalogue = await loadCatalogue(path.join(PROJECT_ROOT, 'data'));
  const articles = readdirSync(ARTICLES)
    .filter(isArticleFileName)
    .map((name) => parseArticle(name, readFileSync(path.join(ARTICLES, name), 'utf8')));
  const facts = parseTalkFacts(readFileSync(path.join(ARTICLES, TALK_FACTS_FILE), 'utf8'));
  const linked = new Set(articles.flatMap((article) => article.videos.map((video) => video.id)));

  it('has every video id in one of the team’s articles or in a confirmed talk-facts.md row of the same year', () => {
    const unsourced = catalogue.talks.flatMap((talk) => {
      if (talk.video === null) return [];
      const id = youtubeId(talk.video);
      const confirmed = facts.some((fact) => fact.confirmed && fact.videoId === id && fact.edition.includes(String(talk.edition.year)));
      return id !== undefined && (linked.has(id) || confirmed) ? [] : [`${talk.id}: ${talk.video}`];
    });
    expect(unsourced).toEqual([]);
  });

  it('reads the talk-facts.md rows, confirmed or not, and leaves no unconfirmed id in the catalogue unless an article links it', () => {
    expect(facts.filter((fact) => fact.confirmed && fact.edition.includes('2018'))).toHaveLength(27);
    const videos = new Set(catalogue.talks.flatMap((talk) => (talk.video ? [youtubeId(talk.video)] : [])));
    const unconfirmedOnly = facts.filter((fact) => !fact.confirmed && videos.has(fact.videoId) && !linked.has(fact.videoId));
    expect(unconfirmedOnly).toEqual([]);
  });
});
