import type { Catalogue, Talk, Topic } from '../catalogue/model.ts';
import { pickDigest } from './select.ts';
import { NEW_CHANNEL } from './state.ts';
import type { ChannelState, PendingDigest } from './store.ts';

/** One digest as readers see it: its theme and its talks (three, fewer only in a catalogue that small). */
export interface DigestContent {
  readonly theme: Topic;
  readonly talks: readonly Talk[];
  /** For a person's DM: the topics they follow, which the message names, with Snooze and Stop. */
  readonly followed?: readonly Topic[] | undefined;
  /** Some talks come round a second time: every talk on the person's topics has been sent once. */
  readonly again?: boolean | undefined;
}

/** What a channel should get for a slot. */
export type DigestPlan =
  | { readonly kind: 'already-posted'; readonly ts: string }
  /** A post was started and not recorded: Slack may hold it; ask before posting it again. */
  | { readonly kind: 'in-progress'; readonly digest: PendingDigest }
  | { readonly kind: 'new'; readonly digest: PendingDigest }
  | { readonly kind: 'empty-catalogue' };

export interface DigestPlanner {
  /**
   * A new digest for the channel, from what it has seen; undefined for an empty catalogue. With
   * `followed`, a person's: only talks on those topics.
   */
  pick(channel: string, state: ChannelState | undefined, slot: string, now: Date, followed?: readonly string[]): PendingDigest | undefined;
  plan(channel: string, state: ChannelState | undefined, slot: string, now: Date, followed?: readonly string[]): DigestPlan;
  /** The theme and talks behind a digest's ids. */
  content(digest: Pick<PendingDigest, 'theme' | 'talks' | 'next'>, followed?: readonly string[]): DigestContent;
}

/** Plans digests from one catalogue; the poster, the preview and the dry run share it, so they agree. */
export function createPlanner(catalogue: Pick<Catalogue, 'talks' | 'talkById' | 'topicById'>): DigestPlanner {
  const topic = (id: string): Topic => catalogue.topicById.get(id) ?? { id, label: { en: id, fr: id }, synonyms: [] };
  function pick(channel: string, state: ChannelState | undefined, slot: string, now: Date, followed?: readonly string[]) {
    const picked = pickDigest({
      talks: catalogue.talks,
      history: state ?? NEW_CHANNEL,
      seed: channel,
      previousTheme: state?.last?.theme,
      themes: followed,
    });
    if (picked === undefined) return undefined;
    return {
      slot,
      theme: picked.theme,
      talks: [...picked.talks],
      next: { cycle: picked.next.cycle, seen: [...picked.next.seen] },
      startedAt: now.toISOString(),
    };
  }
  return {
    pick,
    plan(channel, state, slot, now, followed) {
      // A later slot's digest counts too: a run that lags behind (a CronJob retried late) must not post an older one after it.
      if (state?.last && state.last.slot >= slot) return { kind: 'already-posted', ts: state.last.ts };
      if (state?.pending?.slot === slot) return { kind: 'in-progress', digest: state.pending };
      const digest = pick(channel, state, slot, now, followed);
      return digest === undefined ? { kind: 'empty-catalogue' } : { kind: 'new', digest };
    },
    content({ theme, talks, next }, followed) {
      // A digest started before the catalogue changed keeps what still exists.
      return {
        theme: topic(theme),
        talks: talks.map((id) => catalogue.talkById.get(id)).filter((talk): talk is Talk => talk !== undefined),
        ...(followed && {
          followed: followed.map(topic),
          // From the second round on, what the round has seen comes a second time.
          again: next.cycle > 0 && talks.some((id) => next.seen.includes(id)),
        }),
      };
    },
  };
}
