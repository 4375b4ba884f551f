import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderTalk } from '../../src/blocks/talk.ts';
import { loadCatalogue } from '../../src/catalogue/load.ts';
import { PROJECT_ROOT } from '../../src/config.ts';
import { catalogueDir, problemsOf, TOPICS, validEdition } from '../fixtures/catalogue.ts';

/** The fixture edition with a second article, a later one, that the first talk also cites. */
function editionWithLaterArticle(): ReturnType<typeof validEdition> {
  const edition = validEdition();
  edition.articles.push({
    id: 'a-2031-migration',
    title: 'Our migration, a year on',
    url: 'https://blog.example/2031/migration.html',
    language: 'en',
    published: '2031-03-11',
    otherVideos: [{ video: 'https://www.youtube.com/watch?v=ownTalk0001', what: 'our own talk at another conference' }],
  });
  edition.talks[0].alsoCitedIn = [{ article: 'a-2031-migration', section: 'Health checks' }];
  return edition;
}

async function problemsOfEdition(edition: ReturnType<typeof validEdition>): Promise<string> {
  return (await problemsOf({ 'topics.json': TOPICS, '2030.json': edition })).join('\n');
}

describe('a talk cited by more than one article', () => {
  it('is accepted, each further article resolved with its section link, and a talk citing one article has none', async () => {
    const catalogue = await loadCatalogue(catalogueDir({ 'topics.json': TOPICS, '2030.json': editionWithLaterArticle() }));
    const talk = catalogue.talkById.get('2030-first')!;
    expect(talk.article.id).toBe('a-2030');
    expect(talk.alsoCitedIn).toEqual([
      {
        article: expect.objectContaining({ id: 'a-2031-migration', url: 'https://blog.example/2031/migration.html' }),
        section: 'Health checks',
        sectionUrl: 'https://blog.example/2031/migration.html#health-checks',
      },
    ]);
    expect(talk.article.otherVideos).toEqual([]);
    expect(catalogue.talkById.get('2030-second')!.alsoCitedIn).toEqual([]);
  });

  it('rejects an unknown further article, the talk’s own article cited again, and a further source with no section', async () => {
    const unknown = editionWithLaterArticle();
    unknown.talks[0].alsoCitedIn[0].article = 'no-such-article';
    expect(await problemsOfEdition(unknown)).toMatch(
      /talk "2030-first", alsoCitedIn #1, field "article": unknown article "no-such-article"/,
    );
    const twice = editionWithLaterArticle();
    twice.talks[0].alsoCitedIn[0].article = 'a-2030';
    expect(await problemsOfEdition(twice)).toMatch(
      /talk "2030-first", field "alsoCitedIn\.0\.article": "a-2030" is already the talk's "article"/,
    );
    const noSection = editionWithLaterArticle();
    delete noSection.talks[0].alsoCitedIn[0].section;
    expect(await problemsOfEdition(noSection)).toMatch(/talk "2030-first", field "alsoCitedIn\.0\.section"/);
  });

  it('shows every source on the talk’s context line, the conference write-up first', async () => {
    const catalogue = await loadCatalogue(catalogueDir({ 'topics.json': TOPICS, '2030.json': editionWithLaterArticle() }));
    const blocks = renderTalk(catalogue.talkById.get('2030-first')!, 'en', (id) => id);
    const context = blocks.find((block) => block.type === 'context') as { elements: Array<{ text: string }> };
    const sources = context.elements.find((element) => element.text.startsWith('📝'))!.text;
    expect(sources).toBe(
      '📝 <https://blog.example/2030/kubecon.html#scaling-again|Our KubeCon 2030 › Scaling, again> · ' +
        '<https://blog.example/2031/migration.html#health-checks|Our migration, a year on › Health checks>',
    );
  });

  it('holds the 2018 Kubervisor talk with its video and the 2019 migration article that tells what the team did with it', async () => {
    const catalogue = await loadCatalogue(path.join(PROJECT_ROOT, 'data'));
    const talk = catalogue.talkById.get('2018-kubervisor')!;
    expect(talk.video).toBe('https://www.youtube.com/watch?v=HIB_haT1z5M');
    expect(talk.alsoCitedIn?.map((source) => source.sectionUrl)).toEqual([
      'https://tech.bedrockstreaming.com/2019/03/11/Migrating-production-apps-from-on-premise-to-the-cloud-with-no-downtime.html#application-latencies-undetected-by-health-checks',
    ]);
    expect(talk.takeaway.en).toMatch(/liveness probe/);
    expect(talk.takeaway.fr).toMatch(/liveness probe/);
  });
});
