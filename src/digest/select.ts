import { createHash } from 'node:crypto';

/** How many talks a digest features. */
export const DIGEST_SIZE = 3;

/** What selection needs of a talk. */
export interface Candidate {
  readonly id: string;
  readonly topics: readonly string[];
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
}

/**
 * The next digest for a channel: a theme of the week with three talks the channel has not
 * seen in this cycle. Pure and deterministic (no clock, no Math.random): a preview shows what
 * will be posted, and a digest retried after a crash is the same digest. Undefined for an
 * empty catalogue.
 */
export function pickDigest({ talks, history, seed, previousTheme }: PickOptions): DigestPick | undefined {
  if (talks.length === 0) return undefined;
  const size = Math.min(DIGEST_SIZE, talks.length);
  let { cycle } = history;
  // A talk since removed from the catalogue no longer counts.
  const known = new Set(talks.map((talk) => talk.id));
  let seen = new Set(history.seen.filter((id) => known.has(id)));
  let unseen = cycleOrder(talks, seed, cycle).filter((talk) => !seen.has(talk.id));
  if (unseen.length === 0) {
    cycle += 1;
    seen = new Set();
    unseen = cycleOrder(talks, seed, cycle);
  }

  const theme = chooseTheme(unseen, size, previousTheme);
  // The theme's talks first; a theme short of talks is topped up with the next unseen ones.
  const picked = [...unseen.filter((talk) => talk.topics.includes(theme)), ...unseen.filter((talk) => !talk.topics.includes(theme))].slice(
    0,
    size,
  );
  const ids = picked.map((talk) => talk.id);
  if (picked.length === size) return { theme, talks: ids, next: { cycle, seen: [...seen, ...ids] } };

  // This digest finishes the cycle: every talk has now been featured, so the rest comes from the next cycle's order.
  const fill = cycleOrder(talks, seed, cycle + 1)
    .filter((talk) => !ids.includes(talk.id))
    .slice(0, size - picked.length)
    .map((talk) => talk.id);
  return { theme, talks: [...ids, ...fill], next: { cycle: cycle + 1, seen: fill } };
}

/**
 * The topic of the first talk, in this cycle's order, whose topic still has `size` unseen
 * talks; failing that, the topic with the most unseen talks. Last week's theme only when
 * nothing else qualifies.
 */
function chooseTheme(unseen: readonly Candidate[], size: number, previousTheme: string | undefined): string {
  // A Map keeps insertion order: topics in the order their first unseen talk comes up.
  const counts = new Map<string, number>();
  for (const talk of unseen) for (const topic of talk.topics) counts.set(topic, (counts.get(topic) ?? 0) + 1);
  const ranked = [...counts];
  const full = ranked.filter(([, count]) => count >= size);
  const pool = full.length > 0 ? full : ranked.sort((a, b) => b[1] - a[1]);
  const fresh = pool.filter(([topic]) => topic !== previousTheme);
  return (fresh[0] ?? pool[0]!)[0];
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
