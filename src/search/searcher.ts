import Fuse from 'fuse.js';
import { LRUCache } from 'lru-cache';
import MiniSearch, { type Query, type SearchOptions } from 'minisearch';
import type { Catalogue, Talk, Topic } from '../catalogue/model.ts';
import type { EditionFacet } from './filters.ts';
import { type ParsedQuery, parseQuery, type QueryContext, type QuerySlot } from './query.ts';
import { buildSynonymGroups, longestPhrase, type SynonymGroups } from './synonyms.ts';
import { foldText, indexTerm, isNotPlural, tokenize } from './text.ts';

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
 * above what the team wrote about it. A conclusion's keywords (the tools it names) count
 * for the talks it is linked to about as much as a speaker's name: on their own they are
 * a short text in a field most talks lack, which BM25 scores low. See
 * docs/decisions/0002-search-library.md.
 */
const BOOST = { title: 3, keywords: 2.5, speakers: 2, topics: 1.5, section: 1, takeaway: 1, conclusions: 2 } as const;
type Field = keyof typeof BOOST;
const FIELDS = Object.keys(BOOST) as Field[];

/** A query word's best match must reach this score for a talk to be an answer at all. */
const MIN_SCORE = 4;
/** The share of a query's telling words an answer must match, over the square root of their number. */
const REQUIRED_COVERAGE = 0.6;
/** A single word may be a typo: half a match (see FUZZY_QUALITY) is enough. */
const ONE_WORD_COVERAGE = 0.5;
/** Up to this many words, a word no talk has counts in full against a talk's coverage. */
const UNKNOWN_WORDS_SPAN = 6;
/** Misspelt topic names and synonyms remembered: a few kilobytes each. */
const RESOLVED_KEPT = 1000;
/** How much a match counts, by how surely the talk holds what was typed. */
const PREFIX_QUALITY = 0.8;
const FUZZY_QUALITY = 0.5;
const SYNONYM_QUALITY = 0.9;
/** Talks scoring under this share of the best one are noise, not further answers. */
const MIN_SHARE = 0.2;
/** The longest list a query returns ("More results" pages through it). */
const MAX_RESULTS = 60;
/** "About equally relevant": a talk with a recording wins such a tie. */
const VIDEO_BONUS = 1.08;
/**
 * In ranking, a word no talk is named or described by, only found in the team's prose
 * ("instead", "whole", "seen"), counts half: on 70 talks such words look as rare as the
 * names of tools, and a question's filler outranked the talk its subject names.
 */
const PROSE_WORD_RANK = 0.5;

type SearchDocument = Record<Field, string> & { id: number };

function toDocument(
  talk: Talk,
  id: number,
  topicText: ReadonlyMap<string, string>,
  conclusionText: ReadonlyMap<string, string>,
): SearchDocument {
  return {
    id,
    title: talk.title,
    keywords: [...talk.keywords.en, ...talk.keywords.fr].join(' | '),
    speakers: talk.speakers.map((s) => `${s.name} ${s.company ?? ''}`).join(' | '),
    topics: talk.topics.map((topic) => topicText.get(topic) ?? topic).join(' | '),
    section: talk.section,
    takeaway: `${talk.takeaway.en} | ${talk.takeaway.fr}`,
    conclusions: conclusionText.get(talk.id) ?? '',
  };
}

/**
 * The keywords of the conclusions linked to each talk: a tool the team names only in a
 * conclusion ("mirrord", "Backstage") then finds the talks that conclusion is about.
 */
function conclusionsByTalk(catalogue: Catalogue): Map<string, string> {
  const parts = new Map<string, string[]>();
  for (const conclusion of catalogue.conclusions) {
    // Its keywords only: the prose of a long conclusion made chatter match its talks.
    const text = [...conclusion.keywords.en, ...conclusion.keywords.fr].join(' | ');
    if (!text) continue;
    for (const id of conclusion.talks) parts.set(id, [...(parts.get(id) ?? []), text]);
  }
  return new Map([...parts].map(([id, texts]) => [id, texts.join(' | ')]));
}

/**
 * Typos forgiven from four letters on: one (and a swapped pair, see corrected) up to ten
 * letters, two beyond; on shorter words two edits reach unrelated words, and were the
 * slowest part of long queries. None for a word kept apart from its singular ("windows"),
 * which one edit would turn back into it.
 */
