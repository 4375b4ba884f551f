import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import Fuse from 'fuse.js';
import MiniSearch from 'minisearch';
import { z } from 'zod';
import type { Catalogue, Talk } from '../src/catalogue/model.ts';
import { PROJECT_ROOT } from '../src/config.ts';

/** The labelled sets: short keyword queries, and Slack-style ones split before tuning. */
export const LABELLED_SETS = {
  existing: path.join(PROJECT_ROOT, 'bench', 'queries'),
  tuning: path.join(PROJECT_ROOT, 'bench', 'queries-slack', 'tuning.json'),
  'held-out': path.join(PROJECT_ROOT, 'bench', 'queries-slack', 'held-out.json'),
} as const;

/** What our search must reach on every set. */
export const TARGETS = { hitAt1: 0.95, recallAt3: 0.98, positivesEmpty: 0.02, negativesEmpty: 0.93 } as const;
const QueriesSchema = z.array(
  z.strictObject({
    query: z.string().min(1),
    expected: z.array(z.string()),
    kind: z.string(),
    // Written in English, French, or a mix of both, for the share of each in a set.
    lang: z.enum(['en', 'fr', 'mixed']).optional(),
  }),
);
export type LabelledQuery = z.infer<typeof QueriesSchema>[number];

/**
 * The labelled queries of a JSON file, or of every JSON file in a folder; ids must exist,
 * or the benchmark would measure a typo.
 */
export function loadLabelledQueries(fileOrDir: string, catalogue: Catalogue): LabelledQuery[] {
  const queries: LabelledQuery[] = [];
  const files = statSync(fileOrDir).isDirectory()
    ? readdirSync(fileOrDir)
        .filter((n) => n.endsWith('.json'))
        .sort()
        .map((n) => path.join(fileOrDir, n))
    : [fileOrDir];
  for (const file of files) {
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
  /** Share of answerable queries answered with nothing. */
  readonly positivesEmpty: number;
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
  let emptyPositives = 0;
  const positives = queries.filter((q) => q.expected.length > 0);
  const negatives = queries.filter((q) => q.expected.length === 0);
  const failures: RelevanceFigures['failures'][number][] = [];
  for (const q of positives) {
    const got = rank(q.query);
    if (got.length === 0) emptyPositives++;
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
    positivesEmpty: positives.length === 0 ? 0 : emptyPositives / positives.length,
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

/** A short English and French stopword list, as one would write in an afternoon. */
const AFTERNOON_STOPWORDS = new Set(
  (
    'a an the and or of to in on at for from by with is are was be it this that what which who how do does did can ' +
    'i you we they any some about please thanks le la les un une des de du et ou en dans sur pour par avec est sont ' +
    'ce cette qui que quoi je tu il nous vous ils y a pas ne'
  ).split(' '),
);
const fold = (text: string) =>
  text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();

/**
 * MiniSearch configured in an afternoon, the reference point: fuzzy 0.2, prefix,
 * field boosts, accent folding, a short stopword list, no synonyms and no query pipeline.
 */
export function miniSearchBaseline(talks: readonly Talk[]): RankFn {
  const index = new MiniSearch({
    fields: ['title', 'keywords', 'speakers', 'topics', 'takeaway'],
    processTerm: (term) => {
      const folded = fold(term);
      return AFTERNOON_STOPWORDS.has(folded) ? null : folded;
    },
    searchOptions: { fuzzy: 0.2, prefix: true, boost: { title: 3, keywords: 2, speakers: 2, topics: 1.5 } },
  });
  index.addAll(
    talks.map((talk, id) => ({
      id,
      title: talk.title,
      keywords: [...talk.keywords.en, ...talk.keywords.fr].join(' '),
      speakers: talk.speakers.map((s) => `${s.name} ${s.company ?? ''}`).join(' '),
      topics: talk.topics.join(' '),
      takeaway: `${talk.takeaway.en} ${talk.takeaway.fr}`,
    })),
  );
  return (query) => index.search(query).map((result) => talks[result.id as number]!.id);
}
