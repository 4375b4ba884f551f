import type { WebClient } from '@slack/web-api';
import { NO_UNFURL } from '../blocks/message.ts';
import type { Language } from '../catalogue/schema.ts';
import type { Logger } from '../log/logger.ts';
import type { Metrics } from '../metrics/metrics.ts';
import type { DigestComposer } from './compose.ts';
import { digestMetadata, findPostedDigest } from './find-posted.ts';
import { type CallFailure, classifyFailure, howToFix } from './slack-client.ts';
import type { ChannelState, DigestState, DigestStore, PendingDigest } from './store.ts';

export interface RetryPolicy {
  /** Calls to chat.postMessage and conversations.history together, per channel and slot. */
  readonly attempts: number;
  readonly initialDelayMs: number;
  readonly maxDelayMs: number;
}

/** About two minutes of attempts: a Slack blip passes, a real outage is left to the next run. */
export const DEFAULT_RETRY: RetryPolicy = { attempts: 5, initialDelayMs: 2000, maxDelayMs: 60_000 };

export type PostResult =
  | { readonly status: 'posted'; readonly ts: string }
  | { readonly status: 'already-posted'; readonly ts: string }
  | { readonly status: 'failed'; readonly reason: string }
  | { readonly status: 'empty-catalogue' };

export interface DigestPoster {
  /** Posts `channel`'s digest for `slot` unless it already went out; never throws for a Slack failure. */
  post(channel: string, slot: string, language: Language): Promise<PostResult>;
}

export interface PosterDependencies {
  readonly store: DigestStore;
  /** A client with no retries of its own: see createDigestClient. */
  readonly client: WebClient;
  readonly composer: DigestComposer;
  readonly logger: Logger;
  readonly metrics?: Pick<Metrics, 'digest'> | undefined;
  readonly now?: () => Date;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly retry?: RetryPolicy;
}

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Posts each channel's digest for a slot at most once. The slot is recorded as in progress
 * before chat.postMessage and its ts after; the message carries the slot in its metadata.
 * After anything that may hide a message Slack did post (a 5xx, a timeout, a crash between
 * posting and recording), Slack's history is searched for that metadata before any new
 * attempt; if Slack cannot say, nothing is posted again.
 */
export function createPoster({
  store,
  client,
  composer,
  logger,
  metrics,
  now = () => new Date(),
  sleep = wait,
  retry = DEFAULT_RETRY,
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

  /**
   * An unfinished digest of an earlier slot (the bot crashed, then stayed down past the
   * catch-up window): its talks count as seen unless Slack says it never got it, so a
   * channel is never shown a talk twice in a cycle.
   */
  async function settleEarlier(channel: string, slot: string): Promise<void> {
    const pending = (await store.read()).channels[channel]?.pending;
    if (pending === undefined || pending.slot === slot) return;
    let ts: string | undefined;
    let known = true;
    try {
      ts = await findPostedDigest(client, channel, pending.slot);
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
  }

  async function deliver(channel: string, digest: PendingDigest, language: Language, askFirst: boolean): Promise<PostResult> {
    const { slot } = digest;
    const message = composer.message(digest, language);
    let ask = askFirst;
    let failure: CallFailure = { kind: 'ambiguous', reason: 'no attempt' };
    for (let attempt = 1; attempt <= retry.attempts; attempt += 1) {
      let ts: string | undefined;
      let found = false;
      try {
        if (ask) {
          ts = await findPostedDigest(client, channel, slot);
          found = ts !== undefined;
          ask = false;
        }
        if (!found) {
          const answer = await client.chat.postMessage({
            channel,
            text: message.text,
            blocks: message.blocks,
            metadata: digestMetadata(slot),
            ...NO_UNFURL,
          });
          if (!answer.ts) throw new Error('chat.postMessage answered without a ts');
          ts = answer.ts;
        }
      } catch (error) {
        failure = classifyFailure(error);
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
        const hint = howToFix(failure.reason);
        // A refused history search leaves the question open: the digest stays in progress, and is not posted again until Slack can answer.
        if (!ask) await store.update((state) => dropPending(state, channel));
        metrics?.digest('failed');
        log.error(
          ask
            ? 'Could not check whether the digest was posted; not posting it again'
            : 'Slack refused the digest for this channel; the other channels are not affected',
          {
            channel,
            slot,
            error: failure.reason,
            ...(hint ? { fix: hint } : {}),
          },
        );
        return { status: 'failed', reason: failure.reason };
      }
      // A 5xx or a timeout may hide a posted message: from now on, ask Slack before posting again. A 429 did nothing.
      if (failure.kind === 'ambiguous') ask = true;
      if (attempt < retry.attempts) {
        const delayMs =
          failure.kind === 'rate-limited' ? failure.retryAfterMs : Math.min(retry.maxDelayMs, retry.initialDelayMs * 2 ** (attempt - 1));
        log.warn('Could not post the digest; trying again', { channel, slot, error: failure.reason, attempt, delayMs });
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
    return { status: 'failed', reason: failure.reason };
  }

  return {
    post(channel, slot, language) {
      return oneAtATime(channel, async () => {
        await settleEarlier(channel, slot);
        const plan = composer.plan(channel, (await store.read()).channels[channel], slot, now());
        switch (plan.kind) {
          case 'already-posted':
            return { status: 'already-posted', ts: plan.ts };
          case 'empty-catalogue':
            log.warn('The catalogue is empty: no digest to post', { channel, slot });
            return { status: 'empty-catalogue' };
          case 'in-progress':
            log.info('Found this digest in progress from an earlier run; asking Slack whether it went out', { channel, slot });
            return deliver(channel, plan.digest, language, true);
          case 'new':
            await store.update((state) => withChannel(state, channel, (current) => ({ ...current, pending: plan.digest })));
            return deliver(channel, plan.digest, language, false);
        }
      });
    },
  };
}

function withChannel(state: DigestState, channel: string, change: (current: ChannelState) => ChannelState): DigestState {
  return { ...state, channels: { ...state.channels, [channel]: change(state.channels[channel] ?? { cycle: 0, seen: [] }) } };
}

function recordPosted(state: DigestState, channel: string, digest: PendingDigest, ts: string): DigestState {
  return withChannel(state, channel, () => ({ ...digest.next, last: { slot: digest.slot, ts, theme: digest.theme } }));
}

function countAsSeen(state: DigestState, channel: string, digest: PendingDigest): DigestState {
  return withChannel(state, channel, (current) => ({ ...digest.next, ...(current.last ? { last: current.last } : {}) }));
}

function dropPending(state: DigestState, channel: string): DigestState {
  return withChannel(state, channel, ({ pending: _dropped, ...rest }) => rest);
}
