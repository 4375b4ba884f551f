import Fuse, { type IFuseOptions } from 'fuse.js';
import type { Catalogue, Edition, Talk } from '../catalogue/model.ts';
import { parseQuery, type ParsedQuery, type QueryContext, type QuerySlot } from './query.ts';
import { buildSynonymGroups, longestPhrase } from './synonyms.ts';
import { TermIndexBuilder } from './term-index.ts';
import { foldText, lowerFold, STOPWORDS } from './text.ts';
import { Vocabulary } from './vocabulary.ts';

/**
 * Field order matters: it is the bit position in the postings and the key order in fuse.js.
 * Weights: what a talk is (title, keywords, topics) counts above who gave it, above
 * what the team wrote about it.
 */
const FIELDS = ['title', 'keywords', 'topics', 'speakers', 'takeaway', 'edition'] as const;
type Field = (typeof FIELDS)[number];
const WEIGHTS: Record<Field, number> = { title: 3, keywords: 3, topics: 2, speakers: 1.5, takeaway: 1, edition: 0.5 };
const FIELD_WEIGHT = FIELDS.map((field) => WEIGHTS[field]);
const FIELD_INDEX = Object.fromEntries(FIELDS.map((field, f) => [field, f])) as Record<Field, number>;
const FIELD_BITS = 3;
const VERBATIM_FIELDS: readonly Field[] = ['title', 'keywords'];

/**
 * How many of the best candidates fuse.js re-ranks: enough for the first pages; the rest
 * of a broad match keeps the index's order. Fuse's bitap scan is the costly step.
 */
const RERANK_LIMIT = 5;
/** The longest list a query returns ("More results" pages through it). */
const MAX_RESULTS = 60;
/** Share of the final score that comes from fuse.js; the rest from term coverage. */
const FUSE_SHARE = 0.5;
/** Extra weight for a talk whose title or keywords hold the query word for word. */
const PHRASE_BONUS = 1.25;

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
  /** Topic ids whose names look like the words of the query, for "did you mean" answers. */
  suggestTopics(query: string, count: number): string[];
  readonly context: QueryContext;
}

/** A talk's fields, lower-case and accent-folded (lowerFold), punctuation kept. */
export type SearchDocument = Record<Field, string>;

/** Each topic as the words that find it: its id, its names in both languages, its synonyms. */
function topicTexts(catalogue: Pick<Catalogue, 'topicById'>): Map<string, string> {
  return new Map([...catalogue.topicById].map(([id, topic]) => [id, lowerFold([id.replaceAll('-', ' '), topic.label.en, topic.label.fr, ...topic.synonyms].join(' | '))]));
}

/** The words that find an edition's talks. */
function editionText(edition: Edition): string {
  return `${edition.city} ${edition.year}`;
}

export function toSearchDocument(talk: Talk, topicText: ReadonlyMap<string, string>): SearchDocument {
  return {
    title: lowerFold(talk.title),
    keywords: lowerFold([...talk.keywords.en, ...talk.keywords.fr].join(' | ')),
    topics: talk.topics.map((id) => topicText.get(id) ?? id).join(' | '),
    speakers: lowerFold(talk.speakers.map((s) => `${s.name} ${s.company ?? ''}`).join(' | ')),
    takeaway: lowerFold(`${talk.takeaway.en} | ${talk.takeaway.fr}`),
    edition: lowerFold(editionText(talk.edition)),
  };
}

/** Matches a run of indexed words in a lowerFold text, whatever punctuation lies between them. */
function phrasePattern(words: readonly string[]): RegExp {
  return new RegExp(`(?:^|[^a-z0-9])${words.join('[^a-z0-9]+')}(?![a-z0-9])`);
}

/**
 * fuse.js ranks on the short, descriptive fields; the long takeaways are matched through
 * the index, which costs nothing per character, rather than by a bitap scan per query.
 */
