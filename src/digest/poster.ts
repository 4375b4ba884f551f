import type { Language } from '../catalogue/vocabulary.ts';
import type { Logger } from '../log/logger.ts';
import type { Metrics } from '../metrics/metrics.ts';
import type { DigestContent, DigestPlan, DigestPlanner } from './plan.ts';
import type { Repetition, SlotTime } from './schedule.ts';
import { countAsSeen, dropPending, markPending, recordPosted } from './state.ts';
import type { DigestStore, PendingDigest } from './store.ts';

/** Why a call to the outlet failed, as far as trying it again is concerned. */
export type CallFailure =
  /** Nothing was done; try again after `retryAfterMs`. */
  | { readonly kind: 'rate-limited'; readonly retryAfterMs: number; readonly reason: string }
  /** A 5xx, a timeout, a broken connection: the message may or may not have gone out. */
  | { readonly kind: 'ambiguous'; readonly reason: string }
  /** A plain no: the same call would get the same answer. `fix` says what an operator can do about it. */
  | { readonly kind: 'refused'; readonly reason: string; readonly fix?: string | undefined };

/** What the whole channel is told when someone changes its subscription: who did, and for a subscription, when digests come. */
export type Announcement =
  | { readonly kind: 'subscribed'; readonly by: string; readonly repeats: Repetition; readonly next: SlotTime | undefined }
  | { readonly kind: 'unsubscribed'; readonly by: string };

/** Where digests go, and where to look for one after an unclear failure: Slack, in src/slack/digest/outlet.ts. */
export interface DigestOutlet {
  /** Posts the digest, marked with its slot so that `findPosted` can find it; resolves with the message's ts. */
  post(channel: string, slot: string, content: DigestContent, language: Language): Promise<string>;
  /** Posts an announcement in the channel, once: nothing hangs on it, so a failure is not retried. */
  announce(channel: string, announcement: Announcement, language: Language): Promise<void>;
  /** The ts of the channel's digest for `slot`, if it holds one; throws when it cannot tell. */
  findPosted(channel: string, slot: string): Promise<string | undefined>;
  /** What an error thrown by `post` or `findPosted` means for trying again. */
  classify(error: unknown): CallFailure;
}

export interface RetryPolicy {
  /** Calls to post and findPosted together, per channel and slot. */
  readonly attempts: number;
  readonly initialDelayMs: number;
  readonly maxDelayMs: number;
  /**
   * The most a channel's post may spend waiting between attempts, Retry-After included: a
   * run must end before the CronJob's deadline (300 s), so a longer wait gives up at once,
   * leaving the slot to the next run.
   */
  readonly waitBudgetMs: number;
}

/** About two minutes of attempts: a Slack blip passes, a real outage is left to the next run. */
export const DEFAULT_RETRY: RetryPolicy = { attempts: 5, initialDelayMs: 2000, maxDelayMs: 60_000, waitBudgetMs: 150_000 };

/**
 * How long a process's claim on a channel's post holds without being renewed (it is renewed
 * before each attempt): longer than one attempt and its wait, short enough that a replica
 * that died mid-post is taken over within minutes.
 */
export const CLAIM_TTL_MS = 3 * 60_000;

export type PostResult =
  | { readonly status: 'posted'; readonly ts: string }
  | { readonly status: 'already-posted'; readonly ts: string }
  /**
   * Not posted, as far as this run knows. With `maybePosted`, an attempt failed in a way that
   * may hide a message that did go out (a timeout, a 5xx) and Slack's history could not be
   * checked since: the next run checks it before posting again.
   */
  | {
      readonly status: 'failed';
      readonly reason: string;
      readonly maybePosted: boolean;
      /** The digest's state could not be read or saved (Redis down): worth trying again soon, unlike a Slack refusal. */
      readonly storeFailed?: boolean | undefined;
    }
  /** Another process (a replica, a CronJob run) holds the claim on this post until `until`; it is left to that process. */
  | { readonly status: 'in-progress-elsewhere'; readonly until: string }
  | { readonly status: 'empty-catalogue' };

export interface DigestPoster {
  /**
   * Posts `channel`'s digest for `slot` unless it already went out; never throws for a failure
   * of the outlet. With `followed`, a person's digest in their DM: talks on those topics only.
   */
  post(channel: string, slot: string, language: Language, followed?: readonly string[]): Promise<PostResult>;
}

