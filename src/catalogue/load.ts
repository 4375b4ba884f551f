import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Article, Catalogue, Conclusion, Edition, Talk, TalkSource, Topic } from './model.ts';
import type { SourceFile, ValidatedFiles } from './validate.ts';
import { keepValidated, readValidated, validatedKey } from './validated-cache.ts';
import { DEFAULT_EVENT_NAMES } from './vocabulary.ts';

export const TOPICS_FILE = 'topics.json';

/** Every problem found in the catalogue, so a maintainer fixes them all in one pass. */
export class CatalogueError extends Error {
  readonly problems: readonly string[];
  constructor(problems: readonly string[]) {
    super(
      `The talk catalogue is invalid (${problems.length} problem${problems.length === 1 ? '' : 's'}); ` +
        `fix the data files and start again:\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    );
    this.name = 'CatalogueError';
    this.problems = problems;
  }
}

/**
 * The anchor GitHub-flavoured kramdown (the blog's Jekyll) gives a heading, so a talk
 * can link to the very section of the article that discusses it.
 */
export function sectionAnchor(heading: string): string {
  return heading
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc}\- ]/gu, '')
    .replaceAll(' ', '-');
}

/** A talk from an article's opening, before any heading, names the article itself as its section: no anchor then. */
function sectionUrl(article: Article, section: string): string {
  if (section === article.title) return article.url;
  return `${article.url}#${encodeURIComponent(sectionAnchor(section))}`;
}

async function readSources(dir: string, names: readonly string[], problems: string[]): Promise<SourceFile[]> {
  const sources = await Promise.all(
    names.map(async (name): Promise<SourceFile | undefined> => {
      const file = path.join(dir, name);
      try {
        return { name, file, text: await readFile(file, 'utf8') };
      } catch (error) {
        problems.push(`${file}: cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
        return undefined;
      }
    }),
  );
  return sources.filter((source) => source !== undefined);
}

/** Each file against its schema, or the result of the last start with the very same files and schemas. */
async function validated(sources: readonly SourceFile[], problems: string[]): Promise<ValidatedFiles> {
  const key = await validatedKey(sources);
  const kept = await readValidated(key);
  if (kept) return kept;
  const { validateFiles } = await import('./validate.ts');
  const found: string[] = [];
  const files = validateFiles(sources, TOPICS_FILE, found);
  if (found.length === 0) await keepValidated(key, files);
  problems.push(...found);
  return files;
}

/**
 * Loads `topics.json` and every other `*.json` in `dir` as one edition each. Either the
 * whole catalogue is valid and returned, or a CatalogueError lists every problem: the
 * bot never serves a half-loaded catalogue.
 */
export async function loadCatalogue(dir: string): Promise<Catalogue> {
  const problems: string[] = [];
  let names: string[];
  try {
    names = (await readdir(dir)).filter((name) => name.endsWith('.json')).sort();
  } catch (error) {
    throw new CatalogueError([`${dir}: the catalogue folder cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`]);
  }
  const topicsFile = path.join(dir, TOPICS_FILE);
  if (!names.includes(TOPICS_FILE)) problems.push(`${topicsFile}: missing; it declares the topic vocabulary talks may use`);
  if (!names.some((name) => name !== TOPICS_FILE)) problems.push(`${dir}: holds no edition file (*.json besides ${TOPICS_FILE})`);
  const sources = await readSources(dir, names, problems);
  const { topics: topicsData, editions: editionFiles } = await validated(sources, problems);

  const topics: Topic[] = topicsData?.topics ?? [];
  const topicById = new Map(topics.map((topic) => [topic.id, topic]));
  const seenTopics = new Set<string>();
  for (const topic of topics) {
    if (seenTopics.has(topic.id)) problems.push(`${topicsFile}: topic "${topic.id}" is declared twice`);
    seenTopics.add(topic.id);
  }

  const editions: Edition[] = [];
  const talks: Talk[] = [];
  const conclusions: Conclusion[] = [];
  const talkFile = new Map<string, string>();
  const videoOwner = new Map<string, string>();
  const editionFile = new Map<string, string>();
  // Checked once every file is read: a conclusion may be about a talk of another edition.
  const conclusionLinks: Array<{ file: string; id: string; talks: readonly string[] }> = [];

  for (const { name, data } of editionFiles) {
    const file = path.join(dir, name);
    const { event, ...fields } = data.edition;
    // The schema has checked that a file without "event" is of a kind that has a default name.
    const edition: Edition = { ...fields, event: event ?? DEFAULT_EVENT_NAMES[fields.kind] ?? fields.name };
    const earlier = editionFile.get(edition.id);
    if (earlier) problems.push(`${file}: edition "${edition.id}" is already defined in ${earlier}`);
    editionFile.set(edition.id, file);
    editions.push(edition);

    const articles = new Map<string, Article>();
    for (const article of data.articles) {
      if (articles.has(article.id)) problems.push(`${file}: article "${article.id}" is listed twice`);
      articles.set(article.id, article);
    }
    const articleFor = (where: string, id: string): Article | undefined => {
      const article = articles.get(id);
      if (!article)
        problems.push(`${file}: ${where}, field "article": unknown article "${id}"; use one of: ${[...articles.keys()].join(', ')}`);
      return article;
    };

    for (const entry of data.talks) {
      const where = `talk "${entry.id}"`;
      const other = talkFile.get(entry.id);
      if (other) problems.push(`${file}: ${where}: duplicate id, already used in ${other}`);
      talkFile.set(entry.id, file);
      for (const topic of entry.topics) {
        if (topicsData && !topicById.has(topic)) {
          problems.push(
            `${file}: ${where}, field "topics": unknown topic "${topic}"; add it to ${topicsFile} or use one of: ${[...topicById.keys()].join(', ')}`,
          );
        }
      }
      if (entry.video) {
        const owner = videoOwner.get(entry.video);
        if (owner) problems.push(`${file}: ${where}, field "video": the same video is already the talk "${owner}"`);
        videoOwner.set(entry.video, entry.id);
      }
      const article = articleFor(where, entry.article);
      if (!article) continue;
      const alsoCitedIn = entry.alsoCitedIn.flatMap((source, i): TalkSource[] => {
        if (source.article === entry.article) {
          problems.push(`${file}: ${where}, field "alsoCitedIn.${i}.article": "${source.article}" is already the talk's "article"`);
          return [];
        }
        const further = articleFor(`${where}, alsoCitedIn #${i + 1}`, source.article);
        return further ? [{ article: further, section: source.section, sectionUrl: sectionUrl(further, source.section) }] : [];
      });
      talks.push({ ...entry, edition, article, sectionUrl: sectionUrl(article, entry.section), alsoCitedIn });
    }

    for (const entry of data.conclusions) {
      conclusionLinks.push({ file, id: entry.id, talks: entry.talks });
      const article = articleFor(`conclusion "${entry.id}"`, entry.article);
      if (!article) continue;
      conclusions.push({ ...entry, edition, article, sectionUrl: sectionUrl(article, entry.section) });
    }
  }

  for (const { file, id, talks: linked } of conclusionLinks) {
    for (const talk of linked) {
      if (!talkFile.has(talk))
        problems.push(`${file}: conclusion "${id}", field "talks": unknown talk "${talk}"; use the id of a talk in the catalogue`);
    }
  }

  if (problems.length > 0) throw new CatalogueError(problems);

  editions.sort((a, b) => b.year - a.year);
  return Object.freeze({
    editions,
    talks,
    conclusions,
    topics,
    talkById: new Map(talks.map((talk) => [talk.id, talk])),
    topicById,
  });
}
