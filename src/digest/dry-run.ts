import type { Access, ChannelAccess } from './commands.ts';
import type { DigestContent, DigestPlanner } from './plan.ts';
import type { DigestRunner, Recipient, Source } from './runner.ts';
import { type DigestSchedule, slotId } from './schedule.ts';
import type { DigestStore, Subscription } from './store.ts';

/** What a run of the slot would do in one channel, and why. */
export type Verdict =
  | {
      readonly kind: 'posts';
      readonly digest: DigestContent;
      /** An earlier run started this post and did not record it: Slack is asked first, and it is posted only if Slack does not have it. */
      readonly resumes: boolean;
      /** Why Slack could not say whether the bot can post there; undefined when it said yes, or was not asked. */
      readonly unchecked?: string | undefined;
    }
  | { readonly kind: 'already-posted'; readonly ts: string }
  /** A channel gets no digest of a slot that began before it asked; `first` is the slot it will get first. */
  | { readonly kind: 'subscribed-after-slot'; readonly subscribedAt: Date; readonly first: Date | undefined }
  /** Slack says the bot cannot post there: the run would try, and fail. */
  | { readonly kind: 'cannot-post'; readonly access: Exclude<Access, 'ok' | 'missing-permission'> }
  | { readonly kind: 'empty-catalogue' };

export interface DryRunEntry {
  readonly recipient: Recipient;
  /** Why the channel is in the slot's audience; undefined when it is left out. */
  readonly source: Source | undefined;
  readonly subscription: Subscription | undefined;
  readonly verdict: Verdict;
}

export interface DryRunOptions {
  readonly channel?: string | undefined;
  /** Ask Slack (conversations.info, which changes nothing) whether the bot can post in each channel that would get a digest. */
  readonly checkAccess: boolean;
}

export interface DigestDryRun {
  /** What running the slot now would do in each channel, and why; writes nothing and posts nothing. */
  explain(slot: Date, options: DryRunOptions): Promise<DryRunEntry[]>;
}

export interface DryRunDependencies {
  readonly runner: Pick<DigestRunner, 'survey'>;
  readonly store: DigestStore;
  readonly planner: DigestPlanner;
  readonly access: ChannelAccess;
  readonly schedule: DigestSchedule;
  readonly now: () => Date;
}

/**
 * `npm run digest -- --now --dry-run`: the runner's survey, the planner and Slack's view of
 * each channel, so that an operator learns before Monday which channel will get nothing, and
 * why, rather than a bare list of the ones that will.
 */
export function createDryRun({ runner, store, planner, access, schedule, now }: DryRunDependencies): DigestDryRun {
  async function verdictFor(recipient: Recipient, slot: Date, checkAccess: boolean): Promise<Verdict> {
    const plan = planner.plan(recipient.channel, (await store.read()).channels[recipient.channel], slotId(slot), now());
    if (plan.kind === 'already-posted') return { kind: 'already-posted', ts: plan.ts };
    if (plan.kind === 'empty-catalogue') return { kind: 'empty-catalogue' };
    const posts = { kind: 'posts', digest: planner.content(plan.digest), resumes: plan.kind === 'in-progress' } as const;
    if (!checkAccess) return posts;
    try {
      const verdict = await access.check(recipient.channel);
      if (verdict === 'ok') return posts;
      // Without the scope to ask, Slack has not said no: the post may well go through.
      if (verdict === 'missing-permission') return { ...posts, unchecked: 'the Slack app lacks channels:read or groups:read' };
      return { kind: 'cannot-post', access: verdict };
    } catch (error) {
      return { ...posts, unchecked: error instanceof Error ? error.message : String(error) };
    }
  }

  return {
    async explain(slot, { channel, checkAccess }) {
      const [standings, state] = await Promise.all([runner.survey(slot, channel), store.read()]);
      return Promise.all(
        standings.map(async (standing): Promise<DryRunEntry> => {
          const { recipient } = standing;
          const subscription = state.subscriptions[recipient.channel];
          if (standing.kind === 'subscribed-after-slot') {
            // The first slot at or after the subscription.
            const first = schedule.next(new Date(standing.subscribedAt.getTime() - 1));
            return {
              recipient,
              source: undefined,
              subscription,
              verdict: { kind: 'subscribed-after-slot', subscribedAt: standing.subscribedAt, first },
            };
          }
          return { recipient, source: standing.source, subscription, verdict: await verdictFor(recipient, slot, checkAccess) };
        }),
      );
    },
  };
}
