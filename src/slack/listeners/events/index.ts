import type { App } from '@slack/bolt';
import type { ListenerDeps } from '../../deps.ts';
import { appHomeOpened } from './app-home-opened.ts';
import { appMention } from './app-mention.ts';

/** Event type -> listener; the manifest test reads the keys, so what is declared is what is handled. */
export const eventListeners = {
  app_mention: appMention,
  app_home_opened: appHomeOpened,
} as const;

export function register(app: App, deps: ListenerDeps): void {
  for (const [type, listener] of Object.entries(eventListeners)) app.event(type, listener(deps));
}
