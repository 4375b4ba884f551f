import { createHash } from 'node:crypto';

/** How many talks a digest features. */
export const DIGEST_SIZE = 3;

/** What selection needs of a talk. */
export interface Candidate {
  readonly id: string;
  readonly topics: readonly string[];
  /** Null for a talk that was not recorded: the team's write-up is all there is. */
  readonly video: string | null;
  readonly edition: { readonly id: string };
}

/** Where a channel stands in its tour of the catalogue. */
export interface ChannelHistory {
  /** Starts at 0; a cycle ends when every talk has been featured in the channel. */
  readonly cycle: number;
  /** The talks featured in the current cycle. */
  readonly seen: readonly string[];
}

/** One digest: a theme (a topic id) and its talks, and the channel's history once it is posted. */
export interface DigestPick {
  readonly theme: string;
  readonly talks: readonly string[];
  readonly next: ChannelHistory;
}

export interface PickOptions {
  readonly talks: readonly Candidate[];
  readonly history: ChannelHistory;
  /** The channel id: each channel tours the catalogue in its own order, and the same one every time. */
  readonly seed: string;
  /** Last digest's theme, avoided when another topic will do. */
  readonly previousTheme?: string | undefined;
  /** A person's followed topics: only their talks are toured, and the theme is one of them. */
  readonly themes?: readonly string[] | undefined;
}

/**
 * The next digest for a channel: a theme of the week with three talks the channel has not
 * seen in this cycle, at least two of them recorded and from more than one edition whenever
 * the theme's unseen talks allow it. Pure and deterministic (no clock, no Math.random): a
 * preview shows what will be posted, and a digest retried after a crash is the same digest.
 * Undefined for an empty catalogue.
 */
export function pickDigest({ talks: all, history, seed, previousTheme, themes }: PickOptions): DigestPick | undefined {
  const talks = themes === undefined ? all : all.filter((talk) => talk.topics.some((topic) => themes.includes(topic)));
  if (talks.length === 0) return undefined;
  const size = Math.min(DIGEST_SIZE, talks.length);
  let { cycle } = history;
  // A talk since removed from the catalogue no longer counts; one on a topic the person no longer follows still does, should they follow it again.
  const known = new Set(all.map((talk) => talk.id));
  let seen = new Set(history.seen.filter((id) => known.has(id)));
  let unseen = cycleOrder(talks, seed, cycle).filter((talk) => !seen.has(talk.id));
  if (unseen.length === 0) {
    cycle += 1;
    seen = new Set();
    unseen = cycleOrder(talks, seed, cycle);
  }

  const theme = chooseTheme(unseen, size, previousTheme, themes);
  const onTheme = unseen.filter((talk) => talk.topics.includes(theme));
  const offTheme = unseen.filter((talk) => !talk.topics.includes(theme));
  // A theme short of talks gives all it has, topped up with other unseen talks chosen the same way.
  const picked =
    onTheme.length >= size
      ? bestDigest([], onTheme, size)
      : bestDigest(onTheme, offTheme, Math.min(size - onTheme.length, offTheme.length));
  if (picked.length === size) {
    const ids = leadWithRecordings(picked, theme);
    return { theme, talks: ids, next: { cycle, seen: [...seen, ...ids] } };
  }

  // This digest finishes the cycle: every talk has now been featured, so the rest comes from the next cycle's order.
  const rest = cycleOrder(talks, seed, cycle + 1).filter((talk) => !picked.includes(talk));
  const whole = bestDigest(picked, rest, size - picked.length);
  const fill = new Set(whole.slice(picked.length).map((talk) => talk.id));
  const ids = leadWithRecordings(whole, theme);
  return { theme, talks: ids, next: { cycle: cycle + 1, seen: ids.filter((id) => fill.has(id)) } };
}

const recorded = (talks: readonly Candidate[]) => talks.filter((talk) => talk.video !== null).length;
const editionCount = (talks: readonly Candidate[]) => new Set(talks.map((talk) => talk.edition.id)).size;

/**
 * `fixed` and `k` talks of `pool`: the first combination, in the pool's order, with as many
 * recorded talks (up to two) and editions (up to two) as the pool allows, recordings
 * counting first when both cannot be had.
 */
