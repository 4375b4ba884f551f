import type { App } from '@slack/bolt';
import type { ListenerDeps } from '../deps.ts';
import * as actions from './actions/index.ts';
import * as commands from './commands/index.ts';
import * as events from './events/index.ts';
import * as messages from './messages/index.ts';
import * as shortcuts from './shortcuts/index.ts';
import * as unsupported from './unsupported.ts';

export function registerListeners(app: App, deps: ListenerDeps): void {
  commands.register(app, deps);
  events.register(app, deps);
  messages.register(app, deps);
  actions.register(app, deps);
  shortcuts.register(app, deps);
  // Last, and matching any action, shortcut or view none of the above answers: acked at once,
  // rather than Bolt keeping Slack waiting 3 s for a 404 and an error line.
  unsupported.register(app, deps);
}

/** Everything the app answers, as the manifest names it; read by the manifest test. */
export const handled = {
  commands: Object.keys(commands.commandListeners),
  events: [...Object.keys(events.eventListeners), ...Object.keys(messages.messageListeners)],
  actions: actions.actionListeners.map(({ actionId }) => actionId),
  shortcuts: Object.keys(shortcuts.shortcutListeners),
};
