import { buttonListener, clickedValue } from './action-payload.ts';
import { showAnswer } from './show-answer.ts';

/** A topic button (`show_topic:<id>`, from /kubecon topics, suggestions or the Home tab): that topic's talks. */
export const showTopic = buttonListener('show_topic', (deps, payload, { client, respond }, log) => {
  const topic = clickedValue(payload);
  return showAnswer(
    deps,
    payload,
    client,
    respond,
    { command: { kind: 'topic', name: topic }, commandText: `topic ${topic}`, page: 0 },
    log,
  );
});
