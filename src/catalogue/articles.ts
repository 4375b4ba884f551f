/**
 * Reads the team's blog articles (Jekyll markdown) for the maintainer tools that check
 * and draft the catalogue. Pure: text in, facts out, no file system.
 */
import type { Language } from './vocabulary.ts';

export const BLOG_URL = 'https://tech.bedrockstreaming.com';

/** Official titles and video ids looked up for talks the articles cite without them, each with its source. */
export const TALK_FACTS_FILE = 'talk-facts.md';

/** Files in the articles folder that are notes about the articles, not articles. */
export const NOT_ARTICLES: readonly string[] = ['README.md', TALK_FACTS_FILE];

export interface ArticleSpeaker {
  readonly name: string;
  readonly company?: string;
}

export interface ArticleHeading {
  readonly level: number;
  readonly text: string;
  /** 1-based, counting the front matter, as an editor shows it. */
  readonly line: number;
}

export interface ArticleVideo {
  /** The YouTube video ID, which is what identifies a talk across link styles. */
  readonly id: string;
  /** The link as written in the article. */
  readonly url: string;
  readonly line: number;
  /** The nearest heading above the link; empty when the link comes before any heading. */
  readonly section: string;
  /** The talk title the article gives next to the link: quoted text, or a link text that is a title. */
  readonly quotedTitle?: string;
  /** Only when the article names them in the "Title - Speaker, Company" form. */
  readonly speakers?: readonly ArticleSpeaker[];
  /** The text of the markdown link, when the URL is one, such as "vidéo" or "skyscanner". */
  readonly linkText?: string;
}

export interface TalkHeading {
  readonly title: string;
  readonly speakers: readonly ArticleSpeaker[];
  readonly line: number;
  /** The whole heading: the section a catalogue talk points to. */
  readonly section: string;
}

export interface ParsedArticle {
  readonly fileName: string;
  readonly slug: string;
  /** YYYY-MM-DD, from the file name, which is the publication date on the blog. */
  readonly date: string;
  readonly url: string;
  readonly language: Language;
  /** From the front matter; empty when there is none. */
  readonly title: string;
  readonly headings: readonly ArticleHeading[];
  /** Every YouTube link, in order; the same video may appear more than once. */
  readonly videos: readonly ArticleVideo[];
  readonly talkHeadings: readonly TalkHeading[];
}

/** An article the tools cannot read; the message names the file and what to change. */
export class ArticleError extends Error {
  override readonly name = 'ArticleError';
}

// Jekyll keeps the slug as written, capitals included (2019-03-11-Migrating-production-apps-...).
const FILE_NAME = /^(\d{4})-(\d{2})-(\d{2})-([A-Za-z0-9]+(?:-[A-Za-z0-9]+)*)\.md$/;

export function isArticleFileName(fileName: string): boolean {
  return fileName.endsWith('.md') && !NOT_ARTICLES.includes(fileName);
}

