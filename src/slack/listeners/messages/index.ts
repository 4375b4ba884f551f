import type { App } from '@slack/bolt';
import type { ListenerDeps } from '../../deps.ts';
import { directMessage } from './direct-message.ts';

/**
 * Manifest event name -> listener. Bolt routes every message event to app.message(); each
 * listener keeps only its own kind (direct-message.ts keeps channel_type "im").
 */
export const messageListeners = {
  'message.im': directMessage,
} as const;

export function register(app: App, deps: ListenerDeps): void {
  for (const listener of Object.values(messageListeners)) app.message(listener(deps));
}
