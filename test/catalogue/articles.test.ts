import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  ArticleError,
  canonicalVideoUrl,
  guessLanguage,
  isArticleFileName,
  normaliseTitle,
  officialTitleKey,
  parseArticle,
  parseSpeakers,
  parseTalkFacts,
  slugify,
  splitTitleAndSpeakers,
  youtubeId,
} from '../../src/catalogue/articles.ts';

const BLOG = path.resolve(import.meta.dirname, '../fixtures/articles/blog');
const fixture = (name: string) => parseArticle(name, readFileSync(path.join(BLOG, name), 'utf8'));

/** An English article named like a post, so that each test shows only the markdown it is about. */
const article = (markdown: string) => parseArticle('2030-01-02-a-post.md', markdown);

describe('parseArticle: identity and front matter', () => {
  it('takes the date, slug and blog URL from the file name, even given a path', () => {
    const parsed = parseArticle('some/folder/2022-06-16-kubecon-2022-part-4.md', '');
    expect(parsed).toMatchObject({
      fileName: '2022-06-16-kubecon-2022-part-4.md',
      slug: 'kubecon-2022-part-4',
      date: '2022-06-16',
      url: 'https://tech.bedrockstreaming.com/2022/06/16/kubecon-2022-part-4.html',
    });
  });

  it('rejects a file not named like a post, naming the file and the expected name', () => {
    expect(() => parseArticle('notes/kubecon.md', '')).toThrow(ArticleError);
    expect(() => parseArticle('notes/kubecon.md', '')).toThrow(/notes\/kubecon\.md: .*YYYY-MM-DD-slug\.md/);
  });

  it('reads the title, quoted or not, and a declared language', () => {
    expect(article('---\ntitle: "Day 1: \\"quoted\\""\nlanguage: fr\n---\nThe text is English.').title).toBe('Day 1: "quoted"');
    expect(article('---\ntitle: "Day 1"\nlanguage: fr\n---\nThe text is English.').language).toBe('fr');
    expect(article('---\ntitle: KubeCon Europe 2030, Lyon\n---\n').title).toBe('KubeCon Europe 2030, Lyon');
    expect(article('No front matter at all.').title).toBe('');
  });

  it('guesses French when no language is declared and the text is French', () => {
    expect(fixture('2030-04-02-kubecon-2030-partie-2.md').language).toBe('fr');
    expect(fixture('2030-04-03-kubecon-europe-2030.md').language).toBe('en');
    expect(guessLanguage('Nous avons vu une conférence sur les coûts et la scalabilité.')).toBe('fr');
    expect(guessLanguage('We saw a talk on the costs of scaling, and it is worth it.')).toBe('en');
  });

  it('leaves README.md and talk-facts.md out of the articles', () => {
    expect(['README.md', 'talk-facts.md', '2030-01-02-a-post.md', 'notes.txt'].filter(isArticleFileName)).toEqual(['2030-01-02-a-post.md']);
  });
});

describe('parseArticle: headings', () => {
  it('lists headings with their level and their line in the file, front matter included', () => {
    const parsed = fixture('2030-04-01-kubecon-2030-day-1.md');
    expect(parsed.headings.slice(0, 3)).toEqual([
      { level: 1, text: 'Keynotes', line: 11 },
      {
        level: 2,
        text: 'Opening the Floodgates - Ada Lovelace, Chief Engineer, Analytical Engines, Ltd & Alan Turing, Bletchley',
        line: 13,
      },
      { level: 1, text: 'Welcome reception', line: 17 },
    ]);
  });

  it('ignores "# comments" and links inside code blocks', () => {
    const parsed = fixture('2030-04-01-kubecon-2030-day-1.md');
    expect(parsed.headings.map((h) => h.text)).not.toContain('Not a heading - Nobody, Nowhere');
    expect(parsed.videos).toEqual([]);
  });

  it('takes "Title - Speaker, Company" h1 and h2 headings as talks, and skips the others', () => {
    const parsed = fixture('2030-04-01-kubecon-2030-day-1.md');
    expect(parsed.talkHeadings).toEqual([
      {
        title: 'Opening the Floodgates',
        speakers: [
          { name: 'Ada Lovelace', company: 'Analytical Engines, Ltd' },
          { name: 'Alan Turing', company: 'Bletchley' },
        ],
        line: 13,
        section: 'Opening the Floodgates - Ada Lovelace, Chief Engineer, Analytical Engines, Ltd & Alan Turing, Bletchley',
      },
      {
        title: 'Autoscaling All The Things',
        speakers: [{ name: 'Grace Hopper', company: 'Navy' }],
        line: 21,
        section: 'Autoscaling All The Things – Grace Hopper, Navy',
      },
      {
        title: 'Costs Without Tears',
        speakers: [
          { name: 'Edsger Dijkstra', company: 'Eindhoven' },
          { name: 'Barbara Liskov', company: 'Eindhoven' },
        ],
        line: 30,
        section: 'Costs Without Tears - Edsger Dijkstra & Barbara Liskov, Eindhoven',
      },
    ]);
  });
});