const FUSE_FIELDS: readonly Field[] = ['title', 'topics', 'speakers'];
type FuseDocument = Pick<SearchDocument, 'title' | 'topics' | 'speakers'>;
const FUSE_OPTIONS: IFuseOptions<FuseDocument> = {
  keys: FUSE_FIELDS.map((name) => ({ name, weight: WEIGHTS[name] })),
  useTokenSearch: true,
  ignoreLocation: true,
  includeScore: true,
  threshold: 0.3,
  shouldSort: false,
};

interface Candidate {
  doc: number;
  score: number;
  matched: number;
}

/**
 * Builds the index once: folded documents, postings of every word to the talks and fields
 * it appears in, and the typo-tolerant vocabulary. A query then
 * touches only the talks that contain its words, and fuse.js ranks that short list.
 */
export function createSearcher(catalogue: Catalogue): Searcher {
  const talks = catalogue.talks;
  const topicText = topicTexts(catalogue);
  // Folded when a query first needs one (phrases, re-ranking): most talks never are.
  const documents: SearchDocument[] = new Array(talks.length);
  const documentOf = (doc: number): SearchDocument => (documents[doc] ??= toSearchDocument(talks[doc]!, topicText));

  // Queries drop stopwords, so indexing them would only cost start-up time.
  const builder = new TermIndexBuilder(STOPWORDS, FIELD_BITS);
  // Every talk of a topic or an edition shares its words: each is scanned once.
  const topicIds = new Map([...topicText].map(([id, text]) => [id, builder.ids(text)]));
  const editionIds = new Map(catalogue.editions.map((edition) => [edition.id, builder.ids(editionText(edition))]));
  // Indexed loops: this runs once, mostly before V8 optimises it, and for...of would then
  // allocate an iterator result per step (a million at ten thousand talks).
  for (let i = 0; i < talks.length; i++) {
    const talk = talks[i]!;
    const base = i << FIELD_BITS;
    builder.add(talk.title, base | FIELD_INDEX.title);
    const { en, fr } = talk.keywords;
    for (let k = 0; k < en.length; k++) builder.add(en[k]!, base | FIELD_INDEX.keywords);
    for (let k = 0; k < fr.length; k++) builder.add(fr[k]!, base | FIELD_INDEX.keywords);
    for (let k = 0; k < talk.topics.length; k++) builder.addIds(topicIds.get(talk.topics[k]!) ?? builder.ids(talk.topics[k]!), base | FIELD_INDEX.topics);
    for (let k = 0; k < talk.speakers.length; k++) {
      const speaker = talk.speakers[k]!;
      builder.add(speaker.name, base | FIELD_INDEX.speakers);
      if (speaker.company) builder.add(speaker.company, base | FIELD_INDEX.speakers);
    }
    builder.add(talk.takeaway.en, base | FIELD_INDEX.takeaway);
    builder.add(talk.takeaway.fr, base | FIELD_INDEX.takeaway);
    builder.addIds(editionIds.get(talk.edition.id) ?? builder.ids(editionText(talk.edition)), base | FIELD_INDEX.edition);
  }
  const index = builder.build();
  const none = new Int32Array(0);
  const postings = (term: string): Int32Array => index.postings(term) ?? none;
  /** Rarer words weigh more (BM25's idf); 0 for a word no talk has. */
  const idf = (word: string): number => {
    const count = index.groups(word);
    return count === 0 ? 0 : Math.log(1 + (talks.length - count + 0.5) / (count + 0.5));
  };
  const vocabulary = new Vocabulary(index.words());
  // Built when a talk is first re-ranked: most never are. For ranking, a topic's names are enough.
  const fuseDocs: FuseDocument[] = [];
  const fuseDoc = (doc: number): FuseDocument => {
    const talk = talks[doc]!;
    const fields = documentOf(doc);
    return (fuseDocs[doc] ??= {
      title: foldText(fields.title),
      topics: foldText(talk.topics.flatMap((id) => Object.values(catalogue.topicById.get(id)?.label ?? { en: id })).join(' | ')),
      speakers: foldText(fields.speakers),
    });
  };

  const synonyms = buildSynonymGroups();
  const editionAliases = new Map<string, number>();
  for (const edition of catalogue.editions) {
    editionAliases.set(String(edition.year), edition.year);
    editionAliases.set(foldText(edition.city), edition.year);
  }
  // The French names of the cities, since half the team writes in French.
  for (const [alias, city] of [['copenhague', 'copenhagen'], ['valence', 'valencia']] as const) {
    const year = editionAliases.get(city);
    if (year !== undefined) editionAliases.set(alias, year);
  }
  const topicNames = new Map<string, string>();
  for (const topic of catalogue.topics) {
    for (const name of [topic.id, topic.id.replaceAll('-', ' '), topic.label.en, topic.label.fr, ...topic.synonyms]) {
      const folded = foldText(name);
      if (!topicNames.has(folded)) topicNames.set(folded, topic.id);
    }
  }
  const topicVocabulary = new Vocabulary(topicNames.keys());
  const resolveTopic = (name: string): string | undefined =>
    topicNames.get(name) ?? topicNames.get(topicVocabulary.lookup(name)[0]?.term ?? '');

  const context: QueryContext = { synonyms, phraseSpan: longestPhrase(synonyms), editionAliases, resolveTopic };

  /** Best weighted match of one slot in every talk that has it: talk -> score. */
  function matchSlot(slot: QuerySlot, allowed: (doc: number) => boolean): Map<number, number> {
    const best = new Map<number, number>();
    const consider = (doc: number, value: number) => {
      if (allowed(doc) && value > (best.get(doc) ?? 0)) best.set(doc, value);
    };
    slot.alternatives.forEach((alternative, position) => {
      // What the user typed counts a little more than its synonyms.
      const closeness = position === 0 ? 1 : 0.9;
      if (alternative.includes(' ')) {
        const words = alternative.split(' ').filter((word) => !STOPWORDS.has(word));
        if (words.length === 0) return;
        const rarest = words.map(postings).reduce((a, b) => (a.length <= b.length ? a : b));
        const weight = words.reduce((sum, word) => sum + idf(word), 0) / words.length;
        const pattern = phrasePattern(alternative.split(' '));
        for (const entry of rarest) {
          const doc = entry >> FIELD_BITS;
          const f = entry & ((1 << FIELD_BITS) - 1);
          if (pattern.test(documentOf(doc)[FIELDS[f]!])) consider(doc, closeness * weight * FIELD_WEIGHT[f]!);
        }
        return;
      }
      const matches = position === 0 ? vocabulary.lookup(alternative) : vocabulary.has(alternative) ? [{ term: alternative, similarity: 1 }] : [];
      for (const { term, similarity } of matches) {
        const weight = closeness * similarity * idf(term);
        for (const entry of postings(term)) {
          consider(entry >> FIELD_BITS, weight * FIELD_WEIGHT[entry & ((1 << FIELD_BITS) - 1)]!);
        }
      }
    });
    return best;
  }

  /**
   * Words fuse.js should look for: a slot with synonyms by its group's first indexed word,
   * so that "coûts", "costs" and "facture" rank alike; any other by its typed words
   * corrected to indexed words. Each is a bitap scan of every re-ranked field: the fewer,
   * the quicker.
   */
  function fuseTerms(slots: readonly QuerySlot[]): string {
    const terms = new Set<string>();
    for (const slot of slots) {
      const canonical = synonyms.get(slot.word)?.find((alternative) => !alternative.includes(' ') && vocabulary.has(alternative));
      if (canonical !== undefined) {
        terms.add(canonical);
        continue;
      }
      for (const word of slot.word.split(' ')) {
        const best = vocabulary.lookup(word)[0];
        if (best) terms.add(best.term);
      }
    }
    return [...terms].join(' ');
  }

  function search(raw: string): SearchResult {
    const query = parseQuery(raw, context);
    if (query.unknownTopics.length || query.unknownEditions.length) return { query, hits: [] };
    const years = new Set(query.years);
    const allowed = (doc: number) => {
      const talk = talks[doc]!;
      return (years.size === 0 || years.has(talk.edition.year)) && query.topics.every((topic) => talk.topics.includes(topic));
    };

    if (query.slots.length === 0) {
      if (years.size === 0 && query.topics.length === 0) return { query, hits: [] };
      const hits = talks.filter((_, doc) => allowed(doc)).map((talk) => ({ talk, score: 1 }));
      return { query, hits: hits.sort((a, b) => b.talk.edition.year - a.talk.edition.year) };
    }

    const candidates = new Map<number, Candidate>();
    for (const slot of query.slots) {
      for (const [doc, value] of matchSlot(slot, allowed)) {
        const candidate = candidates.get(doc) ?? { doc, score: 0, matched: 0 };
        candidate.score += value;
        candidate.matched += 1;
        candidates.set(doc, candidate);
      }
    }
    // Every word must match, but a long question may miss one word in three ("keep long jobs alive on spot nodes").
    const required = query.slots.length >= 3 ? query.slots.length - Math.floor(query.slots.length / 3) : query.slots.length;
    const kept = [...candidates.values()]
      .filter((candidate) => candidate.matched >= required)
      .sort((a, b) => b.score - a.score || a.doc - b.doc)
      .slice(0, MAX_RESULTS);
    if (kept.length === 0) return { query, hits: [] };

    return { query, hits: rerank(kept, fuseTerms(query.slots), query) };
  }

  /**
   * fuse.js scores the short list on the same fields and weights; its verdict is blended
   * with the index's weighted term score, and a talk that misses one of the words ranks
   * below those that have them all.
   */
  function rerank(kept: Candidate[], terms: string, query: ParsedQuery): SearchHit[] {
    const ranked = kept.slice(0, RERANK_LIMIT);
    // Ten records are quicker to index per query than ten thousand at start-up.
    const fuse = new Fuse(
      ranked.map((candidate) => fuseDoc(candidate.doc)),
      FUSE_OPTIONS,
    );
    const fuseScore = new Map<number, number>();
    for (const result of fuse.search(terms)) fuseScore.set(result.refIndex, 1 - (result.score ?? 1));
    const top = kept[0]!.score;
    const phrase = query.phrase.includes(' ') ? phrasePattern(query.phrase.split(' ')) : undefined;
    const verbatim = (doc: number) => phrase !== undefined && VERBATIM_FIELDS.some((field) => phrase.test(documentOf(doc)[field]));
    return kept
      .map((candidate, i) => {
        const blended = FUSE_SHARE * (fuseScore.get(i) ?? 0) + (1 - FUSE_SHARE) * (candidate.score / top);
        const coverage = candidate.matched / query.slots.length;
        return { talk: talks[candidate.doc]!, score: Math.min(1, blended * coverage * (verbatim(candidate.doc) ? PHRASE_BONUS : 1)), doc: candidate.doc };
      })
      .sort((a, b) => b.score - a.score || a.doc - b.doc)
      .map(({ talk, score }) => ({ talk, score: Math.max(0.001, Math.round(score * 1000) / 1000) }));
  }

  function suggestTopics(raw: string, count: number): string[] {
    const scores = new Map<string, number>();
    for (const word of foldText(raw).split(' ')) {
      if (word.length < 3) continue;
      for (const { term, similarity } of topicVocabulary.lookup(word)) {
        const id = topicNames.get(term)!;
        scores.set(id, Math.max(scores.get(id) ?? 0, similarity));
      }
    }
    const related = [...scores].sort((a, b) => b[1] - a[1]).map(([id]) => id);
    return [...new Set([...related, ...topicsByPopularity()])].slice(0, count);
  }

  /** Topic ids, those with the most talks first: counted on the first answer that suggests topics, then kept. */
  let byPopularity: string[] | undefined;
  function topicsByPopularity(): string[] {
    if (byPopularity) return byPopularity;
    const popularity = new Map<string, number>();
    for (const talk of talks) for (const topic of talk.topics) popularity.set(topic, (popularity.get(topic) ?? 0) + 1);
    return (byPopularity = [...popularity].sort((a, b) => b[1] - a[1]).map(([id]) => id));
  }

  return { search, suggestTopics, context };
}
