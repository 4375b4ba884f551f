import type { AllMiddlewareArgs, SlackActionMiddlewareArgs } from '@slack/bolt';
import { parseCommand } from '../../../bot/command.ts';
import { decodeMore } from '../../../blocks/ids.ts';
import type { ListenerDeps } from '../../deps.ts';
import { clickedValue, parseAction } from './action-payload.ts';
import { showAnswer } from './show-answer.ts';

/** "More results": the same command again, next page, in place of the previous one. */
export function moreResults(deps: ListenerDeps) {
  const log = deps.logger.child({ listener: 'more_results' });
  return async ({ ack, body, client, respond }: SlackActionMiddlewareArgs & AllMiddlewareArgs): Promise<void> => {
    await ack();
    const payload = parseAction(body, log);
    if (payload === undefined) return;
    const more = decodeMore(clickedValue(payload));
    if (more === undefined) {
      log.warn('Ignored a "More results" click with a value the bot did not write', { user: payload.user.id });
      return;
    }
    await showAnswer(deps, payload, client, respond, { command: parseCommand(more.command), commandText: more.command, page: more.page }, log);
  };
}
