import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import {
  ArticleError,
  type ArticleSpeaker,
  canonicalVideoUrl,
  isArticleFileName,
  normaliseTitle,
  officialTitleKey,
  type ParsedArticle,
  parseArticle,
  parseTalkFacts,
  TALK_FACTS_FILE,
  type TalkFact,
  youtubeId,
} from '../catalogue/articles.ts';
import { loadCatalogue } from '../catalogue/load.ts';
import type { Catalogue, Talk } from '../catalogue/model.ts';
import { PROJECT_ROOT } from '../project-root.ts';
import { parseCommandLine, runCli, UsageError } from './run.ts';

const USAGE = `Usage: npm run -s catalogue:check -- [--json] [--data <catalogue dir>] <articles folder>
Lists the video links and "Title - Speaker, Company" talk headings of the articles that no
catalogue talk has, the catalogue videos that neither an article nor a confirmed row of the
folder's ${TALK_FACTS_FILE} cites, and the talks whose title differs from the official one a
confirmed row gives.
Exit status: 0 when all is covered, 1 when something is missing, 2 when the check cannot run.`;

/** Distinct from 1 ("something is missing") so that CI tells a broken call from a gap. */
interface MissingVideo {
  file: string;
  line: number;
  /** Every line citing the video, when the article cites it more than once. */
  lines: number[];
  id: string;
  url: string;
  title: string | null;
  section: string;
}

interface MissingTalkHeading {
  file: string;
  line: number;
  title: string;
  speakers: readonly ArticleSpeaker[];
  heading: string;
}

interface UncitedVideo {
  talk: string;
  title: string;
  video: string;
  article: string;
  /** The article file whose URL is the talk's article, if the folder has it. */
  file: string | null;
}

/** A talk whose video a confirmed talk-facts.md row identifies under another title. */
interface TitleMismatch {
  talk: string;
  video: string;
  title: string;
  officialTitle: string;
  line: number;
}

interface Report {
  ok: boolean;
  articlesDir: string;
  dataDir: string;
  talks: number;
  articles: Array<{ file: string; url: string; videos: number; talkHeadings: number }>;
  missingVideos: MissingVideo[];
  missingTalkHeadings: MissingTalkHeading[];
  uncitedVideos: UncitedVideo[];
  /** Catalogue videos no article links to, which a confirmed talk-facts.md row ties to the talk. */
  confirmedByTalkFacts: number;
  titleMismatches: TitleMismatch[];
}

const KEYNOTE_PREFIX = /^\s*keynote\s*:\s*/i;

/** A catalogue title may drop the "Keynote:" label the schedule put in front. */
function titleKeys(title: string): string[] {
  return [normaliseTitle(title), normaliseTitle(title.replace(KEYNOTE_PREFIX, ''))];
}

function videoKey(url: string): string {
  return youtubeId(url) ?? url;
}

