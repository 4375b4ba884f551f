import { z } from 'zod';
import { LANGUAGES } from '../catalogue/vocabulary.ts';

const channelId = z.string().regex(/^[A-Z0-9]+$/, 'expected a Slack channel id');
const userId = z.string().regex(/^[UW][A-Z0-9]+$/, 'expected a Slack user id');
const instant = z.iso.datetime();

const HistorySchema = z.looseObject({ cycle: z.number().int().min(0), seen: z.array(z.string()) });
const Tally = z.looseObject({ up: z.number().int().min(0), down: z.number().int().min(0) });

/**
 * Every object is loose: fields this version does not know (written by a newer one, before a
 * rollback) are kept as they are when it rewrites the state.
 */
const StateSchema = z.looseObject({
  version: z.literal(1),
  /** Channels subscribed with `/kubecon digest subscribe`; DIGEST_CHANNELS are not stored. */
  subscriptions: z.record(
    channelId,
    z.looseObject({
      /** The user who subscribed the channel. */
      by: z.string().min(1),
      at: instant,
      /** The subscriber's language: the channel's digests are written in it. */
      language: z.enum(LANGUAGES),
    }),
  ),
  /**
   * Whether answers were useful (src/feedback/): counts only, per talk and per kind of answer;
   * each vote kept a week under a salted hash of who cast it and on which answer, so that a
   * second vote replaces the first; and, with SEARCH_GAPS=on, the words of searches that found
   * nothing, for 90 days. No user id, no channel, no query as typed.
   */
  feedback: z
    .looseObject({
      salt: z.string().min(16),
      talks: z.record(z.string(), Tally),
      kinds: z.record(z.string(), Tally),
      votes: z.record(
        z.string(),
        z.looseObject({ value: z.enum(['up', 'down']), at: instant, kind: z.string(), talks: z.array(z.string()) }),
      ),
      gaps: z.record(z.string(), z.looseObject({ count: z.number().int().min(1), last: instant })),
    })
    .optional(),
  /**
   * People who follow topics with `/kubecon follow` (src/digest/personal.ts): their weekly DM
   * is a digest like a channel's, posted in their DM with the bot, whose history is kept in
   * `channels` under the DM's id.
   */
  people: z
    .record(
      userId,
      z.looseObject({
        /** Topic ids; empty once the person pressed Stop. */
        topics: z.array(z.string().min(1)),
        language: z.enum(LANGUAGES),
        /** From users.info: DIGEST_CRON is read in this time zone for this person. */
        timezone: z.string().min(1),
        /** The DM with the bot, from conversations.open. */
        dm: channelId,
        /** When the person last started following: earlier slots do not count, as for a channel subscribed after a slot. */
        since: instant,
        snoozedUntil: instant.optional(),
      }),
    )
    .optional(),
  /** What each channel (and each person's DM) has seen, and its last and in-progress digests. */
  channels: z.record(
    channelId,
    HistorySchema.extend({
      last: z.looseObject({ slot: instant, ts: z.string(), theme: z.string() }).optional(),
      /**
       * Written before chat.postMessage, cleared once its ts is recorded: found at start-up
       * it means a post may or may not have reached Slack, and Slack is asked before any retry.
       */
      pending: z
        .looseObject({
          slot: instant,
          theme: z.string(),
          talks: z.array(z.string()).min(1),
          next: HistorySchema,
          startedAt: instant,
          /**
           * The claim on this post: which process is posting it, and until when. Another process
           * leaves the slot alone until then; past it, the claimant is taken for dead and the
           * post is taken over (Slack is asked first). Absent in states written before claims.
           */
          claim: z.object({ owner: z.string().min(1), until: instant }).optional(),
        })
        .optional(),
    }),
  ),
});

export type DigestState = z.infer<typeof StateSchema>;
export type ChannelState = DigestState['channels'][string];
export type PendingDigest = NonNullable<ChannelState['pending']>;
export type Subscription = DigestState['subscriptions'][string];
export type FeedbackState = NonNullable<DigestState['feedback']>;
export type Person = NonNullable<DigestState['people']>[string];

export const EMPTY_STATE: DigestState = { version: 1, subscriptions: {}, channels: {} };

/**
 * Where the digest keeps its state: a file under DATA_DIR (file-store.ts) or Redis
 * (src/redis/digest-store.ts). Small on purpose: `update` must apply changes one at a time,
 * each to the latest state, across every process that shares the storage, and save it whole
 * or not at all. It may call `change` more than once (a concurrent update came first): the
 * result of its last call is what is saved.
 */
export interface DigestStore {
  /** Where the state lives, for logs and messages. */
  readonly location: string;
  /** The current state; the empty state when nothing was ever saved. */
  read(): Promise<DigestState>;
  /** Saves `change(latest state)`; a change that returns its input unchanged writes nothing. */
  update(change: (state: DigestState) => DigestState): Promise<DigestState>;
}

export { DigestStateError } from './state-error.ts';

/** A state this version can use, or what is wrong with it (at most five problems). */
export function parseState(json: unknown): { state: DigestState } | { problems: string } {
  const parsed = StateSchema.safeParse(json);
  if (parsed.success) return { state: parsed.data };
  const problems = parsed.error.issues.slice(0, 5).map((issue) => `${issue.path.join('.') || '(top level)'}: ${issue.message}`);
  return { problems: problems.join('; ') };
}

/** What a store writes, it must be able to read back: a bad change fails here, not at every start from now on. */
export function validState(state: DigestState): DigestState {
  return StateSchema.parse(state);
}
