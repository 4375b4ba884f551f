import type { Searcher, SearchResult } from './searcher.ts';

/** How many distinct queries are remembered: a few hundred kilobytes at most. */
export const SEARCH_CACHE_SIZE = 500;

/**
 * The same searcher, remembering its latest answers. The catalogue does not change while
 * the bot runs, so a remembered result never goes stale; "More results" runs the query
 * again for each page, and a team asks the same few things. The least recently asked
 * query is forgotten first.
 */
export function cachedSearcher(searcher: Searcher, size = SEARCH_CACHE_SIZE): Searcher {
  const results = new Map<string, SearchResult>();
  return {
    ...searcher,
    search(query) {
      const result = results.get(query) ?? searcher.search(query);
      // Deleted and set again, so that the Map's order is that of last use.
      results.delete(query);
      results.set(query, result);
      if (results.size > size) results.delete(results.keys().next().value!);
      return result;
    },
  };
}
