import type { AllMiddlewareArgs, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { ListenerDeps } from '../../deps.ts';
import { clickedValue, parseAction } from './action-payload.ts';
import { showAnswer } from './show-answer.ts';

/** An edition button (`show_edition:<year>`, from the Home tab): that edition's talks. */
export function showEdition(deps: ListenerDeps) {
  const log = deps.logger.child({ listener: 'show_edition' });
  return async ({ ack, body, client, respond }: SlackActionMiddlewareArgs & AllMiddlewareArgs): Promise<void> => {
    await ack();
    const payload = parseAction(body, log);
    if (payload === undefined) return;
    const year = clickedValue(payload);
    await showAnswer(deps, payload, client, respond, { command: { kind: 'edition', year }, commandText: `edition ${year}`, page: 0 }, log);
  };
}
