import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCommand } from './child-process.ts';

const PROJECT_ROOT = path.resolve(import.meta.dirname, '../..');
const FIXTURES = path.join(PROJECT_ROOT, 'test/fixtures/articles');
const BLOG = path.join(FIXTURES, 'blog');
const DATA = path.join(FIXTURES, 'data');
// CI checks out the shared reference material beside the project, not at a fixed path.
const REAL_ARTICLES = path.resolve(PROJECT_ROOT, '../shared/articles');

const check = (...args: string[]) => runCommand('catalogue-check.ts', args);
const draft = (...args: string[]) => runCommand('catalogue-draft.ts', args);

/** The fixture catalogue plus the talks it deliberately lacks, and without the uncited one. */
function completeCatalogue(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'kubecon-check-'));
  copyFileSync(path.join(DATA, 'topics.json'), path.join(dir, 'topics.json'));
  const edition = JSON.parse(readFileSync(path.join(DATA, 'kubecon-eu-2030.json'), 'utf8'));
  const template = edition.talks[0];
  edition.talks = edition.talks.filter((talk: { id: string }) => talk.id !== '2030-never-cited');
  edition.talks.push(
    {
      ...template,
      id: '2030-quiet',
      title: 'Quiet Clusters',
      video: 'https://www.youtube.com/watch?v=fixVideo003',
      article: 'kubecon-2030-partie-2',
      section: 'Le réseau, autrement',
    },
    { ...template, id: '2030-costs', title: 'Costs without tears', video: null, section: 'Costs' },
  );
  writeFileSync(path.join(dir, 'kubecon-eu-2030.json'), JSON.stringify(edition));
  return dir;
}

