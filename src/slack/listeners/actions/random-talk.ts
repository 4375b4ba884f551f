import { buttonListener } from './action-payload.ts';
import { showAnswer } from './show-answer.ts';

/** "Another one" under a random talk: a new draw in place of the last. */
export const randomTalk = buttonListener('random_talk', (deps, payload, { client, respond }, log) =>
  showAnswer(deps, payload, client, respond, { command: { kind: 'random' }, commandText: 'random', page: 0 }, log),
);
