import type { AllMiddlewareArgs, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { ListenerDeps } from '../../deps.ts';
import { clickedValue, parseAction } from './action-payload.ts';
import { showAnswer } from './show-answer.ts';

/** A topic button (`show_topic:<id>`, from /kubecon topics, suggestions or the Home tab): that topic's talks. */
export function showTopic(deps: ListenerDeps) {
  const log = deps.logger.child({ listener: 'show_topic' });
  return async ({ ack, body, client, respond }: SlackActionMiddlewareArgs & AllMiddlewareArgs): Promise<void> => {
    await ack();
    const payload = parseAction(body, log);
    if (payload === undefined) return;
    const topic = clickedValue(payload);
    await showAnswer(deps, payload, client, respond, { command: { kind: 'topic', name: topic }, commandText: `topic ${topic}`, page: 0 }, log);
  };
}