// Each test spawns its own processes and shares no state, so they run side by side.
describe.concurrent('catalogue:check', () => {
  it('names the missing video, the missing talk heading and the uncited video, with lines, and exits 1', async () => {
    const { code, stdout } = await check(BLOG, '--data', DATA);
    expect(code).toBe(1);
    expect(stdout).toMatch(
      /2030-04-02-kubecon-2030-partie-2\.md\n\s+line 12: missing video https:\/\/www\.youtube\.com\/watch\?v=fixVideo003 "Quiet Clusters"/,
    );
    expect(stdout).toMatch(
      /2030-04-01-kubecon-2030-day-1\.md\n\s+line 30: missing talk "Costs Without Tears" - Edsger Dijkstra, Eindhoven & Barbara Liskov, Eindhoven/,
    );
    expect(stdout).toMatch(/catalogue talk "2030-never-cited" has https:\/\/www\.youtube\.com\/watch\?v=fixVideo999/);
    expect(stdout).toMatch(/Missing from the catalogue: 1 video, 1 talk heading\. Catalogue videos cited in no article: 1\./);
    // Covered talks, however their video URL or title is written, are not reported; README.md is not read.
    expect(stdout).not.toMatch(/fixVideo00[124-8]|Floodgates|Autoscaling|fixVideo99[01]/);
  });

  it('prints the same findings as JSON with --json', async () => {
    const { code, stdout } = await check('--json', '--data', DATA, BLOG);
    expect(code).toBe(1);
    const report = JSON.parse(stdout);
    expect(report.ok).toBe(false);
    expect(report.articles.map((a: { file: string }) => a.file)).toEqual([
      '2030-04-01-kubecon-2030-day-1.md',
      '2030-04-02-kubecon-2030-partie-2.md',
      '2030-04-03-kubecon-europe-2030.md',
    ]);
    expect(report.missingVideos).toEqual([
      {
        file: '2030-04-02-kubecon-2030-partie-2.md',
        line: 12,
        lines: [12],
        id: 'fixVideo003',
        url: 'https://www.youtube.com/watch?v=fixVideo003',
        title: 'Quiet Clusters',
        section: 'Le réseau, autrement',
      },
    ]);
    expect(report.missingTalkHeadings).toMatchObject([
      { file: '2030-04-01-kubecon-2030-day-1.md', line: 30, title: 'Costs Without Tears' },
    ]);
    expect(report.uncitedVideos).toEqual([
      {
        talk: '2030-never-cited',
        title: 'A Talk No Article Links To',
        video: 'https://www.youtube.com/watch?v=fixVideo999',
        article: 'kubecon-europe-2030',
        file: '2030-04-03-kubecon-europe-2030.md',
      },
    ]);
  });

  it('exits 0 when the catalogue covers every article', async () => {
    const { code, stdout } = await check(BLOG, '--data', completeCatalogue());
    expect(code).toBe(0);
    expect(stdout).toMatch(/All covered: the catalogue has every one of the 8 videos and 3 talk headings/);
  });

  it('takes a confirmed talk-facts.md row as a video’s source, and reports a title that differs from its official one', async () => {
    const blog = mkdtempSync(path.join(tmpdir(), 'kubecon-check-blog-'));
    for (const name of readdirSync(BLOG)) copyFileSync(path.join(BLOG, name), path.join(blog, name));
    const row = (id: string, title: string, confidence: string) =>
      `| EU 2030 Lyon | ${id} | ${title} | Ada (Analytical) | a notes file | ${confidence} |`;
    writeFileSync(
      path.join(blog, 'talk-facts.md'),
      [
        '| edition | video id | official title | speakers (company) | source | confidence |',
        '|---|---|---|---|---|---|',
        row('fixVideo999', 'Keynote: A Talk No Article Links To (Intermediate Skill Level)', 'confirmed'),
        row('fixVideo001', 'Floodgates’ Official Title', 'not confirmed'),
      ].join('\n'),
    );
    const same = await check('--json', '--data', DATA, blog);
    expect(JSON.parse(same.stdout)).toMatchObject({ uncitedVideos: [], confirmedByTalkFacts: 1, titleMismatches: [] });

    const data = completeCatalogue();
    const edition = JSON.parse(readFileSync(path.join(DATA, 'kubecon-eu-2030.json'), 'utf8'));
    const cited = edition.talks.find((talk: { id: string }) => talk.id === '2030-never-cited');
    const file = path.join(data, 'kubecon-eu-2030.json');
    const complete = JSON.parse(readFileSync(file, 'utf8'));
    complete.talks.push({ ...cited, title: 'A Talk No Articles Links To' });
    writeFileSync(file, JSON.stringify(complete));
    const differs = await check('--data', data, blog);
    expect(differs.code).toBe(1);
    expect(differs.stdout).toMatch(
      /talk-facts\.md\n\s+line 3: title differs: catalogue talk "2030-never-cited" is "A Talk No Articles Links To", the official title \(confirmed\) is "Keynote: A Talk No Article Links To \(Intermediate Skill Level\)"/,
    );
    // An unconfirmed row changes nothing.
    expect(differs.stdout).not.toMatch(/Floodgates/);
  });

  it('exits 2 with the usage when the folder is missing or unreadable', async () => {
    const none = await check();
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/No articles folder given\.\nUsage: npm run -s catalogue:check -- /);
    const absent = await check(path.join(FIXTURES, 'no-such-folder'));
    expect(absent.code).toBe(2);
    expect(absent.stderr).toMatch(/no-such-folder: the articles folder cannot be read \(ENOENT\)/);
    expect((await check('--bogus', BLOG)).code).toBe(2);
  });

  it('exits 1 and lists the problems when the catalogue itself is invalid', async () => {
    const { code, stderr } = await check(BLOG, '--data', FIXTURES);
    expect(code).toBe(1);
    expect(stderr).toMatch(/The talk catalogue is invalid/);
  });

  it.skipIf(!existsSync(REAL_ARTICLES))('reads the real articles and reports on every one of them', async () => {
    const { code, stdout } = await check('--json', '--data', DATA, REAL_ARTICLES);
    expect(code).toBe(1);
    const report = JSON.parse(stdout);
    const files = readdirSync(REAL_ARTICLES).filter((name) => name.endsWith('.md') && name !== 'README.md' && name !== 'talk-facts.md');
    expect(report.articles.map((a: { file: string }) => a.file).sort()).toEqual(files.sort());
    // The fixture catalogue shares nothing with the real articles, so every video is missing.
    expect(report.missingVideos.length).toBe(report.articles.reduce((sum: number, a: { videos: number }) => sum + a.videos, 0));
    expect(report.missingVideos.length).toBeGreaterThan(0);
    expect(report.missingTalkHeadings.length).toBeGreaterThan(0);
  });
});

