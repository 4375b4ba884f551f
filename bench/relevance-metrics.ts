import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Fuse from 'fuse.js';
import { z } from 'zod';
import type { Catalogue, Talk } from '../src/catalogue/model.ts';

const QueriesSchema = z.array(
  z.strictObject({
    query: z.string().min(1),
    expected: z.array(z.string()),
    kind: z.string(),
  }),
);
export type LabelledQuery = z.infer<typeof QueriesSchema>[number];

/** Every labelled query in bench/queries/*.json; ids must exist, or the benchmark would measure a typo. */
export function loadLabelledQueries(dir: string, catalogue: Catalogue): LabelledQuery[] {
  const queries: LabelledQuery[] = [];
  for (const name of readdirSync(dir).filter((n) => n.endsWith('.json')).sort()) {
    const file = path.join(dir, name);
    const parsed = QueriesSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
    for (const query of parsed) {
      for (const id of query.expected) {
        if (!catalogue.talkById.has(id)) throw new Error(`${file}: query "${query.query}" expects unknown talk id "${id}"`);
      }
    }
    queries.push(...parsed);
  }
  return queries;
}

export interface RelevanceFigures {
  readonly positives: number;
  readonly negatives: number;
  readonly hitAt1: number;
  readonly recallAt3: number;
  readonly mrr: number;
  /** Share of negative queries answered with nothing. */
  readonly negativesEmpty: number;
  readonly failures: readonly { query: string; kind: string; expected: readonly string[]; got: readonly string[] }[];
}

export type RankFn = (query: string) => readonly string[];

export function measure(queries: readonly LabelledQuery[], rank: RankFn): RelevanceFigures {
  let hit = 0;
  let recall = 0;
  let reciprocal = 0;
  let emptyNegatives = 0;
  const positives = queries.filter((q) => q.expected.length > 0);
  const negatives = queries.filter((q) => q.expected.length === 0);
  const failures: RelevanceFigures['failures'][number][] = [];
  for (const q of positives) {
    const got = rank(q.query);
    const expected = new Set(q.expected);
    if (expected.has(got[0] ?? '')) hit++;
    const top3 = got.slice(0, 3).filter((id) => expected.has(id)).length;
    recall += top3 / Math.min(3, expected.size);
    const first = got.findIndex((id) => expected.has(id));
    reciprocal += first === -1 ? 0 : 1 / (first + 1);
    if (!expected.has(got[0] ?? '')) failures.push({ query: q.query, kind: q.kind, expected: q.expected, got: got.slice(0, 3) });
  }
  for (const q of negatives) {
    const got = rank(q.query);
    if (got.length === 0) emptyNegatives++;
    else failures.push({ query: q.query, kind: q.kind, expected: [], got: got.slice(0, 3) });
  }
  const share = (n: number, of: number) => (of === 0 ? 1 : n / of);
  return {
    positives: positives.length,
    negatives: negatives.length,
    hitAt1: share(hit, positives.length),
    recallAt3: share(recall, positives.length),
    mrr: share(reciprocal, positives.length),
    negativesEmpty: share(emptyNegatives, negatives.length),
    failures,
  };
}

/** Every text field of a talk, for the baseline: fuse.js as it comes, no tuning. */
export const BASELINE_KEYS = [
  'title',
  'speakers.name',
  'speakers.company',
  'keywords.en',
  'keywords.fr',
  'topics',
  'takeaway.en',
  'takeaway.fr',
  'section',
  'article.title',
  'edition.name',
  'edition.city',
];

export function baselineRanker(talks: readonly Talk[]): RankFn {
  const fuse = new Fuse(talks as Talk[], { keys: BASELINE_KEYS });
  return (query) => fuse.search(query).map((result) => result.item.id);
}
