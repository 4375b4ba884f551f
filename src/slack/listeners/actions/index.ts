import type { App } from '@slack/bolt';
import { ACTIONS } from '../../../blocks/ids.ts';
import type { ListenerDeps } from '../../deps.ts';
import { dismiss } from './dismiss.ts';
import { linkButton } from './link-button.ts';
import { moreResults } from './more-results.ts';
import { personalDigest } from './personal-digest.ts';
import { pickTopic } from './pick-topic.ts';
import { randomTalk } from './random-talk.ts';
import { rateAnswer } from './rate-answer.ts';
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
  { actionId: ACTIONS.pickTopic, listener: pickTopic },
  { actionId: prefixed(ACTIONS.showEdition), listener: showEdition },
  { actionId: ACTIONS.watchVideo, listener: linkButton },
  { actionId: ACTIONS.openArticle, listener: linkButton },
  { actionId: ACTIONS.rateUp, listener: rateAnswer },
  { actionId: ACTIONS.rateDown, listener: rateAnswer },
  { actionId: ACTIONS.snoozeDigest, listener: personalDigest },
  { actionId: ACTIONS.resumeDigest, listener: personalDigest },
  { actionId: ACTIONS.stopDigest, listener: personalDigest },
  { actionId: ACTIONS.followTopics, listener: personalDigest },
] as const;

/** Whether a listener above answers this action: the catch-all of unsupported.ts must leave it alone. */
export function isHandled(actionId: string): boolean {
  return actionListeners.some((entry) =>
    typeof entry.actionId === 'string' ? entry.actionId === actionId : entry.actionId.test(actionId),
  );
}

export function register(app: App, deps: ListenerDeps): void {
  for (const { actionId, listener } of actionListeners) app.action(actionId, listener(deps));
}
