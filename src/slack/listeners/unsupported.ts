import type { AllMiddlewareArgs, App, SlackActionMiddlewareArgs, SlackShortcutMiddlewareArgs } from '@slack/bolt';
import type { ListenerDeps } from '../deps.ts';
import { isHandled } from './actions/index.ts';
import { shortcutListeners } from './shortcuts/index.ts';

interface Interaction {
  readonly ack: () => Promise<void>;
  readonly body: { readonly type?: string };
  /** The action of a block_actions, the view of a view_submission, the whole body of a shortcut. */
  readonly payload: object;
}

/**
 * Interactions no listener answers: a shortcut, a modal or a button the bot does not have
 * (another app's, or one an older version drew). Left alone, Bolt keeps Slack waiting 3 s,
 * then answers 404 and logs an error for what is nobody's fault; acked at once instead,
 * and noted at debug. Registered after every other listener.
 */
export function register(app: App, deps: ListenerDeps): void {
  const log = deps.logger.child({ listener: 'unsupported' });
  const acknowledge = async ({ ack, body, payload }: Interaction): Promise<void> => {
    await ack();
    const { action_id: actionId, callback_id: callbackId } = payload as { action_id?: unknown; callback_id?: unknown };
    log.debug('Acked an interaction the bot has no listener for', { type: body.type, id: actionId ?? callbackId });
  };
  // Bolt runs every listener that matches, and a second ack of one request throws: an action
  // that has a listener of its own is kept away from this one.
  const unhandled = async ({ action, next }: SlackActionMiddlewareArgs & AllMiddlewareArgs): Promise<void> => {
    if (!('action_id' in action && isHandled(action.action_id))) await next();
  };
  app.action({ action_id: /.*/ }, unhandled, acknowledge);
  const unhandledShortcut = async ({ shortcut, next }: SlackShortcutMiddlewareArgs & AllMiddlewareArgs): Promise<void> => {
    if (!Object.hasOwn(shortcutListeners, shortcut.callback_id)) await next();
  };
  app.shortcut(/.*/, unhandledShortcut, acknowledge);
  // No type: view_closed as well as view_submission.
  app.view({ callback_id: /.*/ }, acknowledge);
}