function bestDigest<T extends Candidate>(fixed: readonly T[], pool: readonly T[], k: number): T[] {
  const fixedEditions = new Set(fixed.map((talk) => talk.edition.id));
  const newEditions = new Set(pool.map((talk) => talk.edition.id).filter((edition) => !fixedEditions.has(edition)));
  const wantedVideos = Math.min(2, recorded(fixed) + Math.min(k, recorded(pool)));
  const wantedEditions = Math.min(2, fixedEditions.size + Math.min(k, newEditions.size));
  const score = (digest: readonly T[]) => (recorded(digest) >= wantedVideos ? 2 : 0) + (editionCount(digest) >= wantedEditions ? 1 : 0);

  let best: T[] = [...fixed];
  let bestScore = -1;
  for (const chosen of combinations(firstOfEachKind(pool, k), k)) {
    const digest = [...fixed, ...chosen];
    const value = score(digest);
    if (value > bestScore) [best, bestScore] = [digest, value];
    if (value === 3) break;
  }
  return best;
}

/**
 * The pool's first `k` talks of each kind (edition, recorded or not), in order. Only the kind
 * of a talk counts towards a digest's score, so a later talk of a kind could always give way
 * to an earlier one left out: dropping them changes no answer, and keeps the search small
 * however large the catalogue grows.
 */
function firstOfEachKind<T extends Candidate>(pool: readonly T[], k: number): T[] {
  const taken = new Map<string, number>();
  return pool.filter((talk) => {
    const kind = `${talk.edition.id}|${talk.video !== null}`;
    const count = taken.get(kind) ?? 0;
    taken.set(kind, count + 1);
    return count < k;
  });
}

/** Every choice of `k` items, in lexicographic order of their positions: the earliest talks of the cycle come first. */
function* combinations<T>(items: readonly T[], k: number, start = 0): Generator<T[]> {
  if (k === 0) {
    yield [];
    return;
  }
  for (let i = start; i <= items.length - k; i += 1) for (const rest of combinations(items, k - 1, i + 1)) yield [items[i]!, ...rest];
}

/** The theme's talks before the top-up, and within each, the recorded ones first: what a reader can watch leads. */
function leadWithRecordings(digest: readonly Candidate[], theme: string): string[] {
  const rank = (talk: Candidate) => (talk.topics.includes(theme) ? 0 : 2) + (talk.video === null ? 1 : 0);
  return [...digest].sort((a, b) => rank(a) - rank(b)).map((talk) => talk.id);
}

/**
 * The topic of the first talk, in this cycle's order, whose topic still has `size` unseen
 * talks, two of them recorded, from two editions; failing that, one with `size` unseen
 * talks; failing that, the topic with the most unseen talks. Last week's theme only when
 * nothing else qualifies.
 */
function chooseTheme(
  unseen: readonly Candidate[],
  size: number,
  previousTheme: string | undefined,
  themes: readonly string[] | undefined,
): string {
  // A Map keeps insertion order: topics in the order their first unseen talk comes up.
  const byTopic = new Map<string, Candidate[]>();
  for (const talk of unseen)
    for (const topic of talk.topics)
      if (themes === undefined || themes.includes(topic)) byTopic.set(topic, [...(byTopic.get(topic) ?? []), talk]);
  const ranked = [...byTopic];
  const full = ranked.filter(([, talks]) => talks.length >= size);
  const watchable = full.filter(([, talks]) => recorded(talks) >= Math.min(2, size) && editionCount(talks) >= Math.min(2, size));
  const fresh = (topics: typeof ranked) => topics.filter(([topic]) => topic !== previousTheme);
  const byCount = ranked.sort((a, b) => b[1].length - a[1].length);
  return (fresh(watchable)[0] ?? fresh(full)[0] ?? full[0] ?? fresh(byCount)[0] ?? byCount[0]!)[0];
}

/** Every talk in the order of one cycle: a shuffle seeded by the channel and the cycle number, so each cycle has a new order. */
function cycleOrder<T extends Candidate>(talks: readonly T[], seed: string, cycle: number): T[] {
  const order = [...talks].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const random = seededRandom(`${seed}#${cycle}`);
  for (let i = order.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return order;
}

/** mulberry32 seeded from a SHA-256 of the seed: small, fast, and the same sequence on every machine. */
function seededRandom(seed: string): () => number {
  let state = createHash('sha256').update(seed).digest().readUInt32LE(0);
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