describe('splitTitleAndSpeakers', () => {
  it('splits at the last dash, so a title may hold dashes of its own', () => {
    expect(splitTitleAndSpeakers('Kubernetes and Taxes - A Case Study - Bjarte S. Karlsen, The Tax Office')?.title).toBe(
      'Kubernetes and Taxes - A Case Study',
    );
    expect(splitTitleAndSpeakers('Prometheus 2.0 – The Next Scale - Fabian Reinartz, Software Engineer, Google')).toEqual({
      title: 'Prometheus 2.0 – The Next Scale',
      speakers: [{ name: 'Fabian Reinartz', company: 'Google' }],
    });
  });

  it('keeps titles whole when what follows the dash is not a speaker', () => {
    for (const heading of [
      'Keynotes',
      'Party, Tivoli Gardens',
      'Final words?',
      'Istio - The Weather Company Journey',
      'Empowering Efficiency: PEAKS - Orchestrating Power-Aware Kubernetes Scheduling',
    ]) {
      expect(splitTitleAndSpeakers(heading), heading).toBeUndefined();
    }
  });
});

describe('parseSpeakers', () => {
  it('reads "Name, Company" pairs, separated by commas, "&" or ";"', () => {
    expect(parseSpeakers('Ann One, Acme, Bob Two, Globex & Cy Three, Initech')).toEqual([
      { name: 'Ann One', company: 'Acme' },
      { name: 'Bob Two', company: 'Globex' },
      { name: 'Cy Three', company: 'Initech' },
    ]);
  });

  it('drops the role of the keynote style "Name, Role, Company" and keeps "Inc." with its company', () => {
    expect(
      parseSpeakers('Ann One, Technology Evangelist, Acme; Bob Two, Product Manager, Globex Communications, Inc. & Cy Three, CTO, Initech'),
    ).toEqual([
      { name: 'Ann One', company: 'Acme' },
      { name: 'Bob Two', company: 'Globex Communications, Inc.' },
      { name: 'Cy Three', company: 'Initech' },
    ]);
  });

  it('gives "A & B, Company" the company to both', () => {
    expect(parseSpeakers('Ann One & Bob Two, Acme')).toEqual([
      { name: 'Ann One', company: 'Acme' },
      { name: 'Bob Two', company: 'Acme' },
    ]);
  });
});

describe('parseArticle: video links', () => {
  it('finds watch, youtu.be, embed and no-cookie links, by video ID, with their line and section', () => {
    const parsed = fixture('2030-04-02-kubecon-2030-partie-2.md');
    expect(parsed.videos.map((v) => [v.id, v.line, v.section])).toEqual([
      ['fixVideo001', 10, 'Le réseau, autrement'],
      ['fixVideo002', 12, 'Le réseau, autrement'],
      ['fixVideo003', 12, 'Le réseau, autrement'],
      ['fixVideo004', 16, 'Les coûts'],
      ['fixVideo001', 16, 'Les coûts'],
      ['fixVideo005', 18, 'Les coûts'],
    ]);
    expect(parsed.videos[0]!.url).toBe('https://www.youtube.com/watch?v=fixVideo001&list=PLfixture&index=3');
  });

  it('takes the quoted title before each link: “…”, "…" and *"…"*, never one after it', () => {
    const titles = fixture('2030-04-02-kubecon-2030-partie-2.md').videos.map((v) => v.quotedTitle);
    expect(titles).toEqual(['Packets at the Speed of Light', 'Mesh Without Sidecars', 'Quiet Clusters', undefined, undefined, undefined]);
    expect(article('See ([video](https://youtu.be/fixVideo001)), then “A Later Title”.').videos[0]!.quotedTitle).toBeUndefined();
  });

  it('takes a link text as the title, with its speakers, when it names a talk', () => {
    const videos = fixture('2030-04-03-kubecon-europe-2030.md').videos;
    expect(videos[0]).toMatchObject({
      id: 'fixVideo006',
      section: 'Green clusters',
      quotedTitle: 'Heating Homes with Idle Nodes',
      speakers: [
        { name: 'Marie Curie', company: 'Radium Co' },
        { name: 'Pierre Curie', company: 'Radium Co' },
      ],
    });
    expect(videos[1]).toMatchObject({ quotedTitle: 'Power-Aware Scheduling: PEAKS - Smarter Placement' });
    expect(videos[1]!.speakers).toBeUndefined();
    // "⏩ here" is not a title; the link text is still kept as a hint.
    expect(videos[2]).toMatchObject({ id: 'fixVideo008', linkText: '⏩ here' });
    expect(videos[2]!.quotedTitle).toBeUndefined();
  });

  it('keeps a one-word link text as a hint, not as a title', () => {
    const [video] = article('Watch the [skyscanner](https://www.youtube.com/watch?v=fixVideo001) one.').videos;
    expect(video).toMatchObject({ linkText: 'skyscanner', section: '' });
    expect(video!.quotedTitle).toBeUndefined();
  });

  it('ignores links that are not YouTube videos', () => {
    expect(article('[slides](https://example.com/watch?v=fixVideo001) and https://vimeo.com/123456789').videos).toEqual([]);
  });
});

