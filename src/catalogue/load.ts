import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { z } from 'zod';
import type { Article, Catalogue, Conclusion, Edition, Talk, TalkSource, Topic } from './model.ts';
import { DEFAULT_EVENT_NAMES, type EditionFile, EditionFileSchema, TopicsFileSchema } from './schema.ts';

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

/** Names the file, the entry (by id when it has one) and the field of each zod issue. */
function describeIssues(file: string, data: unknown, issues: readonly z.core.$ZodIssue[]): string[] {
  return issues.map((issue) => {
    const [collection, index, ...rest] = issue.path;
    let where = issue.path.length ? `field "${issue.path.join('.')}"` : 'the file';
    if (typeof collection === 'string' && typeof index === 'number') {
      const entry = (data as Record<string, unknown[]>)[collection]?.[index] as { id?: unknown } | undefined;
      const name = typeof entry?.id === 'string' ? `"${entry.id}"` : `#${index + 1}`;
      where = `${collection.replace(/s$/, '')} ${name}${rest.length ? `, field "${rest.join('.')}"` : ''}`;
    }
    return `${file}: ${where}: ${issue.message}`;
  });
}

async function readJson(file: string, problems: string[]): Promise<unknown> {
  let raw: string;
  try {
    raw = await readFile(file, 'utf8');
  } catch (error) {
    problems.push(`${file}: cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
    return undefined;
  }
  try {
    return JSON.parse(raw);
  } catch (error) {
    problems.push(`${file}: is not valid JSON (${(error as Error).message})`);
    return undefined;
  }
}

function parseWith<S extends z.ZodType>(schema: S, file: string, data: unknown, problems: string[]): z.infer<S> | undefined {
  if (data === undefined) return undefined;
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  problems.push(...describeIssues(file, data, result.error.issues));
  return undefined;
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
  const display = (name: string) => path.join(dir, name);

  const topicsFile = display(TOPICS_FILE);
  if (!names.includes(TOPICS_FILE)) problems.push(`${topicsFile}: missing; it declares the topic vocabulary talks may use`);
  const topicsData = names.includes(TOPICS_FILE)
    ? parseWith(TopicsFileSchema, topicsFile, await readJson(topicsFile, problems), problems)
    : undefined;

  const editionNames = names.filter((name) => name !== TOPICS_FILE);
  if (editionNames.length === 0) problems.push(`${dir}: holds no edition file (*.json besides ${TOPICS_FILE})`);
  const editionFiles: Array<{ file: string; data: EditionFile }> = [];
  for (const name of editionNames) {
    const file = display(name);
    const data = parseWith(EditionFileSchema, file, await readJson(file, problems), problems);
    if (data) editionFiles.push({ file, data });
  }

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

  for (const { file, data } of editionFiles) {
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
