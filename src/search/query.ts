import { foldText, STOPWORDS } from './text.ts';
import type { SynonymGroups } from './synonyms.ts';

/** One thing the user asked for: a word or phrase, and what else it may be written as. */
export interface QuerySlot {
  readonly word: string;
  /** Folded words or phrases; the first is what the user typed. */
  readonly alternatives: readonly string[];
}

export interface ParsedQuery {
  readonly slots: readonly QuerySlot[];
  /** The folded words as typed, filters and edition names removed: a talk that holds them verbatim is a strong match. */
  readonly phrase: string;
  readonly years: readonly number[];
  readonly topics: readonly string[];
  /** `topic:xyz` where xyz names no topic: the answer says so rather than guessing. */
  readonly unknownTopics: readonly string[];
  /** `year:2019` where no edition matches. */
  readonly unknownEditions: readonly string[];
}

export interface QueryContext {
  readonly synonyms: SynonymGroups;
  /** The most words a synonym phrase has, so the parser knows how far to look ahead. */
  readonly phraseSpan: number;
  /** Folded edition years and cities ("2024", "paris") to the edition's year. */
  readonly editionAliases: ReadonlyMap<string, number>;
  /** Resolves a folded topic name, label or synonym to a topic id. */
  readonly resolveTopic: (name: string) => string | undefined;
}

const FILTER = /(^|\s)(topic|theme|thème|sujet|year|annee|année|edition|édition)\s*:\s*("[^"]*"|\S+)/giu;

export function parseQuery(raw: string, context: QueryContext): ParsedQuery {
  const years = new Set<number>();
  const topics = new Set<string>();
  const unknownTopics: string[] = [];
  const unknownEditions: string[] = [];

  const free = raw.replace(FILTER, (_match, lead: string, kind: string, value: string) => {
    const name = foldText(value.replace(/^"|"$/g, ''));
    const folded = foldText(kind);
    if (['topic', 'theme', 'sujet'].includes(folded)) {
      const topic = context.resolveTopic(name);
      if (topic) topics.add(topic);
      else unknownTopics.push(value.replace(/^"|"$/g, ''));
    } else {
      const year = context.editionAliases.get(name);
      if (year !== undefined) years.add(year);
      else unknownEditions.push(value.replace(/^"|"$/g, ''));
    }
    return lead;
  });

  const words = foldText(free).split(' ').filter(Boolean);
  const slots: QuerySlot[] = [];
  const phrase = words.filter((word) => !context.editionAliases.has(word)).join(' ');
  const span = context.phraseSpan;
  for (let i = 0; i < words.length; ) {
    let taken = 0;
    for (let length = Math.min(span, words.length - i); length >= 2; length--) {
      const phrase = words.slice(i, i + length).join(' ');
      const group = context.synonyms.get(phrase);
      if (group) {
        slots.push({ word: phrase, alternatives: [phrase, ...group.filter((g) => g !== phrase)] });
        taken = length;
        break;
      }
    }
    if (taken) {
      i += taken;
      continue;
    }
    const word = words[i]!;
    i += 1;
    const year = context.editionAliases.get(word);
    if (year !== undefined) {
      years.add(year);
      continue;
    }
    if (STOPWORDS.has(word)) continue;
    const group = context.synonyms.get(word);
    slots.push({ word, alternatives: group ? [word, ...group.filter((g) => g !== word)] : [word] });
  }

  return { slots: dedupe(slots), phrase, years: [...years], topics: [...topics], unknownTopics, unknownEditions };
}

function dedupe(slots: QuerySlot[]): QuerySlot[] {
  const seen = new Set<string>();
  return slots.filter((slot) => {
    const key = [...slot.alternatives].sort().join('|');
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
