import { type DigestContent, renderDigest, renderDigestPreview } from '../blocks/digest.ts';
import type { Message } from '../blocks/message.ts';
import type { Catalogue, Talk } from '../catalogue/model.ts';
import type { Language } from '../catalogue/schema.ts';
import { pickDigest } from './select.ts';
import type { ChannelState, PendingDigest } from './store.ts';

/** What a channel should get for a slot. */
export type DigestPlan =
  | { readonly kind: 'already-posted'; readonly ts: string }
  /** A post was started and not recorded: Slack may hold it; ask before posting it again. */
  | { readonly kind: 'in-progress'; readonly digest: PendingDigest }
  | { readonly kind: 'new'; readonly digest: PendingDigest }
  | { readonly kind: 'empty-catalogue' };

export interface DigestComposer {
  /** A new digest for the channel, from what it has seen; undefined for an empty catalogue. */
  pick(channel: string, state: ChannelState | undefined, slot: string, now: Date): PendingDigest | undefined;
  plan(channel: string, state: ChannelState | undefined, slot: string, now: Date): DigestPlan;
  /** The digest as posted, or with `previewNote` above it as /kubecon digest preview shows it. */
  message(digest: Pick<PendingDigest, 'theme' | 'talks'>, language: Language, previewNote?: string): Message;
}

/** Picks and renders digests from one catalogue; the poster, the preview and the dry run share it, so they agree. */
export function createComposer(catalogue: Catalogue): DigestComposer {
  function pick(channel: string, state: ChannelState | undefined, slot: string, now: Date): PendingDigest | undefined {
    const picked = pickDigest({
      talks: catalogue.talks,
      history: state ?? { cycle: 0, seen: [] },
      seed: channel,
      previousTheme: state?.last?.theme,
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
    plan(channel, state, slot, now) {
      if (state?.last?.slot === slot) return { kind: 'already-posted', ts: state.last.ts };
      if (state?.pending?.slot === slot) return { kind: 'in-progress', digest: state.pending };
      const digest = pick(channel, state, slot, now);
      return digest === undefined ? { kind: 'empty-catalogue' } : { kind: 'new', digest };
    },
    message({ theme, talks }, language, previewNote) {
      // A digest started before the catalogue changed keeps what still exists.
      const content: DigestContent = {
        theme: catalogue.topicById.get(theme) ?? { id: theme, label: { en: theme, fr: theme }, synonyms: [] },
        talks: talks.map((id) => catalogue.talkById.get(id)).filter((talk): talk is Talk => talk !== undefined),
      };
      return previewNote === undefined
        ? renderDigest(content, language, catalogue)
        : renderDigestPreview(content, language, catalogue, previewNote);
    },
  };
}