// The lookbehind keeps "notyoutube.com" out; \b after the ID keeps a 12-character token out.
const YOUTUBE_URL =
  /(?:https?:)?\/\/(?:(?:www|m)\.)?(?:youtube(?:-nocookie)?\.com\/(?:watch\?(?:[^\s)"'<>]*?&(?:amp;)?)?v=|embed\/|live\/|shorts\/|v\/)|youtu\.be\/)([A-Za-z0-9_-]{11})(?![A-Za-z0-9_-])[^\s)"'<>]*/g;

/** The video ID of a YouTube link in any of its forms, or undefined when it is not one. */
export function youtubeId(url: string): string | undefined {
  YOUTUBE_URL.lastIndex = 0;
  const match = YOUTUBE_URL.exec(url);
  YOUTUBE_URL.lastIndex = 0;
  return match?.[1];
}

/** The one form the catalogue stores, so that the same talk never gets two URLs. */
export function canonicalVideoUrl(id: string): string {
  return `https://www.youtube.com/watch?v=${id}`;
}

/**
 * Folds what differs between the way an article and the catalogue write a title:
 * case, accents, apostrophes ("Whats" vs "What's"), dashes and other punctuation.
 */
export function normaliseTitle(title: string): string {
  return title
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/['’‘`]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** A lower-case slug as schema.ts wants ids to be. */
export function slugify(text: string, maxLength = 60): string {
  const slug = normaliseTitle(text).replace(/ /g, '-');
  if (slug.length <= maxLength) return slug;
  const cut = slug.slice(0, maxLength + 1);
  const lastHyphen = cut.lastIndexOf('-');
  return (lastHyphen > 0 ? cut.slice(0, lastHyphen) : slug.slice(0, maxLength)).replace(/-+$/, '');
}

const SPEAKER_SEPARATOR = /\s+[-–—]\s+/g;
// Particles that start lower-case inside a name ("David de Torres").
const NAME_PARTICLES = new Set(['de', 'del', 'der', 'van', 'von', 'da', 'di', 'du', 'la', 'le', 'ur', 'bin', 'al']);
// Company suffixes that a comma separates from the company, not from the next speaker.
const COMPANY_SUFFIX = /^(?:inc\.?|ltd\.?|llc|plc|sa|se|ag|gmbh|corp\.?|co\.?)$/i;
// The keynote style "Name, Role, Company" is told apart from "Name, Company, Name, Company" by the role.
const ROLE =
  /\b(?:manager|engineer|evangelist|cto|ceo|coo|cio|vp|founder|co-founder|head|director|staff|member|developer|architect|lead|principal|senior|sr|scientist|consultant|advocate|maintainer|president|officer|researcher|specialist|chief)\b/i;

function looksLikeName(text: string): boolean {
  const words = text.trim().split(/\s+/);
  if (words.length === 0 || words.length > 5) return false;
  const capitalised = (word: string) => /^\p{Lu}/u.test(word);
  return words.every((word, i) => capitalised(word) || (i > 0 && i < words.length - 1 && NAME_PARTICLES.has(word.toLowerCase())));
}

/**
 * The speakers of "A, X & B, Y", "A & B, X", "A, X; B, Role, Y" or "A, X, B, Y & C, Z".
 * Best effort: the draft tool's output is checked by a maintainer anyway.
 */
export function parseSpeakers(text: string): ArticleSpeaker[] {
  const speakers: Array<{ name: string; company?: string }> = [];
  for (const group of text.split(/\s*;\s*|\s+&\s+/)) {
    const parts: string[] = [];
    for (const part of group.split(/\s*,\s*/)) {
      const trimmed = part.trim();
      if (!trimmed) continue;
      if (parts.length > 0 && COMPANY_SUFFIX.test(trimmed)) parts[parts.length - 1] += `, ${trimmed}`;
      else parts.push(trimmed);
    }
    const [name, second] = parts;
    if (name === undefined) continue;
    if (second === undefined) {
      speakers.push({ name });
    } else if (ROLE.test(second)) {
      speakers.push({ name, company: parts[parts.length - 1]! });
    } else {
      for (let i = 0; i < parts.length; i += 2) {
        const company = parts[i + 1];
        speakers.push(company === undefined ? { name: parts[i]! } : { name: parts[i]!, company });
      }
    }
  }
  // "A & B, X": both work at X.
  for (let i = speakers.length - 2; i >= 0; i--) {
    const next = speakers[i + 1]!;
    if (speakers[i]!.company === undefined && next.company !== undefined) speakers[i]!.company = next.company;
  }
  return speakers;
}

/**
 * Splits "Title - Speaker, Company & Speaker, Company" at its last dash, but only when what
 * follows reads as speakers (a name, then a comma): "Istio - The Weather Company's Journey"
 * and "PEAKS - Orchestrating Power-Aware Scheduling" stay whole titles.
 */
export function splitTitleAndSpeakers(text: string): { title: string; speakers: ArticleSpeaker[] } | undefined {
  const separators = [...text.matchAll(SPEAKER_SEPARATOR)];
  const last = separators[separators.length - 1];
  if (last === undefined) return undefined;
  const title = text.slice(0, last.index).trim();
  const rest = text.slice(last.index + last[0].length).trim();
  const firstName = rest.split(/\s*[,;&]\s*/)[0] ?? '';
  if (!title || !rest.includes(',') || !looksLikeName(firstName)) return undefined;
  return { title, speakers: parseSpeakers(rest) };
}

const QUOTED = /[“"«]\s*([^“”"«»]+?)\s*[”"»]/g;
const GENERIC_LINK_WORDS = /\b(?:vid[ée]o|replay|here|ici|youtube|lien|link|slides)\b/i;
const MARKDOWN_LINK = /\[((?:[^[\]]|\[[^\]]*\])*)\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g;

function wordCount(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}

function stripDecoration(text: string): string {
  return text
    .replace(/^(?:[\s\p{Extended_Pictographic}*_`]|\uFE0F)+/u, '')
    .replace(/[\s*_`]+$/u, '')
    .trim();
}

/** A link text that names a talk, as opposed to "vidéo", "⏩ here" or a company name. */
function linkTextTitle(linkText: string): { title: string; speakers?: ArticleSpeaker[] } | undefined {
  const text = stripDecoration(linkText);
  const split = splitTitleAndSpeakers(text);
  if (split) return split;
  if (wordCount(text) >= 3 && !GENERIC_LINK_WORDS.test(text)) return { title: text };
  return undefined;
}

/** The last quoted phrase of a few words in `text`: the title the sentence gives before its link. */
function lastQuotedTitle(text: string): string | undefined {
  let found: string | undefined;
  for (const match of text.matchAll(QUOTED)) {
    // title="YouTube video player" in embed code is an attribute, not a talk title.
    if (text[match.index - 1] === '=') continue;
    const inner = stripDecoration(match[1]!);
    if (wordCount(inner) >= 2 && !inner.includes('](')) found = inner;
  }
  return found;
}

interface FrontMatter {
  readonly fields: ReadonlyMap<string, string>;
  /** Lines taken by the front matter, fences included. */
  readonly length: number;
}

function unquoteYaml(value: string): string {
  const trimmed = value.trim();
  if (trimmed.length >= 2 && trimmed.startsWith('"') && trimmed.endsWith('"')) {
    return trimmed.slice(1, -1).replace(/\\(["\\])/g, '$1');
  }
  if (trimmed.length >= 2 && trimmed.startsWith("'") && trimmed.endsWith("'")) return trimmed.slice(1, -1).replace(/''/g, "'");
  return trimmed;
}

/** Top-level "key: value" lines only: all the tools need is title and language. */
function readFrontMatter(lines: readonly string[]): FrontMatter {
  if (lines[0]?.trim() !== '---') return { fields: new Map(), length: 0 };
  const fields = new Map<string, string>();
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() === '---' || line.trim() === '...') return { fields, length: i + 1 };
    const field = /^([A-Za-z_][\w-]*):(.*)$/.exec(line);
    if (field) fields.set(field[1]!, unquoteYaml(field[2]!));
  }
  // An unclosed fence is not front matter to Jekyll either.
  return { fields: new Map(), length: 0 };
}

const FRENCH_WORDS = /(?<![\p{L}’'])(?:le|la|les|des|du|une|est|et|nous|avec|pour|sur|dans|qui|pas|ce|cette)(?![\p{L}’'])/giu;
const ENGLISH_WORDS = /(?<![\p{L}’'])(?:the|and|is|are|we|with|for|on|in|which|not|this|that|of|to)(?![\p{L}’'])/giu;

/** Good enough for whole articles, which are long and written in a single language. */
export function guessLanguage(text: string): Language {
  const french = text.match(FRENCH_WORDS)?.length ?? 0;
  const english = text.match(ENGLISH_WORDS)?.length ?? 0;
  return french > english ? 'fr' : 'en';
}

/**
 * Reads an article: its identity from the file name (YYYY-MM-DD-slug.md, as Jekyll names
 * posts), its title and language from the front matter, and its headings, YouTube links
 * and "Title - Speaker, Company" talk headings (h1 and h2, as in the 2018 articles).
 */
export function parseArticle(fileName: string, markdown: string): ParsedArticle {
  const name = fileName.split(/[\\/]/).pop() ?? fileName;
  const parts = FILE_NAME.exec(name);
  if (!parts) {
    throw new ArticleError(
      `${fileName}: not named like a blog post; the tools take an article's date and URL from its name, so name it YYYY-MM-DD-slug.md (the publication date, then the slug of its URL on the blog)`,
    );
  }
  const [, year, month, day, slug] = parts as unknown as [string, string, string, string, string];
  const lines = markdown.replace(/\r\n?/g, '\n').split('\n');
  const frontMatter = readFrontMatter(lines);
  const body = lines.slice(frontMatter.length).join('\n');
  const declared = frontMatter.fields.get('language');

  const headings: ArticleHeading[] = [];
  const videos: ArticleVideo[] = [];
  const talkHeadings: TalkHeading[] = [];
  let section = '';
  let fence: string | undefined;

  for (let index = frontMatter.length; index < lines.length; index++) {
    const text = lines[index]!;
    const line = index + 1;
    // Code samples may hold "# comments" and example URLs; neither is part of the article.
    const fenceMark = /^\s{0,3}(`{3,}|~{3,})/.exec(text)?.[1];
    if (fence !== undefined) {
      if (fenceMark && fenceMark[0] === fence[0] && fenceMark.length >= fence.length) fence = undefined;
      continue;
    }
    if (fenceMark) {
      fence = fenceMark;
      continue;
    }

    const heading = /^\s{0,3}(#{1,6})\s+(.*?)(?:\s+#+)?\s*$/.exec(text);
    if (heading) {
      const level = heading[1]!.length;
      const headingText = heading[2]!.trim();
      headings.push({ level, text: headingText, line });
      section = headingText;
      const talk = level <= 2 ? splitTitleAndSpeakers(headingText) : undefined;
      if (talk) talkHeadings.push({ ...talk, line, section: headingText });
    }

    const links = [...text.matchAll(MARKDOWN_LINK)];
    let previousEnd = 0;
    for (const match of text.matchAll(YOUTUBE_URL)) {
      const id = match[1]!;
      const start = match.index;
      const link = links.find((l) => start >= l.index && start < l.index + l[0].length && youtubeId(l[2]!) === id);
      const linkStart = link?.index ?? start;
      const fromLinkText = link ? linkTextTitle(link[1]!) : undefined;
      const quotedTitle = fromLinkText?.title ?? lastQuotedTitle(text.slice(previousEnd, linkStart));
      previousEnd = link ? link.index + link[0].length : start + match[0].length;
      videos.push({
        id,
        url: match[0],
        line,
        section,
        ...(quotedTitle === undefined ? {} : { quotedTitle }),
        ...(fromLinkText?.speakers ? { speakers: fromLinkText.speakers } : {}),
        ...(link ? { linkText: link[1]!.trim() } : {}),
      });
    }
  }

  return {
    fileName: name,
    slug,
    date: `${year}-${month}-${day}`,
    url: `${BLOG_URL}/${year}/${month}/${day}/${slug}.html`,
    language: declared === 'en' || declared === 'fr' ? declared : guessLanguage(body),
    title: frontMatter.fields.get('title') ?? '',
    headings,
    videos,
    talkHeadings,
  };
}

export interface TalkFact {
  /** As the table writes it: "EU 2018 Copenhagen", "KCD France 2023, Paris". */
  readonly edition: string;
  readonly videoId: string;
  /** The official title, without the looker-up's notes in brackets; empty when none was found. */
  readonly title: string;
  /** Only rows whose confidence column says "confirmed" may change the catalogue. */
  readonly confirmed: boolean;
  readonly line: number;
}

const VIDEO_ID = /^[A-Za-z0-9_-]{11}$/;
// "(blog heading has "Whats"; ...)" is a note; "(Intermediate Skill Level)" and "(QoS)" are part of the title.
const TITLE_NOTE = /\s+\((?=\p{Ll})[^()]*\)\s*$/u;

/**
 * The rows of talk-facts.md's tables (edition | video id | official title | speakers | source |
 * confidence), with the note that qualifies a title taken out of it.
 */
export function parseTalkFacts(markdown: string): TalkFact[] {
  const facts: TalkFact[] = [];
  const lines = markdown.replace(/\r\n?/g, '\n').split('\n');
  lines.forEach((text, index) => {
    if (!text.trimStart().startsWith('|')) return;
    const cells = text
      .trim()
      .replace(/^\|/, '')
      .replace(/\|$/, '')
      .split(' | ')
      .map((cell) => cell.trim());
    const [edition, videoId, title, , , confidence] = cells;
    if (edition === undefined || videoId === undefined || !VIDEO_ID.test(videoId) || confidence === undefined) return;
    const official = (title ?? '').replaceAll('\\|', '|').replace(TITLE_NOTE, '').trim();
    facts.push({
      edition,
      videoId,
      title: /^not found\b/i.test(official) ? '' : official,
      confirmed: /^confirmed\b/i.test(confidence),
      line: index + 1,
    });
  });
  return facts;
}

const SKILL_LEVEL = /\s*\((?:beginner|intermediate|advanced|any) skill level\)\s*$/i;

/**
 * Folds only what the schedule adds or typography changes ("Keynote: ", "(Intermediate Skill
 * Level)", curly quotes, dashes, spaces), so that a dropped apostrophe ("Whats", "Hackers") or
 * another word still shows as a different title.
 */
export function officialTitleKey(title: string): string {
  return title
    .normalize('NFC')
    .replace(/[’‘`]/g, "'")
    .replace(/[“”«»]/g, '"')
    .replace(/[–—]/g, '-')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^keynote\s*:\s*/i, '')
    .replace(SKILL_LEVEL, '');
}
