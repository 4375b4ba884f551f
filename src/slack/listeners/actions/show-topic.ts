import type { Logger } from '../../../log/logger.ts';
import type { ListenerDeps } from '../../deps.ts';
import type { BlockActions } from '../../payloads.ts';
import { type ActionArgs, buttonListener, clickedValue } from './action-payload.ts';
import { showAnswer } from './show-answer.ts';

/** One topic's talks, where its button or menu was: a button and a menu choice must answer alike. */
export function showTopicTalks(deps: ListenerDeps, payload: BlockActions, { client, respond }: ActionArgs, log: Logger, topic: string) {
  return showAnswer(
    deps,
    payload,
    client,
    respond,
    { command: { kind: 'topic', name: topic }, commandText: `topic ${topic}`, page: 0 },
    log,
  );
}

/** A topic button (`show_topic:<id>`, from a short list of suggestions): that topic's talks. */
export const showTopic = buttonListener('show_topic', (deps, payload, args, log) =>
  showTopicTalks(deps, payload, args, log, clickedValue(payload)),
);