export interface PosterDependencies {
  readonly store: DigestStore;
  /** An outlet that does not retry on its own: the poster decides, asking first whether a message went out. */
  readonly outlet: Pick<DigestOutlet, 'post' | 'findPosted' | 'classify'>;
  readonly planner: DigestPlanner;
  readonly logger: Logger;
  readonly metrics?: Pick<Metrics, 'digest'> | undefined;
  readonly now: () => Date;
  readonly sleep: (ms: number) => Promise<void>;
  readonly retry: RetryPolicy;
  /** Who this process is, in the claims it takes: unique among the processes that share the store. */
  readonly owner: string;
  readonly claimTtlMs?: number | undefined;
}

/** Whether `owner` may post `digest`: nobody else holds a live claim on it. */
function claimable(digest: PendingDigest, owner: string, at: Date): boolean {
  return digest.claim === undefined || digest.claim.owner === owner || Date.parse(digest.claim.until) <= at.getTime();
}

/**
 * Posts each channel's digest for a slot at most once, whatever the number of processes
 * sharing the store. The slot is claimed and recorded as in progress in one change of the
 * store before posting, and its ts recorded after; the message carries the slot. A live
 * claim of another process is left alone; an expired one is taken over. After anything that
 * may hide a message that did go out (a 5xx, a timeout, a crash between posting and
 * recording, a claim taken over), the outlet is asked for that slot before any new attempt;
 * if it cannot say, nothing is posted again.
 */
