import type { App } from '@slack/bolt';
import type { ListenerDeps } from '../../deps.ts';
import { FIND_TALKS, findTalks } from './find-talks.ts';

/** Shortcut callback id -> listener; the manifest test reads the keys. */
export const shortcutListeners = {
  [FIND_TALKS]: findTalks,
} as const;

export function register(app: App, deps: ListenerDeps): void {
  for (const [callbackId, listener] of Object.entries(shortcutListeners)) app.shortcut({ callback_id: callbackId }, listener(deps));
}
