import { foldText } from './text.ts';

/** What reading a filter's value needs: the catalogue's editions and topics, by any of their names. */
export interface FilterNames {
  /** The editions a folded year or city names ("2024", "paris", "valence"); none when it names none. */
  readonly resolveEditions: (name: string) => readonly string[];
  /** The topic a name, label or synonym stands for, typos forgiven, in either language. */
  readonly resolveTopic: (name: string) => string | undefined;
}

export interface Filters {
  /** The text with its `kind:value` filters taken out. */
  readonly rest: string;
  readonly editions: readonly string[];
  readonly topics: readonly string[];
  readonly unknownTopics: readonly string[];
  readonly unknownEditions: readonly string[];
}

/** `topic:security`, `sujet:"service mesh"`, `year:2024`, wherever they stand in the text. */
const FILTER =
  /(^|[\s,;(])(topics?|themes?|thèmes?|sujets?|year|years|annee|année|edition|édition|city|ville)\s*:\s*("[^"]*"|[^\s,;)]+)/giu;
const TOPIC_KINDS = new Set(['topic', 'topics', 'theme', 'themes', 'sujet', 'sujets']);

/** Stage 3 of the query pipeline; a year or a city typed as a plain word is read with the words. */
export function readFilters(text: string, context: FilterNames): Filters {
  const editions = new Set<string>();
  const topics = new Set<string>();
  const unknownTopics: string[] = [];
  const unknownEditions: string[] = [];
  const rest = text.replace(FILTER, (_match, lead: string, kind: string, quoted: string) => {
    const value = quoted.replace(/^"|"$/g, '');
    const name = foldText(value);
    if (TOPIC_KINDS.has(foldText(kind))) {
      const topic = context.resolveTopic(name);
      if (topic) topics.add(topic);
      else unknownTopics.push(value);
    } else {
      const named = context.resolveEditions(name);
      for (const id of named) editions.add(id);
      if (named.length === 0) unknownEditions.push(value);
    }
    return `${lead} `;
  });
  return { rest, editions: [...editions], topics: [...topics], unknownTopics, unknownEditions };
}