function compare(
  catalogue: Catalogue,
  articles: readonly ParsedArticle[],
  talkFacts: readonly TalkFact[],
): Omit<Report, 'articlesDir' | 'dataDir'> {
  const catalogueVideos = new Set(catalogue.talks.flatMap((talk) => (talk.video ? [videoKey(talk.video)] : [])));
  const catalogueTitles = new Set(catalogue.talks.flatMap((talk) => titleKeys(talk.title)));
  // 2018 talks point at their own heading, so the section alone identifies them too.
  const catalogueSections = new Set(catalogue.talks.map((talk) => normaliseTitle(talk.section)));

  const missingVideos: MissingVideo[] = [];
  const missingTalkHeadings: MissingTalkHeading[] = [];
  const citedVideos = new Set<string>();
  const summaries: Report['articles'] = [];
  // Videos an article links that are no conference talk, as the catalogue says of that article.
  const catalogueArticles = [
    ...catalogue.talks.flatMap((talk) => [talk.article, ...(talk.alsoCitedIn ?? []).map((source) => source.article)]),
    ...catalogue.conclusions.map((conclusion) => conclusion.article),
  ];
  const otherVideos = new Set(
    catalogueArticles.flatMap((article) => (article.otherVideos ?? []).map((other) => `${article.url} ${videoKey(other.video)}`)),
  );

  for (const article of articles) {
    const byId = new Map<string, MissingVideo>();
    for (const video of article.videos) {
      citedVideos.add(video.id);
      const seen = byId.get(video.id);
      if (seen) {
        seen.lines.push(video.line);
        seen.title ??= video.quotedTitle ?? null;
        continue;
      }
      byId.set(video.id, {
        file: article.fileName,
        line: video.line,
        lines: [video.line],
        id: video.id,
        url: canonicalVideoUrl(video.id),
        title: video.quotedTitle ?? null,
        section: video.section,
      });
    }
    missingVideos.push(
      ...[...byId.values()].filter((video) => !catalogueVideos.has(video.id) && !otherVideos.has(`${article.url} ${video.id}`)),
    );

    for (const heading of article.talkHeadings) {
      const known =
        titleKeys(heading.title).some((key) => catalogueTitles.has(key)) ||
        catalogueTitles.has(normaliseTitle(heading.section)) ||
        catalogueSections.has(normaliseTitle(heading.section));
      if (!known) {
        missingTalkHeadings.push({
          file: article.fileName,
          line: heading.line,
          title: heading.title,
          speakers: heading.speakers,
          heading: heading.section,
        });
      }
    }
    summaries.push({ file: article.fileName, url: article.url, videos: byId.size, talkHeadings: article.talkHeadings.length });
  }

  // A confirmed row counts for a talk of the same year only: the table names editions, and ids get mislabelled.
  const confirmedFacts = talkFacts.filter((fact) => fact.confirmed);
  const confirmedFor = (talk: Talk & { video: string }) =>
    confirmedFacts.find((fact) => fact.videoId === videoKey(talk.video) && fact.edition.includes(String(talk.edition.year)));
  const recorded = catalogue.talks.filter((talk): talk is Talk & { video: string } => talk.video !== null);
  const confirmedByTalkFacts = recorded.filter((talk) => !citedVideos.has(videoKey(talk.video)) && confirmedFor(talk)).length;
  const titleMismatches = recorded.flatMap((talk): TitleMismatch[] => {
    const fact = confirmedFor(talk);
    if (!fact?.title || officialTitleKey(fact.title) === officialTitleKey(talk.title)) return [];
    return [{ talk: talk.id, video: talk.video, title: talk.title, officialTitle: fact.title, line: fact.line }];
  });

  const fileByUrl = new Map(articles.map((article) => [article.url, article.fileName]));
  const uncitedVideos = recorded
    .filter((talk) => !citedVideos.has(videoKey(talk.video)) && !confirmedFor(talk))
    .map((talk) => ({
      talk: talk.id,
      title: talk.title,
      video: talk.video,
      article: talk.article.id,
      file: fileByUrl.get(talk.article.url) ?? null,
    }));

  return {
    ok: missingVideos.length === 0 && missingTalkHeadings.length === 0 && uncitedVideos.length === 0 && titleMismatches.length === 0,
    talks: catalogue.talks.length,
    articles: summaries,
    missingVideos,
    missingTalkHeadings,
    uncitedVideos,
    confirmedByTalkFacts,
    titleMismatches,
  };
}

