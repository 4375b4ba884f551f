import Fuse from 'fuse.js';
import MiniSearch, { type Query, type SearchOptions } from 'minisearch';
import type { Catalogue, Talk } from '../catalogue/model.ts';
import { type ParsedQuery, parseQuery, type QueryContext, type QuerySlot } from './query.ts';
import { buildSynonymGroups, longestPhrase } from './synonyms.ts';
import { foldText, STOPWORDS, singular } from './text.ts';

export interface SearchHit {
  readonly talk: Talk;
  /** Relevance in (0, 1]; higher is better. */
  readonly score: number;
}

export interface SearchResult {
  readonly query: ParsedQuery;
  readonly hits: readonly SearchHit[];
}

export interface Searcher {
  search(query: string): SearchResult;
  /** Topic ids closest to what the query is about, for "nothing found, try these" answers. */
  suggestTopics(query: string, count: number): string[];
  readonly context: QueryContext;
}

/**
 * What a talk is (title, keywords) counts above who gave it, above what it is filed under,
 * above what the team wrote about it. See docs/decisions/0002-search-library.md.
 */
const BOOST = { title: 3, keywords: 2.5, speakers: 2, topics: 1.5, section: 1, takeaway: 1 } as const;
type Field = keyof typeof BOOST;
const FIELDS = Object.keys(BOOST) as Field[];

/** A query word's best match must reach this score for a talk to be an answer at all. */
const MIN_SCORE = 4;
/** The share of the query's telling words a one-word query's answer must match; less for longer ones. */
const REQUIRED_COVERAGE = 0.6;
/** Talks scoring under this share of the best one are noise, not further answers. */
const MIN_SHARE = 0.2;
/** The longest list a query returns ("More results" pages through it). */
const MAX_RESULTS = 60;
/** "About equally relevant": a talk with a recording wins such a tie. */
const VIDEO_BONUS = 1.08;

type SearchDocument = Record<Field, string> & { id: number };

function toDocument(talk: Talk, id: number, topicText: ReadonlyMap<string, string>): SearchDocument {
  return {
    id,
    title: talk.title,
    keywords: [...talk.keywords.en, ...talk.keywords.fr].join(' | '),
    speakers: talk.speakers.map((s) => `${s.name} ${s.company ?? ''}`).join(' | '),
    topics: talk.topics.map((topic) => topicText.get(topic) ?? topic).join(' | '),
    section: talk.section,
    takeaway: `${talk.takeaway.en} | ${talk.takeaway.fr}`,
  };
}

const tokenize = (text: string): string[] => foldText(text).split(' ');
const processTerm = (term: string): string | null => (term === '' || STOPWORDS.has(term) ? null : singular(term));

/** Typos forgiven from four letters on: one up to seven letters, two beyond. */
const fuzziness = (term: string): number => (term.length < 4 ? 0 : term.length < 8 ? 1 : 2);

