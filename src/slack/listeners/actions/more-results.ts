import { decodeMore } from '../../../blocks/ids.ts';
import { parseCommand } from '../../../bot/command.ts';
import { buttonListener, clickedValue } from './action-payload.ts';
import { showAnswer } from './show-answer.ts';

/** "More results": the same command again, next page, in place of the previous one. */
export const moreResults = buttonListener('more_results', async (deps, payload, { client, respond }, log) => {
  const more = decodeMore(clickedValue(payload));
  if (more === undefined) {
    log.warn('Ignored a "More results" click with a value the bot did not write', { user: payload.user.id });
    return;
  }
  await showAnswer(
    deps,
    payload,
    client,
    respond,
    { command: parseCommand(more.command), commandText: more.command, page: more.page },
    log,
  );
});
