import { foldText } from './text.ts';

/** What reading a filter's value needs: the catalogue's editions and topics, by any of their names. */
export interface FilterNames {
  /** The editions a folded year, city or event names ("2024", "paris", "valence", "kcd"); none when it names none. */
  readonly resolveEditions: (name: string) => readonly string[];
  /**
   * Which kind of name of an edition a name is. Names of one facet add up ("2022 2024"),
   * names of different facets narrow ("paris 2023": the Paris edition of 2023). Without
   * it, every name adds up.
   */
  readonly editionFacet?: ((name: string) => EditionFacet | undefined) | undefined;
  /** The topic a name, label or synonym stands for, typos forgiven, in either language. */
  readonly resolveTopic: (name: string) => string | undefined;
}

export type EditionFacet = 'year' | 'city' | 'event';

export interface Filters {
  /** The text with its `kind:value` filters taken out. */
  readonly rest: string;
  readonly editions: readonly string[];
  /** The edition filters' values that name an edition, folded: the query's plain words may narrow them further. */
  readonly editionNames: readonly string[];
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
  const editionNames: string[] = [];
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
      if (context.resolveEditions(name).length > 0) editionNames.push(name);
      else unknownEditions.push(value);
    }
    return `${lead} `;
  });
  const editions = narrowEditions(editionNames, context);
  if (editionNames.length > 0 && editions.length === 0) unknownEditions.push(editionNames.join(' '));
  return { rest, editions, editionNames, topics: [...topics], unknownTopics, unknownEditions };
}

/**
 * The editions that several names select together: those of each facet add up, and the
 * facets narrow each other. None when they exclude each other ("kcd 2024").
 */
export function narrowEditions(names: readonly string[], context: FilterNames): string[] {
  const byFacet = new Map<string, Set<string>>();
  for (const name of names) {
    const facet = context.editionFacet?.(name) ?? 'any';
    const ids = byFacet.get(facet) ?? new Set<string>();
    for (const id of context.resolveEditions(name)) ids.add(id);
    byFacet.set(facet, ids);
  }
  let editions: string[] | undefined;
  for (const ids of byFacet.values()) editions = editions === undefined ? [...ids] : editions.filter((id) => ids.has(id));
  return editions ?? [];
}
