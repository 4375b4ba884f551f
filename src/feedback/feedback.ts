import { createHash, randomBytes } from 'node:crypto';
import type { DigestStore, FeedbackState } from '../digest/store.ts';
import { meaningfulWords } from '../search/query.ts';
import { foldText } from '../search/text.ts';

/**
 * 👍 / 👎 on answers, and the searches that found nothing: what maintainers need to see
 * which talks help and what people look for that the catalogue lacks, and nothing about
 * who asked. Kept in the digest's store (a file under DATA_DIR, or Redis), so that every
 * replica counts into the same figures.
 */
export type Vote = 'up' | 'down';

export interface Rating {
  /** Who voted, only to replace their earlier vote on the same answer: hashed with a salt, never kept as such. */
  readonly voter: string;
  /** The answer rated: where its message is (a channel and a message ts). */
  readonly answer: string;
  /** The kind of answer: search, topic, edition, random, radar, takeaways. */
  readonly kind: string;
  readonly talks: readonly string[];
  readonly value: Vote;
}

export interface TalkFigures {
  readonly talk: string;
  readonly up: number;
  readonly down: number;
}

export interface FeedbackReport {
  /** Best first: most 👍 net of 👎. */
  readonly talks: readonly TalkFigures[];
  readonly kinds: readonly { readonly kind: string; readonly up: number; readonly down: number }[];
  /** Most asked first; empty unless SEARCH_GAPS is on. */
  readonly gaps: readonly { readonly words: string; readonly count: number; readonly last: string }[];
}

export interface Feedback {
  /** `counted` a first vote, `changed` a vote that replaces the voter's other one, `same` a vote cast again. */
  rate(rating: Rating): Promise<'counted' | 'changed' | 'same'>;
  /** A search that found nothing: its words, normalised, counted (only with SEARCH_GAPS=on). */
  noteGap(query: string): Promise<void>;
  report(): Promise<FeedbackReport>;
}

const WEEK_MS = 7 * 86_400_000;
const GAP_DAYS_MS = 90 * 86_400_000;
/** One gap entry holds this many words at most: a pasted paragraph is not a gap. */
const MAX_GAP_WORDS = 8;

const EMPTY = (salt: string): FeedbackState => ({ salt, talks: {}, kinds: {}, votes: {}, gaps: {} });

function add(tally: Record<string, { up: number; down: number }>, key: string, value: Vote, by: 1 | -1) {
  const current = tally[key] ?? { up: 0, down: 0 };
  const next = { ...current, [value]: Math.max(0, current[value] + by) };
  return { ...tally, [key]: next };
}

/** Votes older than a week, and gaps not seen for 90 days, are dropped whenever the state is written. */
function pruned(feedback: FeedbackState, now: number): FeedbackState {
  const votes = Object.fromEntries(Object.entries(feedback.votes).filter(([, vote]) => now - Date.parse(vote.at) < WEEK_MS));
  const gaps = Object.fromEntries(Object.entries(feedback.gaps).filter(([, gap]) => now - Date.parse(gap.last) < GAP_DAYS_MS));
  return { ...feedback, votes, gaps };
}

/** The words of a query as a gap records them: folded, without chatter, sorted, each once. */
export function gapWords(query: string): string {
  const words = [...new Set(meaningfulWords(query).map(foldText).filter(Boolean))].sort();
  return words.length > MAX_GAP_WORDS ? '' : words.join(' ');
}

export function createFeedback({
  store,
  now = Date.now,
  searchGaps,
}: {
  readonly store: DigestStore;
  readonly now?: () => number;
  readonly searchGaps: boolean;
}): Feedback {
  const salt = randomBytes(16).toString('hex');
  const current = (state: { feedback?: FeedbackState | undefined }) => state.feedback ?? EMPTY(salt);

  return {
    async rate({ voter, answer, kind, talks, value }) {
      let outcome: 'counted' | 'changed' | 'same' = 'counted';
      await store.update((state) => {
        const feedback = pruned(current(state), now());
        const key = createHash('sha256').update(`${feedback.salt}:${voter}:${answer}`).digest('base64url').slice(0, 22);
        const earlier = feedback.votes[key];
        if (earlier?.value === value) {
          outcome = 'same';
          return state;
        }
        outcome = earlier ? 'changed' : 'counted';
        let talkTally = feedback.talks;
        let kindTally = feedback.kinds;
        if (earlier) {
          for (const talk of earlier.talks) talkTally = add(talkTally, talk, earlier.value, -1);
          kindTally = add(kindTally, earlier.kind, earlier.value, -1);
        }
        for (const talk of talks) talkTally = add(talkTally, talk, value, 1);
        kindTally = add(kindTally, kind, value, 1);
        const votes = { ...feedback.votes, [key]: { value, at: new Date(now()).toISOString(), kind, talks: [...talks] } };
        return { ...state, feedback: { ...feedback, talks: talkTally, kinds: kindTally, votes } };
      });
      return outcome;
    },
    async noteGap(query) {
      const words = gapWords(query);
      if (!searchGaps || words === '') return;
      await store.update((state) => {
        const feedback = pruned(current(state), now());
        const gap = feedback.gaps[words];
        const gaps = { ...feedback.gaps, [words]: { count: (gap?.count ?? 0) + 1, last: new Date(now()).toISOString() } };
        return { ...state, feedback: { ...feedback, gaps } };
      });
    },
    async report() {
      const feedback = pruned(current(await store.read()), now());
      return {
        talks: Object.entries(feedback.talks)
          .map(([talk, { up, down }]) => ({ talk, up, down }))
          .filter(({ up, down }) => up + down > 0)
          .sort((a, b) => b.up - b.down - (a.up - a.down) || b.up - a.up),
        kinds: Object.entries(feedback.kinds).map(([kind, { up, down }]) => ({ kind, up, down })),
        gaps: Object.entries(feedback.gaps)
          .map(([words, { count, last }]) => ({ words, count, last }))
          .sort((a, b) => b.count - a.count || b.last.localeCompare(a.last)),
      };
    },
  };
}