const fuzziness = (term: string): number => (term.length < 4 || isNotPlural(term) ? 0 : term.length < 11 ? 1 : 2);

export function createSearcher(catalogue: Catalogue): Searcher {
  const talks = catalogue.talks;
  const topicText = new Map(catalogue.topics.map((topic) => [topic.id, topicNames(topic).join(' | ')]));
  // Every indexed term, gathered as the index is built, for the transposition check below.
  const vocabulary = new Set<string>();
  // The terms some talk is named or described by: every field but the team's prose.
  const naming = new Set<string>();
  const index = new MiniSearch<SearchDocument>({
    fields: FIELDS,
    tokenize,
    processTerm: (word, field) => {
      const term = indexTerm(word);
      if (term !== null) vocabulary.add(term);
      if (term !== null && field !== 'takeaway') naming.add(term);
      return term;
    },
    searchOptions: { processTerm: indexTerm },
  });
  const conclusionText = conclusionsByTalk(catalogue);
  index.addAll(talks.map((talk, id) => toDocument(talk, id, topicText, conclusionText)));

  const synonyms = buildSynonymGroups();
  const context: QueryContext = {
    synonyms,
    phraseSpan: longestPhrase(synonyms),
    ...editionResolver(catalogue),
    resolveTopic: topicResolver(catalogue),
    misspeltSynonym: misspeltSynonyms(synonyms, (word) => vocabulary.has(indexTerm(word) ?? '')),
  };

  /**
   * A transposed pair of letters ("kaerpnter") is two edits to MiniSearch's Levenshtein
   * distance: a word the index lacks is first tried with each adjacent pair swapped.
   */
  function corrected(word: string): string {
    const term = indexTerm(word);
    if (term === null || term.length < 4 || vocabulary.has(term)) return word;
    for (let i = 0; i < term.length - 1; i++) {
      const swapped = term.slice(0, i) + term[i + 1] + term[i] + term.slice(i + 2);
      if (vocabulary.has(swapped)) return swapped;
    }
    return word;
  }

  const typed: SearchOptions = { boost: BOOST, fuzzy: (term) => fuzziness(term), prefix: (term) => term.length >= 4 };
  // In a long query (a pasted paragraph), a word the index holds is taken as typed: among
  // a score of words its typo neighbours only added noise, and the fuzzy walk of the index
  // was most of each lookup's time.
  const typedInLongQuery: SearchOptions = { ...typed, fuzzy: (term) => (vocabulary.has(term) ? 0 : fuzziness(term)) };
  // Synonyms match exactly: "ml" must not grow into every word that begins with it.
  const synonym: SearchOptions = { boost: BOOST, fuzzy: false, prefix: false };

  /** Whether each of a slot's names has a word the index holds only from the team's prose (see PROSE_WORD_RANK). */
  function proseOnly(slot: QuerySlot): boolean {
    return slot.alternatives.every((name) =>
      name.split(' ').some((word) => {
        const term = indexTerm(word);
        return term !== null && vocabulary.has(term) && !naming.has(term);
      }),
    );
  }

  /** How surely a talk holds what was typed: the word itself, a longer word it begins, or a typo of it. */
  function matchQuality(matched: readonly string[], terms: readonly (string | null)[]): number {
    if (terms.every((term) => term === null || matched.includes(term))) return 1;
    if (terms.every((term) => term === null || matched.some((m) => m.startsWith(term)))) return PREFIX_QUALITY;
    return FUZZY_QUALITY;
  }

  /**
   * Each slot's best match in every talk it matches, through any of its names (a phrase
   * needs all its words), with how surely it matched; and how telling each slot is: BM25's
   * idf over the talks it matches, highest for a word no talk has.
   */
  function scoreSlots(slots: readonly QuerySlot[]) {
    const matches = new Map<number, { scores: number[]; qualities: number[] }>();
    const best = new Array<number>(slots.length).fill(0);
    const asTyped = slots.length > UNKNOWN_WORDS_SPAN ? typedInLongQuery : typed;
    const weights = slots.map((slot, s) => {
      const found = new Set<number>();
      slot.alternatives.forEach((name, position) => {
        const words = name.split(' ').map((word) => (position === 0 ? corrected(word) : word));
        const terms = words.map(indexTerm);
        const query: Query = words.length > 1 ? { combineWith: 'AND', queries: [words.join(' ')] } : words[0]!;
        for (const result of index.search(query, position === 0 ? asTyped : synonym)) {
          const doc = result.id as number;
          const entry = matches.get(doc) ?? { scores: new Array(slots.length).fill(0), qualities: new Array(slots.length).fill(0) };
          const quality = position === 0 ? matchQuality(result.terms, terms) : SYNONYM_QUALITY;
          entry.scores[s] = Math.max(entry.scores[s]!, result.score * quality);
          entry.qualities[s] = Math.max(entry.qualities[s]!, quality);
          best[s] = Math.max(best[s]!, entry.scores[s]!);
          matches.set(doc, entry);
          found.add(doc);
        }
      });
      return Math.log(1 + (talks.length - found.size + 0.5) / (found.size + 0.5));
    });
    return { matches, weights, best };
  }

  /**
   * Ranks the talks that match enough of the query. A talk needs one word matched well,
   * and a share of the query's telling words that shrinks as the query grows: "react
   * native" is not about cloud-native talks, but a pasted paragraph need not match all
   * its words.
   */
  function rankTalks(query: ParsedQuery, allowed: (doc: number) => boolean): { doc: number; score: number }[] {
    const { slots, names } = query;
    const { matches, weights, best } = scoreSlots(slots);
    const prose = slots.map(proseOnly);
    const length = slots.length;
    // A short query that names a thing no talk is named or described by ("Redis en haute
    // dispo", "Windows containers") is about that thing: the talks its other words match
    // ("haute dispo", "containers") are not answers. A long one may name it in passing.
    if (length <= UNKNOWN_WORDS_SPAN && slots.some((slot, s) => names.has(slot.word) && (best[s] === 0 || prose[s]))) return [];
    // A word no talk has weighs as a rare one in a short query ("react native" is not
    // about cloud native), less and less in a long one, where such words are the prose.
    const unknown = Math.log(1 + (talks.length + 0.5) / 0.5) * Math.min(1, UNKNOWN_WORDS_SPAN / length);
    const weight = weights.map((w, s) => (best[s] === 0 ? unknown : w));
    const total = weight.reduce((sum, w) => sum + w, 0);
    const required = length === 1 ? ONE_WORD_COVERAGE : REQUIRED_COVERAGE / Math.sqrt(length);
    const ranked: { doc: number; score: number }[] = [];
    for (const [doc, { scores, qualities }] of matches) {
      if (!allowed(doc) || Math.max(...scores) < MIN_SCORE) continue;
      const coverage = qualities.reduce((sum, quality, s) => sum + quality * weight[s]!, 0) / total;
      if (coverage < required) continue;
      const score =
        scores.reduce(
          (sum, value, s) =>
            sum + (value === 0 ? 0 : weight[s]! * (prose[s] ? PROSE_WORD_RANK : 1) * qualities[s]! * Math.sqrt(value / best[s]!)),
          0,
        ) / total;
      ranked.push({ doc, score: score * (talks[doc]!.video ? VIDEO_BONUS : 1) });
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
      // Talks filed first under the topic are the ones most about it; then the newest, then those with a video.
      const rank = (talk: Talk) => query.topics.reduce((sum, topic) => sum + talk.topics.indexOf(topic), 0);
      const selected = talks.filter((_, doc) => allowed(doc));
      const hits = selected.sort(
        (a, b) => rank(a) - rank(b) || b.edition.year - a.edition.year || Number(b.video !== null) - Number(a.video !== null),
      );
      return { query, hits: hits.map((talk) => ({ talk, score: 1 })) };
    }

    const ranked = rankTalks(query, allowed);
    if (ranked.length === 0) return { query, hits: [] };
    const top = ranked[0]!.score;
    const hits = ranked
      .filter((candidate) => candidate.score >= MIN_SHARE * top)
      .slice(0, MAX_RESULTS)
      .map(({ doc, score }) => ({ talk: talks[doc]!, score: Math.max(0.001, Math.round((score / top) * 1000) / 1000) }));
    return { query, hits };
  }

  const suggestTopics = topicSuggester(catalogue, context, (raw) => {
    const { matches } = scoreSlots(parseQuery(raw, context).slots);
    return [...matches].map(([doc, { scores }]) => ({ talk: talks[doc]!, score: scores.reduce((a, b) => a + b, 0) }));
  });

  return { search, suggestTopics, context };
}

