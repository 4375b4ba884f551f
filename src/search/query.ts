import { stripChatter } from './chatter.ts';
import { type FilterNames, narrowEditions, readFilters } from './filters.ts';
import { stripSlackMarkup } from './slack-markup.ts';
import type { SynonymGroups } from './synonyms.ts';
import { indexTerm, tokenize } from './text.ts';

/** One thing the user asked for: a word or a known phrase, and what else it may be called. */
export interface QuerySlot {
  /** As typed, folded. */
  readonly word: string;
  /** The word itself first, then its synonyms (some are phrases). */
  readonly alternatives: readonly string[];
}

export interface ParsedQuery {
  readonly slots: readonly QuerySlot[];
  /** Edition ids the query is limited to (a year or a city), none for every edition. */
  readonly editions: readonly string[];
  readonly topics: readonly string[];
  /** `topic:xyz` where xyz names no topic: the answer says so rather than guessing. */
  readonly unknownTopics: readonly string[];
  /** `year:2019` where no edition matches. */
  readonly unknownEditions: readonly string[];
  /** The words typed as names (see typedNames), folded: "Redis", "HashiCorp", "arm64". */
  readonly names: ReadonlySet<string>;
}

export interface QueryContext extends FilterNames {
  readonly synonyms: SynonymGroups;
  /** The most words a synonym phrase has, so the parser knows how far to look ahead. */
  readonly phraseSpan: number;
  /** The synonym a word no talk holds is a typo of ("electricty"), so that it still finds what the synonym's group does. */
  readonly misspeltSynonym: (word: string) => string | undefined;
}

/**
 * A pasted page asks no more than its first few dozen distinct words say, and each word
 * is a search of its own: 733 words of a 43,000-character message took 100 ms.
 */
const MAX_SLOTS = 48;

/** The words a message asks about: stages 1 and 2 of the pipeline, for subcommands too. */
export function meaningfulWords(text: string): string[] {
  return stripChatter(tokenize(stripSlackMarkup(text)));
}

/**
 * The query pipeline every door shares (slash command, mention, DM, buttons, console, CLI):
 * Slack markup and chatter out, question phrasing out, filters read wherever they stand,
 * and the remaining words grouped into slots with their synonyms.
 */
export function parseQuery(raw: string, context: QueryContext): ParsedQuery {
  const filters = readFilters(stripSlackMarkup(raw), context);
  const editionNames = [...filters.editionNames];
  const words = meaningfulWords(filters.rest);
  const slots: QuerySlot[] = [];
  for (let i = 0; i < words.length; ) {
    const phrase = longestSynonymPhrase(words, i, context);
    if (phrase) {
      slots.push(slot(phrase.text, context));
      i += phrase.length;
      continue;
    }
    const word = words[i]!;
    i += 1;
    if (context.resolveEditions(word).length > 0) {
      editionNames.push(word);
      continue;
    }
    if (indexTerm(word) !== null) slots.push(slot(word, context));
  }
  const editions = narrowEditions(editionNames, context);
  // "kcd 2024" names two editions that are not one: say so rather than search every edition.
  const unknownEditions =
    editionNames.length > filters.editionNames.length && editions.length === 0 && filters.unknownEditions.length === 0
      ? [editionNames.join(' ')]
      : filters.unknownEditions;
  return { ...filters, slots: dedupe(slots).slice(0, MAX_SLOTS), editions, unknownEditions, names: typedNames(filters.rest) };
}

/**
 * The words someone typed as the name of a thing: a capital inside the word ("HashiCorp",
 * "AKS") or at its start when no sentence starts there ("on Redis"), or letters then
 * digits ("arm64"). A sentence's first word is capitalised whatever it is.
 */
export function typedNames(text: string): Set<string> {
  const names = new Set<string>();
  let sentenceStart = true;
  for (const token of stripSlackMarkup(text).split(/\s+/)) {
    if (token === '') continue;
    const letters = token.replace(/^[^\p{L}\d]+/u, '');
    const name = /^.+\p{Lu}/u.test(letters) || (!sentenceStart && /^\p{Lu}/u.test(letters)) || /^\p{L}+\d/u.test(letters);
    if (name) for (const word of tokenize(token)) names.add(word);
    sentenceStart = /[.!?]$/.test(token);
  }
  return names;
}

function longestSynonymPhrase(words: readonly string[], at: number, context: QueryContext) {
  for (let length = Math.min(context.phraseSpan, words.length - at); length >= 2; length--) {
    const text = words.slice(at, at + length).join(' ');
    if (context.synonyms.has(text)) return { text, length };
  }
  return undefined;
}

function slot(word: string, context: QueryContext): QuerySlot {
  const group = context.synonyms.get(word) ?? context.synonyms.get(context.misspeltSynonym(word) ?? '') ?? [];
  return { word, alternatives: [word, ...group.filter((other) => other !== word)] };
}

function dedupe(slots: QuerySlot[]): QuerySlot[] {
  const seen = new Set<string>();
  return slots.filter((slot) => {
    const key = slot.alternatives
      .map((name) => name.split(' ').map(indexTerm).join(' '))
      .sort()
      .join('|');
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
