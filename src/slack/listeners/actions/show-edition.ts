import { buttonListener, clickedValue } from './action-payload.ts';
import { showAnswer } from './show-answer.ts';

/** An edition button (`show_edition:<year>`, from the Home tab): that edition's talks. */
export const showEdition = buttonListener('show_edition', (deps, payload, { client, respond }, log) => {
  const year = clickedValue(payload);
  return showAnswer(deps, payload, client, respond, { command: { kind: 'edition', year }, commandText: `edition ${year}`, page: 0 }, log);
});
