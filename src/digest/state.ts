/**
 * Every change the digest makes to its state, as pure functions: the store applies them one
 * at a time to the latest state, and a change that changes nothing returns its input, so
 * that nothing is written.
 */
import type { ChannelState, DigestState, PendingDigest, Subscription } from './store.ts';

/** Where a channel starts its tour of the catalogue. */
export const NEW_CHANNEL: ChannelState = { cycle: 0, seen: [] };

function withChannel(state: DigestState, channel: string, change: (current: ChannelState) => ChannelState): DigestState {
  return { ...state, channels: { ...state.channels, [channel]: change(state.channels[channel] ?? NEW_CHANNEL) } };
}

/** Recorded before the digest is sent: found later, it means Slack must be asked whether it went out. */
export function markPending(state: DigestState, channel: string, digest: PendingDigest): DigestState {
  return withChannel(state, channel, (current) => ({ ...current, pending: digest }));
}

export function recordPosted(state: DigestState, channel: string, digest: PendingDigest, ts: string): DigestState {
  return withChannel(state, channel, () => ({ ...digest.next, last: { slot: digest.slot, ts, theme: digest.theme } }));
}

/** A digest that may have been posted: its talks count as seen, so that none is shown twice in a cycle. */
export function countAsSeen(state: DigestState, channel: string, digest: PendingDigest): DigestState {
  return withChannel(state, channel, (current) => ({ ...digest.next, ...(current.last ? { last: current.last } : {}) }));
}

/** A digest known not to have been posted. */
export function dropPending(state: DigestState, channel: string): DigestState {
  return withChannel(state, channel, ({ pending: _dropped, ...rest }) => rest);
}

/** The first subscription of a channel stands: subscribing it again changes nothing. */
export function subscribe(state: DigestState, channel: string, subscription: Subscription): DigestState {
  if (state.subscriptions[channel]) return state;
  return { ...state, subscriptions: { ...state.subscriptions, [channel]: subscription } };
}

/** What the channel has seen stays: subscribing again carries on without repeats. */
export function unsubscribe(state: DigestState, channel: string): DigestState {
  if (!state.subscriptions[channel]) return state;
  const { [channel]: _removed, ...subscriptions } = state.subscriptions;
  return { ...state, subscriptions };
}