/** Every name a topic goes by: its id, its labels in both languages, its synonyms. */
export function topicNames(topic: Topic): string[] {
  return [topic.id, topic.id.replaceAll('-', ' '), topic.label.en, topic.label.fr, ...topic.synonyms];
}

/** An event's name words this short ("eu") are too often other words ("j'ai eu") to be read as filters. */
const EVENT_WORD_MIN = 4;

/**
 * The names an edition goes by, each of one facet: its year, its city (in French too),
 * its kind of event ("kcd") and the telling words of its event's name ("france").
 */
function editionResolver(catalogue: Catalogue): Pick<QueryContext, 'resolveEditions' | 'editionFacet'> {
  const byName = new Map<string, string[]>();
  const facets = new Map<string, EditionFacet>();
  const add = (name: string, id: string, facet: EditionFacet) => {
    // A name is of the first facet it was given: a city named like a year cannot happen, a kind named like a city could.
    if (facets.has(name) && facets.get(name) !== facet) return;
    facets.set(name, facet);
    const ids = byName.get(name) ?? [];
    if (!ids.includes(id)) byName.set(name, [...ids, id]);
  };
  for (const edition of catalogue.editions) {
    add(String(edition.year), edition.id, 'year');
    add(foldText(edition.city), edition.id, 'city');
  }
  // The French names of the cities, since half the team writes in French.
  for (const [alias, city] of [
    ['copenhague', 'copenhagen'],
    ['valence', 'valencia'],
  ] as const) {
    for (const id of byName.get(city) ?? []) add(alias, id, 'city');
  }
  for (const edition of catalogue.editions) {
    add(edition.kind, edition.id, 'event');
    for (const word of foldText(edition.event).split(' ')) {
      if (word.length >= EVENT_WORD_MIN && word !== edition.kind) add(word, edition.id, 'event');
    }
  }
  return { resolveEditions: (name) => byName.get(name) ?? [], editionFacet: (name) => facets.get(name) };
}