function speakersText(speakers: readonly ArticleSpeaker[]): string {
  return speakers.map((s) => (s.company ? `${s.name}, ${s.company}` : s.name)).join(' & ');
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

function toText(report: Report): string {
  const out: string[] = [
    `Checked ${plural(report.articles.length, 'article')} in ${report.articlesDir} against the catalogue in ${report.dataDir} (${plural(report.talks, 'talk')}).`,
    `"missing": the article has it, no catalogue talk does. "uncited": a catalogue video that no article links to and no confirmed row of ${TALK_FACTS_FILE} identifies.`,
  ];
  const files = [...new Set([...report.articles.map((a) => a.file), ...report.uncitedVideos.map((u) => u.file ?? '')])];
  for (const file of files) {
    const entries: Array<{ line: number; text: string }> = [];
    for (const video of report.missingVideos.filter((v) => v.file === file)) {
      const also = video.lines.length > 1 ? ` (also line ${video.lines.slice(1).join(', ')})` : '';
      const title = video.title ? ` "${video.title}"` : ' (no title near the link)';
      entries.push({ line: video.line, text: `line ${video.line}${also}: missing video ${video.url}${title}, section "${video.section}"` });
    }
    for (const heading of report.missingTalkHeadings.filter((h) => h.file === file)) {
      entries.push({
        line: heading.line,
        text: `line ${heading.line}: missing talk "${heading.title}" - ${speakersText(heading.speakers)}`,
      });
    }
    entries.sort((a, b) => a.line - b.line);
    for (const uncited of report.uncitedVideos.filter((u) => (u.file ?? '') === file)) {
      entries.push({
        line: Infinity,
        text: `uncited video: catalogue talk "${uncited.talk}" has ${uncited.video}, which no article links to`,
      });
    }
    if (entries.length === 0) continue;
    out.push('', file || 'Catalogue talks whose article is not in the folder', ...entries.map((entry) => `  ${entry.text}`));
  }

  if (report.titleMismatches.length > 0) {
    out.push('', TALK_FACTS_FILE);
    for (const mismatch of report.titleMismatches) {
      out.push(
        `  line ${mismatch.line}: title differs: catalogue talk "${mismatch.talk}" is "${mismatch.title}", the official title (confirmed) is "${mismatch.officialTitle}"`,
      );
    }
  }

  out.push('');
  if (report.ok) {
    const videos = report.articles.reduce((sum, a) => sum + a.videos, 0);
    const headings = report.articles.reduce((sum, a) => sum + a.talkHeadings, 0);
    out.push(
      `All covered: the catalogue has every one of the ${plural(videos, 'video')} and ${plural(headings, 'talk heading')}, and every catalogue video is cited ` +
        `(${report.confirmedByTalkFacts} of them by ${TALK_FACTS_FILE} alone), under its official title where ${TALK_FACTS_FILE} gives one.`,
    );
  } else {
    out.push(
      `Missing from the catalogue: ${plural(report.missingVideos.length, 'video')}, ${plural(report.missingTalkHeadings.length, 'talk heading')}. ` +
        `Catalogue videos cited in no article: ${report.uncitedVideos.length}. Titles that differ from the official one: ${report.titleMismatches.length}.`,
      'Draft the missing entries of an article with: npm run -s catalogue:draft -- <article.md> > draft.json',
    );
  }
  return out.join('\n');
}

async function readArticles(dir: string): Promise<ParsedArticle[]> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter(isArticleFileName).sort();
  } catch (error) {
    throw new UsageError(
      `${dir}: the articles folder cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})\n${USAGE}`,
    );
  }
  if (names.length === 0) throw new UsageError(`${dir}: holds no article (*.md besides README.md and talk-facts.md)\n${USAGE}`);
  const articles: ParsedArticle[] = [];
  for (const name of names) {
    const file = path.join(dir, name);
    let markdown: string;
    try {
      markdown = await readFile(file, 'utf8');
    } catch (error) {
      throw new UsageError(`${file}: cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
    }
    try {
      articles.push(parseArticle(file, markdown));
    } catch (error) {
      if (error instanceof ArticleError) throw new ArticleError(`${error.message}, or move it out of ${dir}`);
      throw error;
    }
  }
  return articles;
}

/** The folder's talk-facts.md, when it has one: not every articles folder does. */
async function readTalkFacts(dir: string): Promise<TalkFact[]> {
  const file = path.join(dir, TALK_FACTS_FILE);
  try {
    return parseTalkFacts(await readFile(file, 'utf8'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw new UsageError(`${file}: cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
}

function readOptions(argv: string[]) {
  const parsed = parseCommandLine(
    { args: argv, options: { json: { type: 'boolean', default: false }, data: { type: 'string' } }, allowPositionals: true },
    USAGE,
  );
  if (!parsed) return undefined;
  const { values, positionals } = parsed;
  if (positionals.length !== 1) {
    throw new UsageError(
      `${positionals.length === 0 ? 'No articles folder given.' : `Expected one articles folder, got ${positionals.length}.`}\n${USAGE}`,
    );
  }
  return { articlesDir: positionals[0]!, dataDir: values.data ?? path.join(PROJECT_ROOT, 'data'), json: values.json };
}

await runCli(async () => {
  const options = readOptions(process.argv.slice(2));
  if (!options) return;
  const articles = await readArticles(options.articlesDir);
  const talkFacts = await readTalkFacts(options.articlesDir);
  const catalogue = await loadCatalogue(options.dataDir);
  const { ok, ...found } = compare(catalogue, articles, talkFacts);
  const report: Report = { ok, articlesDir: options.articlesDir, dataDir: options.dataDir, ...found };
  console.log(options.json ? JSON.stringify(report, null, 2) : toText(report));
  process.exitCode = report.ok ? 0 : 1;
});
