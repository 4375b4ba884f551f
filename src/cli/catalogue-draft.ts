import { readFile } from 'node:fs/promises';
import {
  type ArticleSpeaker,
  type ArticleVideo,
  canonicalVideoUrl,
  type ParsedArticle,
  parseArticle,
  slugify,
} from '../catalogue/articles.ts';
import { parseCommandLine, runCli, UsageError } from './run.ts';

const USAGE = `Usage: npm run -s catalogue:draft -- <article.md> > draft.json
Prints, as JSON, a draft catalogue entry for the article and for every talk it links a
video to or gives a "Title - Speaker, Company" heading. Fill in the TODO fields, topics and
keywords, then move the entries into the edition's file in data/.`;

const TODO = 'TODO';

/** Shaped like a talk of schema.ts, so that a filled-in draft loads as it is. */
interface TalkDraft {
  id: string;
  title: string;
  speakers: ArticleSpeaker[];
  video: string | null;
  article: string;
  section: string;
  topics: string[];
  keywords: { en: string[]; fr: string[] };
  takeaway: { en: string; fr: string };
}

interface Drafts {
  articles: Array<{ id: string; title: string; url: string; language: string; published: string }>;
  talks: TalkDraft[];
}

function talkDraft(
  article: ParsedArticle,
  fields: { id: string; title: string; speakers: readonly ArticleSpeaker[]; video: string | null; section: string },
): TalkDraft {
  return {
    id: fields.id,
    title: fields.title,
    speakers: fields.speakers.map((s) => (s.company ? { name: s.name, company: s.company } : { name: s.name })),
    video: fields.video,
    article: article.slug,
    section: fields.section || TODO,
    topics: [],
    keywords: { en: [], fr: [] },
    takeaway: { en: TODO, fr: TODO },
  };
}

/** One draft per talk: a video linked twice, or linked under its own talk heading, is still one talk. */
function draftTalks(article: ParsedArticle): { talks: TalkDraft[]; untitledLines: number[] } {
  const year = article.date.slice(0, 4);
  const ids = new Set<string>();
  const uniqueId = (base: string) => {
    let id = base;
    for (let n = 2; ids.has(id); n++) id = `${base}-${n}`;
    ids.add(id);
    return id;
  };

  const occurrences = new Map<string, ArticleVideo[]>();
  for (const video of article.videos) occurrences.set(video.id, [...(occurrences.get(video.id) ?? []), video]);
  // The occurrence that names the talk says the most about it.
  const videos = [...occurrences.values()].map((all) => all.find((v) => v.quotedTitle) ?? all[0]!);

  const drafts: Array<{ line: number; draft: TalkDraft }> = [];
  const attached = new Set<string>();
  for (const heading of article.talkHeadings) {
    const video = videos.find((v) => v.section === heading.section && !v.quotedTitle && !attached.has(v.id));
    if (video) attached.add(video.id);
    drafts.push({
      line: heading.line,
      draft: talkDraft(article, {
        id: uniqueId(`${year}-${slugify(heading.title, 50)}`),
        title: heading.title,
        speakers: heading.speakers,
        video: video ? canonicalVideoUrl(video.id) : null,
        section: heading.section,
      }),
    });
  }

  const untitledLines: number[] = [];
  for (const video of videos) {
    if (attached.has(video.id)) continue;
    if (!video.quotedTitle) untitledLines.push(video.line);
    drafts.push({
      line: video.line,
      draft: talkDraft(article, {
        id: uniqueId(`${year}-${video.quotedTitle ? slugify(video.quotedTitle, 50) : `todo-${slugify(video.id)}`}`),
        title: video.quotedTitle ?? TODO,
        speakers: video.speakers ?? [],
        video: canonicalVideoUrl(video.id),
        section: video.section,
      }),
    });
  }
  drafts.sort((a, b) => a.line - b.line);
  return { talks: drafts.map((d) => d.draft), untitledLines: untitledLines.sort((a, b) => a - b) };
}

function readOptions(argv: string[]): string | undefined {
  const parsed = parseCommandLine({ args: argv, options: {}, allowPositionals: true }, USAGE);
  if (!parsed) return undefined;
  if (parsed.positionals.length !== 1) {
    throw new UsageError(
      `${parsed.positionals.length === 0 ? 'No article given.' : `Expected one article, got ${parsed.positionals.length}.`}\n${USAGE}`,
    );
  }
  return parsed.positionals[0]!;
}

await runCli(async () => {
  const file = readOptions(process.argv.slice(2));
  if (file === undefined) return;
  let markdown: string;
  try {
    markdown = await readFile(file, 'utf8');
  } catch (error) {
    throw new UsageError(
      `${file}: cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)}); pass the path of an article such as ../shared/articles/2022-06-13-kubecon-2022-part-1.md`,
    );
  }
  const article = parseArticle(file, markdown);
  const { talks, untitledLines } = draftTalks(article);
  const drafts: Drafts = {
    articles: [{ id: article.slug, title: article.title || TODO, url: article.url, language: article.language, published: article.date }],
    talks,
  };
  console.log(JSON.stringify(drafts, null, 2));
  const untitled = untitledLines.length
    ? ` (${untitledLines.length} without a title near the link, line${untitledLines.length === 1 ? '' : 's'} ${untitledLines.join(', ')}: title "TODO")`
    : '';
  console.error(`${talks.length} draft${talks.length === 1 ? '' : 's'} from ${file}; fill in TODO fields${untitled}`);
});