describe.concurrent('catalogue:draft', () => {
  it('drafts the article and one talk per video, with titles, sections and canonical URLs', async () => {
    const file = path.join(BLOG, '2030-04-02-kubecon-2030-partie-2.md');
    const { code, stdout, stderr } = await draft(file);
    expect(code).toBe(0);
    const placeholders = {
      article: 'kubecon-2030-partie-2',
      topics: [],
      keywords: { en: [], fr: [] },
      takeaway: { en: 'TODO', fr: 'TODO' },
    };
    const video = (id: string) => `https://www.youtube.com/watch?v=${id}`;
    expect(JSON.parse(stdout)).toEqual({
      articles: [
        {
          id: 'kubecon-2030-partie-2',
          title: 'Notre KubeCon 2030, 2e partie : réseau et coûts',
          url: 'https://tech.bedrockstreaming.com/2030/04/02/kubecon-2030-partie-2.html',
          language: 'fr',
          published: '2030-04-02',
        },
      ],
      talks: [
        {
          id: '2030-packets-at-the-speed-of-light',
          title: 'Packets at the Speed of Light',
          speakers: [],
          video: video('fixVideo001'),
          section: 'Le réseau, autrement',
          ...placeholders,
        },
        {
          id: '2030-mesh-without-sidecars',
          title: 'Mesh Without Sidecars',
          speakers: [],
          video: video('fixVideo002'),
          section: 'Le réseau, autrement',
          ...placeholders,
        },
        {
          id: '2030-quiet-clusters',
          title: 'Quiet Clusters',
          speakers: [],
          video: video('fixVideo003'),
          section: 'Le réseau, autrement',
          ...placeholders,
        },
        { id: '2030-todo-fixvideo004', title: 'TODO', speakers: [], video: video('fixVideo004'), section: 'Les coûts', ...placeholders },
        { id: '2030-todo-fixvideo005', title: 'TODO', speakers: [], video: video('fixVideo005'), section: 'Les coûts', ...placeholders },
      ],
    });
    expect(stderr.trim()).toBe(`5 drafts from ${file}; fill in TODO fields (2 without a title near the link, lines 16, 18: title "TODO")`);
  });

  it('drafts talk headings and link-text titles with their speakers', async () => {
    const headings = JSON.parse((await draft(path.join(BLOG, '2030-04-01-kubecon-2030-day-1.md'))).stdout);
    expect(headings.articles[0].language).toBe('en');
    expect(headings.talks.map((t: { id: string }) => t.id)).toEqual([
      '2030-opening-the-floodgates',
      '2030-autoscaling-all-the-things',
      '2030-costs-without-tears',
    ]);
    expect(headings.talks[2]).toMatchObject({
      title: 'Costs Without Tears',
      speakers: [
        { name: 'Edsger Dijkstra', company: 'Eindhoven' },
        { name: 'Barbara Liskov', company: 'Eindhoven' },
      ],
      video: null,
      section: 'Costs Without Tears - Edsger Dijkstra & Barbara Liskov, Eindhoven',
    });

    const links = JSON.parse((await draft(path.join(BLOG, '2030-04-03-kubecon-europe-2030.md'))).stdout);
    expect(links.talks[0]).toMatchObject({
      id: '2030-heating-homes-with-idle-nodes',
      title: 'Heating Homes with Idle Nodes',
      speakers: [
        { name: 'Marie Curie', company: 'Radium Co' },
        { name: 'Pierre Curie', company: 'Radium Co' },
      ],
      video: 'https://www.youtube.com/watch?v=fixVideo006',
      section: 'Green clusters',
    });
  });

  it('exits 2 with the usage when no article, or a file not named like a post, is given', async () => {
    const none = await draft();
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/No article given\.\nUsage: npm run -s catalogue:draft -- <article\.md> > draft\.json/);
    const readme = await draft(path.join(BLOG, 'README.md'));
    expect(readme.code).toBe(2);
    expect(readme.stderr).toMatch(/README\.md: not named like a blog post/);
    const absent = await draft(path.join(BLOG, '2030-01-01-missing.md'));
    expect(absent.code).toBe(2);
    expect(absent.stderr).toMatch(/2030-01-01-missing\.md: cannot be read \(ENOENT\)/);
  });
});