describe('video and title helpers', () => {
  it('reads the video ID of every YouTube link form', () => {
    for (const url of [
      'https://www.youtube.com/watch?v=YX0sql_3dt8&list=PLj6h78yzYM2P&index=2',
      'https://youtube.com/watch?feature=shared&v=YX0sql_3dt8',
      'https://youtu.be/YX0sql_3dt8?t=10',
      'https://www.youtube.com/embed/YX0sql_3dt8',
      'https://www.youtube-nocookie.com/embed/YX0sql_3dt8',
    ]) {
      expect(youtubeId(url), url).toBe('YX0sql_3dt8');
    }
    expect(youtubeId('https://example.com/YX0sql_3dt8')).toBeUndefined();
    expect(canonicalVideoUrl('YX0sql_3dt8')).toBe('https://www.youtube.com/watch?v=YX0sql_3dt8');
  });

  it('normalises titles across case, accents, apostrophes and punctuation', () => {
    expect(normaliseTitle('Whats Up With All The Different Container Runtimes?')).toBe(
      normaliseTitle("What's up with all the different container runtimes"),
    );
    expect(normaliseTitle('Réseau – Bande passante')).toBe('reseau bande passante');
  });

  it('makes schema-valid slugs, cut at a word', () => {
    expect(slugify('Heating Pools with Cloud Power: A New Wave')).toBe('heating-pools-with-cloud-power-a-new-wave');
    expect(slugify('Scaling New Heights with KEDA: Performance, Extensions, and Beyond', 30)).toBe('scaling-new-heights-with-keda');
  });
});

describe('parseTalkFacts', () => {
  const table = [
    '| edition | video id | official title | speakers (company) | source | confidence |',
    '|---|---|---|---|---|---|',
    '| EU 2018 Copenhagen | lHv0LVEIPk8 | What\'s Up With Runtimes? (blog heading has "Whats") | Ricardo (Branch) | notes | confirmed |',
    '| EU 2018 Copenhagen | 8-apJyr2gi0 | Inside Resource Management (QoS) (Intermediate Skill Level) | Michael (VMware) | a blog | confirmed, one source only |',
    '| EU 2024 Paris | 7_a9mCTcxkk | Measuring Energy with Kepler \\| Project Lightning Talk | Someone | a list | probable |',
    '| KCD France 2023, Paris | OKIehz7p4ug | not found (blog: "keynote") | blog: Solomon Hykes | article only | not confirmed |',
  ].join('\n');

  it('reads each row, keeps the title without its notes, and tells confirmed rows from the others', () => {
    expect(parseTalkFacts(`# Facts\n\n${table}\n\nSome prose | with a pipe.`)).toEqual([
      { edition: 'EU 2018 Copenhagen', videoId: 'lHv0LVEIPk8', title: "What's Up With Runtimes?", confirmed: true, line: 5 },
      {
        edition: 'EU 2018 Copenhagen',
        videoId: '8-apJyr2gi0',
        title: 'Inside Resource Management (QoS) (Intermediate Skill Level)',
        confirmed: true,
        line: 6,
      },
      {
        edition: 'EU 2024 Paris',
        videoId: '7_a9mCTcxkk',
        title: 'Measuring Energy with Kepler | Project Lightning Talk',
        confirmed: false,
        line: 7,
      },
      { edition: 'KCD France 2023, Paris', videoId: 'OKIehz7p4ug', title: '', confirmed: false, line: 8 },
    ]);
  });

  it('compares official titles past the schedule’s labels and typography, but not past a dropped apostrophe', () => {
    expect(officialTitleKey('Keynote: Prometheus 2.0 – The Next Scale')).toBe(officialTitleKey('Prometheus 2.0 - The Next Scale'));
    expect(officialTitleKey('Jenkins X: Easy CI/CD (Intermediate Skill Level)')).toBe(officialTitleKey('Jenkins X: Easy CI/CD'));
    expect(officialTitleKey('Show Me Your Labels and I’ll Tell You')).toBe(officialTitleKey("Show Me Your Labels and I'll Tell You"));
    expect(officialTitleKey('A Hackers Guide')).not.toBe(officialTitleKey("A Hacker's Guide"));
  });
});