export function createSearcher(catalogue: Catalogue): Searcher {
  const talks = catalogue.talks;
  const topicText = new Map(
    catalogue.topics.map((topic) => [topic.id, [topic.id.replaceAll('-', ' '), topic.label.en, topic.label.fr, ...topic.synonyms].join(' | ')]),
  );
  const index = new MiniSearch<SearchDocument>({ fields: FIELDS, tokenize, processTerm });
  const documents = talks.map((talk, id) => toDocument(talk, id, topicText));
  index.addAll(documents);
  const vocabulary = new Set(documents.flatMap((doc) => FIELDS.flatMap((field) => tokenize(doc[field]).map(processTerm))));

  const synonyms = buildSynonymGroups();
  const context: QueryContext = {
    synonyms,
    phraseSpan: longestPhrase(synonyms),
    resolveEditions: editionResolver(catalogue),
    resolveTopic: topicResolver(catalogue),
  };

  /**
   * A transposed pair of letters ("kaerpnter") is two edits to MiniSearch's Levenshtein
   * distance: a word the index lacks is first tried with each adjacent pair swapped.
   */
  function corrected(word: string): string {
    const term = processTerm(word);
    if (term === null || term.length < 4 || vocabulary.has(term)) return word;
    for (let i = 0; i < term.length - 1; i++) {
      const swapped = term.slice(0, i) + term[i + 1] + term[i] + term.slice(i + 2);
      if (vocabulary.has(swapped)) return swapped;
    }
    return word;
  }

  const options: SearchOptions = {
    boost: BOOST,
    fuzzy: (term) => fuzziness(term),
    prefix: (term) => term.length >= 4,
    combineWith: 'OR',
  };

  /** A slot matches through any of its names; a phrase needs all of its words. */
  function slotQuery(slot: QuerySlot): Query {
    return {
      combineWith: 'OR',
      queries: slot.alternatives.map((name, position) => {
        const words = name.split(' ').map((word) => (position === 0 ? corrected(word) : word));
        // Synonyms match exactly: "ml" must not grow into every word that begins with it.
        const exact = position === 0 ? {} : { fuzzy: false, prefix: false };
        return words.length > 1 ? { ...exact, combineWith: 'AND', queries: [words.join(' ')] } : { ...exact, queries: [words[0]!] };
      }),
    };
  }

  /**
   * Each slot's score in every talk it matches (talk -> slot scores), and how telling
   * each slot is: BM25's idf over the talks it matches, highest for a word no talk has.
   */
  function scoreSlots(slots: readonly QuerySlot[]): { scores: Map<number, number[]>; weights: number[] } {
    const scores = new Map<number, number[]>();
    const weights = slots.map((slot, s) => {
      const results = index.search(slotQuery(slot), options);
      for (const result of results) {
        const perSlot = scores.get(result.id) ?? new Array<number>(slots.length).fill(0);
        perSlot[s] = result.score;
        scores.set(result.id, perSlot);
      }
      return Math.log(1 + (talks.length - results.length + 0.5) / (results.length + 0.5));
    });
    return { scores, weights };
  }

  /**
   * Ranks the talks that match enough of the query. A talk needs one word matched well,
   * and a share of the query's telling words that shrinks as the query grows: "react
   * native" is not about cloud-native talks, but a pasted paragraph need not match all
   * its words.
   */
  function rankTalks(slots: readonly QuerySlot[], allowed: (doc: number) => boolean): { doc: number; score: number }[] {
    const { scores, weights } = scoreSlots(slots);
    const total = weights.reduce((sum, weight) => sum + weight, 0);
    const required = REQUIRED_COVERAGE / Math.sqrt(slots.length);
    const ranked: { doc: number; score: number }[] = [];
    for (const [doc, perSlot] of scores) {
      if (!allowed(doc) || Math.max(...perSlot) < MIN_SCORE) continue;
      const coverage = perSlot.reduce((sum, score, s) => sum + (score > 0 ? weights[s]! : 0), 0) / total;
      if ((globalThis as any).DEBUG) console.log('      ', talks[doc]!.id, coverage.toFixed(2), required.toFixed(2), perSlot.map((x) => x.toFixed(1)).join(' '));
      if (coverage < required) continue;
      const sum = perSlot.reduce((a, b) => a + b, 0);
      ranked.push({ doc, score: sum * (0.5 + 0.5 * coverage) * (talks[doc]!.video ? VIDEO_BONUS : 1) });
    }
    return ranked.sort((a, b) => b.score - a.score || a.doc - b.doc);
  }

  function search(raw: string): SearchResult {
    const query = parseQuery(raw, context);
    if (query.unknownTopics.length || query.unknownEditions.length) return { query, hits: [] };
    const editions = new Set(query.editions);
    const allowed = (doc: number) => {
      const talk = talks[doc]!;
      return (editions.size === 0 || editions.has(talk.edition.id)) && query.topics.every((topic) => talk.topics.includes(topic));
    };

    if (query.slots.length === 0) {
      if (editions.size === 0 && query.topics.length === 0) return { query, hits: [] };
      const selected = talks.filter((_, doc) => allowed(doc));
      const hits = selected.sort((a, b) => b.edition.year - a.edition.year || Number(b.video !== null) - Number(a.video !== null));
      return { query, hits: hits.map((talk) => ({ talk, score: 1 })) };
    }

    const ranked = rankTalks(query.slots, allowed);
    if (ranked.length === 0) return { query, hits: [] };
    const top = ranked[0]!.score;
    const hits = ranked
      .filter((candidate) => candidate.score >= MIN_SHARE * top)
      .slice(0, MAX_RESULTS)
      .map(({ doc, score }) => ({ talk: talks[doc]!, score: Math.max(0.001, Math.round((score / top) * 1000) / 1000) }));
    return { query, hits };
  }

  const suggestTopics = topicSuggester(catalogue, context, (raw) => {
    const { scores } = scoreSlots(parseQuery(raw, context).slots);
    return [...scores].map(([doc, perSlot]) => ({ talk: talks[doc]!, score: perSlot.reduce((a, b) => a + b, 0) }));
  });

  return { search, suggestTopics, context };
}