export function createPoster({
  store,
  outlet,
  planner,
  logger,
  metrics,
  now,
  sleep,
  retry,
  owner,
  claimTtlMs = CLAIM_TTL_MS,
}: PosterDependencies): DigestPoster {
  const log = logger.child({ component: 'digest' });
  const queues = new Map<string, Promise<unknown>>();

  /** One post per channel at a time in this process: a duplicate trigger waits, then finds the slot recorded. */
  function oneAtATime<T>(channel: string, task: () => Promise<T>): Promise<T> {
    const run = (queues.get(channel) ?? Promise.resolve()).then(task);
    const settled = run.catch(() => undefined);
    queues.set(channel, settled);
    void settled.then(() => {
      if (queues.get(channel) === settled) queues.delete(channel);
    });
    return run;
  }

  const record = (channel: string, digest: PendingDigest, ts: string) => store.update((state) => recordPosted(state, channel, digest, ts));
  const claimed = (digest: PendingDigest): PendingDigest => ({
    ...digest,
    claim: { owner, until: new Date(now().getTime() + claimTtlMs).toISOString() },
  });

  /** Extends this process's claim before another attempt; false when another process took it over meanwhile. */
  async function renew(channel: string, slot: string): Promise<boolean> {
    let held = false;
    await store.update((state) => {
      const pending = state.channels[channel]?.pending;
      held = pending?.slot === slot && pending.claim?.owner === owner;
      return held && pending ? markPending(state, channel, claimed(pending)) : state;
    });
    return held;
  }

  /**
   * An unfinished digest of an earlier slot (the bot crashed, then stayed down past the
   * catch-up window): its talks count as seen unless the outlet says it never got it, so a
   * channel is never shown a talk twice in a cycle.
   */
  async function settleEarlier(channel: string, slot: string): Promise<PostResult | undefined> {
    const pending = (await store.read()).channels[channel]?.pending;
    if (pending === undefined || pending.slot === slot) return undefined;
    if (!claimable(pending, owner, now()) && pending.claim) return { status: 'in-progress-elsewhere', until: pending.claim.until };
    let ts: string | undefined;
    let known = true;
    try {
      ts = await outlet.findPosted(channel, pending.slot);
    } catch (error) {
      known = false;
      log.warn('Could not tell whether an unfinished digest of an earlier slot was posted; its talks count as seen', {
        channel,
        slot: pending.slot,
        error,
      });
    }
    await store.update((state) =>
      ts !== undefined
        ? recordPosted(state, channel, pending, ts)
        : known
          ? dropPending(state, channel)
          : countAsSeen(state, channel, pending),
    );
    return undefined;
  }

  async function deliver(
    channel: string,
    digest: PendingDigest,
    language: Language,
    askFirst: boolean,
    followed: readonly string[] | undefined,
  ): Promise<PostResult> {
    const { slot } = digest;
    const content = planner.content(digest, followed);
    let ask = askFirst;
    let failure: CallFailure = { kind: 'ambiguous', reason: 'no attempt' };
    let waitedMs = 0;
    for (let attempt = 1; attempt <= retry.attempts; attempt += 1) {
      if (attempt > 1 && !(await renew(channel, slot))) {
        log.warn('Another process took this digest over while this one waited; leaving it to that process', { channel, slot });
        const pending = (await store.read()).channels[channel]?.pending;
        return { status: 'in-progress-elsewhere', until: pending?.claim?.until ?? slot };
      }
      let ts: string | undefined;
      let found = false;
      try {
        if (ask) {
          ts = await outlet.findPosted(channel, slot);
          found = ts !== undefined;
          ask = false;
        }
        if (!found) ts = await outlet.post(channel, slot, content, language);
      } catch (error) {
        failure = outlet.classify(error);
      }
      if (ts !== undefined) {
        await record(channel, digest, ts);
        if (found) {
          log.info('The digest had reached Slack already; recorded it, not posting it again', { channel, slot, ts });
          return { status: 'already-posted', ts };
        }
        metrics?.digest('posted');
        log.info('Posted the weekly digest', { channel, slot, ts, attempt });
        return { status: 'posted', ts };
      }

      if (failure.kind === 'refused') {
        // A refused history search leaves the question open: the digest stays in progress, and is not posted again until Slack can answer.
        if (!ask) await store.update((state) => dropPending(state, channel));
        metrics?.digest('failed');
        log.error(
          ask
            ? 'Could not check whether the digest was posted; not posting it again'
            : 'Slack refused the digest for this channel; the other channels are not affected',
          { channel, slot, error: failure.reason, ...(failure.fix ? { fix: failure.fix } : {}) },
        );
        return { status: 'failed', reason: failure.reason, maybePosted: ask };
      }
      // A 5xx or a timeout may hide a posted message: from now on, ask Slack before posting again. A 429 did nothing.
      if (failure.kind === 'ambiguous') ask = true;
      if (attempt < retry.attempts) {
        const delayMs =
          failure.kind === 'rate-limited' ? failure.retryAfterMs : Math.min(retry.maxDelayMs, retry.initialDelayMs * 2 ** (attempt - 1));
        if (waitedMs + delayMs > retry.waitBudgetMs) {
          metrics?.digest('failed');
          log.error('Slack asks to wait longer than this run may: giving up for now; the next run asks Slack whether it went out first', {
            channel,
            slot,
            error: failure.reason,
            delayMs,
            budgetLeftMs: retry.waitBudgetMs - waitedMs,
          });
          return {
            status: 'failed',
            reason: `${failure.reason} (asked to wait ${Math.ceil(delayMs / 1000)} s, longer than this run may)`,
            maybePosted: ask,
          };
        }
        log.warn('Could not post the digest; trying again', { channel, slot, error: failure.reason, attempt, delayMs });
        waitedMs += delayMs;
        await sleep(delayMs);
      }
    }
    metrics?.digest('failed');
    log.error('Gave up posting the digest; it stays in progress, and the next run asks Slack whether it went out before posting it', {
      channel,
      slot,
      error: failure.reason,
      attempts: retry.attempts,
    });
    return { status: 'failed', reason: failure.reason, maybePosted: ask };
  }

  return {
    post(channel, slot, language, followed) {
      return oneAtATime(channel, async () => {
        const busy = await settleEarlier(channel, slot);
        if (busy) return busy;
        // Planned and claimed in one change, on the latest state: of processes racing for a slot, one wins.
        let plan = undefined as DigestPlan | undefined;
        await store.update((state) => {
          plan = planner.plan(channel, state.channels[channel], slot, now(), followed);
          if (plan.kind === 'in-progress' && !claimable(plan.digest, owner, now())) return state;
          if (plan.kind !== 'new' && plan.kind !== 'in-progress') return state;
          const digest = claimed(plan.digest);
          plan = { kind: plan.kind, digest };
          return markPending(state, channel, digest);
        });
        if (plan === undefined) throw new Error('The digest store applied no change');
        switch (plan.kind) {
          case 'already-posted':
            return { status: 'already-posted', ts: plan.ts };
          case 'empty-catalogue':
            log.warn('The catalogue is empty: no digest to post', { channel, slot });
            return { status: 'empty-catalogue' };
          case 'in-progress':
            if (plan.digest.claim?.owner !== owner) {
              log.info('Another process is posting this digest; leaving it to that process', {
                channel,
                slot,
                until: plan.digest.claim?.until,
              });
              return { status: 'in-progress-elsewhere', until: plan.digest.claim?.until ?? slot };
            }
            log.info('Found this digest in progress from an earlier run; asking Slack whether it went out', { channel, slot });
            return deliver(channel, plan.digest, language, true, followed);
          case 'new':
            return deliver(channel, plan.digest, language, false, followed);
        }
      });
    },
  };
}
