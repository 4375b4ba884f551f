import type { App } from '@slack/bolt';
import { ACTIONS } from '../../../blocks/ids.ts';
import type { ListenerDeps } from '../../deps.ts';
import { dismiss } from './dismiss.ts';
import { linkButton } from './link-button.ts';
import { moreResults } from './more-results.ts';
import { randomTalk } from './random-talk.ts';
import { shareTalk } from './share-talk.ts';
import { showEdition } from './show-edition.ts';
import { showTopic } from './show-topic.ts';

/** Button rows suffix each action id with its value (`show_topic:security`), as Slack wants ids unique per block. */
const prefixed = (base: string) => new RegExp(`^${base}(?::|$)`);

/** Action id (or pattern) -> listener; the manifest test checks every button the builders emit is handled. */
export const actionListeners = [
  { actionId: ACTIONS.shareTalk, listener: shareTalk },
  { actionId: ACTIONS.moreResults, listener: moreResults },
  { actionId: ACTIONS.dismiss, listener: dismiss },
  { actionId: ACTIONS.randomTalk, listener: randomTalk },
  { actionId: prefixed(ACTIONS.showTopic), listener: showTopic },
  { actionId: prefixed(ACTIONS.showEdition), listener: showEdition },
  { actionId: ACTIONS.watchVideo, listener: linkButton },
  { actionId: ACTIONS.openArticle, listener: linkButton },
] as const;

const matches = (actionId: string | RegExp, id: string) => (typeof actionId === 'string' ? actionId === id : actionId.test(id));

/**
 * One Bolt listener for every button, which hands the click to the listener of its action id.
 * Bolt runs the matchers of every registered listener on every request, a slash command
 * included: eight button listeners were the largest share of what bench:load's requests
 * allocated. An action id none of them handles matches nothing, as before.
 */
export function register(app: App, deps: ListenerDeps): void {
  const listeners = actionListeners.map(({ actionId, listener }) => ({ actionId, listen: listener(deps) }));
  const exactly = (id: string) => `^${id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`;
  const anyHandled = new RegExp(
    actionListeners.map(({ actionId }) => (typeof actionId === 'string' ? exactly(actionId) : actionId.source)).join('|'),
  );
  app.action(anyHandled, async (args) => {
    // An action id constraint only ever matches block actions, which all have one.
    const id = 'action_id' in args.action ? args.action.action_id : '';
    await listeners.find(({ actionId }) => matches(actionId, id))?.listen(args);
  });
}