/** A typo of a synonym is one of a word this long or more, one letter off in ten: "electricty", not "slicing" for "scaling". */
const MISSPELT_SYNONYM_MIN = 5;
const MISSPELT_SYNONYM_THRESHOLD = 0.15;

/**
 * fuse.js on the synonyms' single words, for a word the index lacks: a typo would
 * otherwise find only the talks that hold its own near spellings, not its group's.
 */
function misspeltSynonyms(synonyms: SynonymGroups, indexed: (word: string) => boolean): (word: string) => string | undefined {
  const words = [...synonyms.keys()].filter((key) => !key.includes(' '));
  const fuse = new Fuse(words, { threshold: MISSPELT_SYNONYM_THRESHOLD });
  const resolve = remembered((word) => fuse.search(word)[0]?.item);
  return (word) => (word.length < MISSPELT_SYNONYM_MIN || indexed(word) ? undefined : resolve(word));
}

/**
 * A fuse.js lookup remembered: people misspell the same few words, and a bitap scan of
 * every name costs more than a query. Nothing found is remembered too, as "".
 */
function remembered(lookup: (name: string) => string | undefined): (name: string) => string | undefined {
  const kept = new LRUCache<string, string>({ max: RESOLVED_KEPT, memoMethod: (name) => lookup(name) ?? '' });
  return (name) => kept.memo(name) || undefined;
}

/**
 * fuse.js on the topics' short names (ids, labels in both languages, synonyms): the kind
 * of fuzzy matching of a few short strings it does best ("observabilty", "sécu").
 */
function topicResolver(catalogue: Catalogue): (name: string) => string | undefined {
  const names = catalogue.topics.flatMap((topic) => topicNames(topic).map((name) => ({ id: topic.id, name: foldText(name) })));
  const exact = new Map(names.map(({ id, name }) => [name, id]));
  const fuse = new Fuse(names, { keys: ['name'], threshold: 0.3 });
  const resolve = remembered((name) => fuse.search(name)[0]?.item.id);
  return (name) => (name === '' ? undefined : (exact.get(name) ?? resolve(name)));
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
