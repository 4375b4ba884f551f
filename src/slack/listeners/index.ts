import type { App } from '@slack/bolt';
import type { ListenerDeps } from '../deps.ts';
import * as actions from './actions/index.ts';
import * as commands from './commands/index.ts';
import * as events from './events/index.ts';
import * as messages from './messages/index.ts';

export function registerListeners(app: App, deps: ListenerDeps): void {
  commands.register(app, deps);
  events.register(app, deps);
  messages.register(app, deps);
  actions.register(app, deps);
}

/** Everything the app answers, as the manifest names it; read by the manifest test. */
export const handled = {
  commands: Object.keys(commands.commandListeners),
  events: [...Object.keys(events.eventListeners), ...Object.keys(messages.messageListeners)],
  actions: actions.actionListeners.map(({ actionId }) => actionId),
};
