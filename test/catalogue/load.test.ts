import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CatalogueError, loadCatalogue, sectionAnchor } from '../../src/catalogue/load.ts';
import { PROJECT_ROOT } from '../../src/config.ts';
import { catalogueDir, problemsOf, TOPICS, validEdition } from '../fixtures/catalogue.ts';

describe('loadCatalogue', () => {
  it('loads a valid catalogue and resolves editions, articles and section links', async () => {
    const catalogue = await loadCatalogue(catalogueDir({ 'topics.json': TOPICS, '2030.json': validEdition() }));
    expect(catalogue.talks.map((t) => t.id)).toEqual(['2030-first', '2030-second']);
    const talk = catalogue.talkById.get('2030-first')!;
    expect(talk.edition.city).toBe('Lyon');
    expect(talk.article.language).toBe('en');
    expect(talk.sectionUrl).toBe('https://blog.example/2030/kubecon.html#scaling-again');
    expect(catalogue.conclusions[0]!.edition.year).toBe(2030);
    expect(Object.isFrozen(catalogue)).toBe(true);
  });

  it('names the file, the talk id and the field of a malformed entry', async () => {
    const edition = validEdition();
    edition.talks[1].takeaway.fr = '';
    const problems = await problemsOf({ 'topics.json': TOPICS, '2030.json': edition });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/2030\.json: talk "2030-second", field "takeaway\.fr": must not be empty/);
  });

  it('rejects duplicate ids, bad URLs, unknown topics and unknown articles, all in one report', async () => {
    const edition = validEdition();
    edition.talks[1].id = '2030-first';
    edition.talks[0].video = 'http://not-https.example/v';
    edition.talks[0].topics = ['autoscaling', 'knitting'];
    edition.talks[1].article = 'missing-article';
    const problems = await problemsOf({ 'topics.json': TOPICS, '2030.json': edition });
    expect(problems.join('\n')).toMatch(/talk "2030-first", field "video": must be an https:\/\/ URL/);
    // The bad URL stops that file at schema level; a second file shows the cross-file checks.
    const second = validEdition();
    second.edition.id = 'other';
    second.talks[0].topics = ['knitting'];
    second.talks[1].article = 'missing-article';
    const more = await problemsOf({ 'topics.json': TOPICS, 'a.json': validEdition(), 'b.json': second });
    expect(more.join('\n')).toMatch(/b\.json: talk "2030-first": duplicate id, already used in .*a\.json/);
    expect(more.join('\n')).toMatch(/unknown topic "knitting"/);
    expect(more.join('\n')).toMatch(/talk "2030-second", field "article": unknown article "missing-article"/);
  });

  it('rejects a file that is not JSON, naming it', async () => {
    const problems = await problemsOf({ 'topics.json': TOPICS, 'broken.json': '{ "edition": ' });
    expect(problems[0]).toMatch(/broken\.json: is not valid JSON/);
  });

  it('rejects unknown fields, so a typo in a field name is not silently ignored', async () => {
    const edition = validEdition();
    edition.talks[0].takaway = { en: 'x', fr: 'y' };
    const problems = await problemsOf({ 'topics.json': TOPICS, '2030.json': edition });
    expect(problems.join('\n')).toMatch(/talk "2030-first".*takaway/);
  });

  it('never serves a half-loaded catalogue: one bad file rejects them all', async () => {
    const bad = validEdition();
    bad.edition.id = 'bad';
    bad.talks = bad.talks.map((t: { id: string }) => ({ ...t, id: `x-${t.id}` }));
    bad.talks[0].video = 'https://www.youtube.com/watch?v=zzzzzzzzzzz';
    bad.talks[0].speakers = 'nobody';
    await expect(loadCatalogue(catalogueDir({ 'topics.json': TOPICS, 'good.json': validEdition(), 'bad.json': bad }))).rejects.toThrow(
      CatalogueError,
    );
  });

  it('needs the topic vocabulary and at least one edition', async () => {
    const problems = await problemsOf({});
    expect(problems.join('\n')).toMatch(/topics\.json: missing/);
    expect(problems.join('\n')).toMatch(/holds no edition file/);
  });

  it('builds the anchors the blog gives its headings', () => {
    expect(sectionAnchor('Debugger, en production, avec des conteneurs éphémères')).toBe(
      'debugger-en-production-avec-des-conteneurs-éphémères',
    );
    expect(sectionAnchor('Service Mesh : Cilium')).toBe('service-mesh--cilium');
  });
});