function editionResolver(catalogue: Catalogue): (name: string) => readonly string[] {
  const byName = new Map<string, string[]>();
  const add = (name: string, id: string) => byName.set(name, [...(byName.get(name) ?? []), id]);
  for (const edition of catalogue.editions) {
    add(String(edition.year), edition.id);
    add(foldText(edition.city), edition.id);
  }
  // The French names of the cities, since half the team writes in French.
  for (const [alias, city] of [['copenhague', 'copenhagen'], ['valence', 'valencia']] as const) {
    for (const id of byName.get(city) ?? []) add(alias, id);
  }
  return (name) => byName.get(name) ?? [];
}

/**
 * fuse.js on the topics' short names (ids, labels in both languages, synonyms): the kind
 * of fuzzy matching of a few short strings it does best ("observabilty", "sécu").
 */
function topicResolver(catalogue: Catalogue): (name: string) => string | undefined {
  const names = catalogue.topics.flatMap((topic) =>
    [topic.id, topic.id.replaceAll('-', ' '), topic.label.en, topic.label.fr, ...topic.synonyms].map((name) => ({ id: topic.id, name: foldText(name) })),
  );
  const exact = new Map(names.map(({ id, name }) => [name, id]));
  const fuse = new Fuse(names, { keys: ['name'], threshold: 0.3, includeScore: true });
  return (name) => (name === '' ? undefined : (exact.get(name) ?? fuse.search(name)[0]?.item.id));
}

/**
 * The topics closest to a query that found nothing: those of the talks its words touch,
 * even below the bar of an answer, then topics whose names look like its words, then the
 * biggest topics, so that two different questions never get the same five for no reason.
 */
function topicSuggester(
  catalogue: Catalogue,
  context: QueryContext,
  looseMatches: (raw: string) => { talk: Talk; score: number }[],
): (raw: string, count: number) => string[] {
  const bySize = [...catalogue.topics]
    .map((topic) => ({ id: topic.id, size: catalogue.talks.filter((talk) => talk.topics.includes(topic.id)).length }))
    .filter(({ size }) => size > 0)
    .sort((a, b) => b.size - a.size)
    .map(({ id }) => id);
  return (raw, count) => {
    const weights = new Map<string, number>();
    for (const { talk, score } of looseMatches(raw)) {
      for (const topic of talk.topics) weights.set(topic, (weights.get(topic) ?? 0) + score);
    }
    const touched = [...weights].sort((a, b) => b[1] - a[1]).map(([id]) => id);
    const named = foldText(raw)
      .split(' ')
      .filter((word) => word.length >= 4)
      .map(context.resolveTopic)
      .filter((id): id is string => id !== undefined);
    return [...new Set([...named, ...touched, ...bySize])].slice(0, count);
  };
}
