import { LRUCache } from 'lru-cache';
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
  const results = new LRUCache<string, SearchResult>({ max: size });
  return {
    ...searcher,
    search(query) {
      let result = results.get(query);
      if (result === undefined) {
        result = searcher.search(query);
        results.set(query, result);
      }
      return result;
    },
  };
}
