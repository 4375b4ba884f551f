import type { AllMiddlewareArgs, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { ListenerDeps } from '../../deps.ts';
import { parseAction } from './action-payload.ts';
import { showAnswer } from './show-answer.ts';

/** "Another one" under a random talk: a new draw in place of the last. */
export function randomTalk(deps: ListenerDeps) {
  const log = deps.logger.child({ listener: 'random_talk' });
  return async ({ ack, body, client, respond }: SlackActionMiddlewareArgs & AllMiddlewareArgs): Promise<void> => {
    await ack();
    const payload = parseAction(body, log);
    if (payload === undefined) return;
    await showAnswer(deps, payload, client, respond, { command: { kind: 'random' }, commandText: 'random', page: 0 }, log);
  };
}
