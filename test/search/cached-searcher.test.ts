import { describe, expect, it } from 'vitest';
import { cachedSearcher } from '../../src/search/cached-searcher.ts';
import type { Searcher, SearchResult } from '../../src/search/searcher.ts';

/** A searcher that counts what it is asked and answers each query with a new object. */
function countingSearcher() {
  const asked: string[] = [];
  const searcher: Searcher = {
    search: (query) => {
      asked.push(query);
      return { query: { phrase: query } as never, hits: [] } satisfies SearchResult;
    },
    suggestTopics: () => ['costs'],
    context: {} as never,
  };
  return { searcher, asked };
}

describe('cachedSearcher', () => {
  it('answers a query it has seen with the same result, without searching again', () => {
    const { searcher, asked } = countingSearcher();
    const cached = cachedSearcher(searcher, 3);
    const first = cached.search('karpenter');

    expect(cached.search('karpenter')).toBe(first);
    expect(cached.search('Karpenter')).not.toBe(first);
    expect(asked).toEqual(['karpenter', 'Karpenter']);
    expect(cached.suggestTopics('x', 1)).toEqual(['costs']);
  });

  it('forgets the least recently asked query first, and only beyond its size', () => {
    const { searcher, asked } = countingSearcher();
    const cached = cachedSearcher(searcher, 2);
    cached.search('a');
    cached.search('b');
    cached.search('a'); // now b is the oldest
    cached.search('c'); // b goes
    cached.search('a');
    cached.search('c');
    cached.search('b');

    expect(asked).toEqual(['a', 'b', 'c', 'b']);
  });
});