describe('the real catalogue', async () => {
  const catalogue = await loadCatalogue(path.join(PROJECT_ROOT, 'data'));
  const byYear = (year: number) => catalogue.talks.filter((t) => t.edition.year === year);

  it('holds every talk with a video from 2022 and 2024, the 2024 talk without one, and the 27 recorded talks of 2018', () => {
    expect(byYear(2022).filter((t) => t.video)).toHaveLength(25);
    expect(byYear(2024).filter((t) => t.video)).toHaveLength(8);
    expect(byYear(2024).filter((t) => !t.video)).toHaveLength(1);
    // talk-facts.md found a CNCF recording for 27 of the 36 talks of 2018, and none for the other 9.
    expect(byYear(2018)).toHaveLength(36);
    expect(byYear(2018).filter((t) => t.video)).toHaveLength(27);
  });

  it('has bilingual conclusions for every edition', () => {
    for (const year of [2018, 2022, 2024]) {
      expect(catalogue.conclusions.filter((c) => c.edition.year === year).length).toBeGreaterThan(0);
    }
  });
});

describe('events other than KubeCon', () => {
  const kcd = () => {
    const edition = validEdition();
    edition.edition = {
      id: 'kcd-lyon-2031',
      name: 'Kubernetes Community Days Lyon 2031',
      kind: 'kcd',
      event: 'KCD Lyon',
      city: 'Lyon',
      year: 2031,
    };
    return edition;
  };

  it('reads a KubeCon file that names no kind or event as KubeCon EU', async () => {
    const catalogue = await loadCatalogue(catalogueDir({ 'topics.json': TOPICS, '2030.json': validEdition() }));
    expect(catalogue.editions[0]).toMatchObject({ kind: 'kubecon', event: 'KubeCon EU' });
  });

  it('accepts a Kubernetes Community Days edition with its kind and its name', async () => {
    const catalogue = await loadCatalogue(catalogueDir({ 'topics.json': TOPICS, 'kcd.json': kcd() }));
    expect(catalogue.editions[0]).toMatchObject({ id: 'kcd-lyon-2031', kind: 'kcd', event: 'KCD Lyon' });
  });

  it('rejects an unknown kind of event, and a kind with no default name when the file gives none', async () => {
    const meetup = kcd();
    meetup.edition.kind = 'meetup';
    expect((await problemsOf({ 'topics.json': TOPICS, 'kcd.json': meetup })).join('\n')).toMatch(/field "edition\.kind"/);
    const unnamed = kcd();
    delete unnamed.edition.event;
    expect((await problemsOf({ 'topics.json': TOPICS, 'kcd.json': unnamed })).join('\n')).toMatch(/field "edition\.event": needs "event"/);
  });

  it('links a talk of an article’s opening, which has no heading, to the article itself', async () => {
    const edition = kcd();
    edition.talks[0].section = edition.articles[0].title;
    const catalogue = await loadCatalogue(catalogueDir({ 'topics.json': TOPICS, 'kcd.json': edition }));
    expect(catalogue.talkById.get('2030-first')!.sectionUrl).toBe('https://blog.example/2030/kubecon.html');
  });

  it('holds KCD France 2023: the opening keynote and three talks, each with its video, and the team’s conclusion', async () => {
    const catalogue = await loadCatalogue(path.join(PROJECT_ROOT, 'data'));
    const edition = catalogue.editions.find((e) => e.kind === 'kcd')!;
    expect(edition).toMatchObject({ event: 'KCD France', city: 'Paris', year: 2023 });
    const talks = catalogue.talks.filter((t) => t.edition === edition);
    expect(talks).toHaveLength(4);
    expect(talks.every((t) => t.video !== null)).toBe(true);
    // The article gives no team position on any of them: no stance.
    expect(talks.filter((t) => t.stance !== undefined)).toEqual([]);
    expect(catalogue.conclusions.filter((c) => c.edition === edition)).toHaveLength(1);
  });
});
