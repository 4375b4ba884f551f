import { decodeMore } from '../../../blocks/ids.ts';
import { NO_UNFURL } from '../../../blocks/message.ts';
import { parseCommand } from '../../../bot/command.ts';
import { renderCommand } from '../../reply.ts';
import { answerPlace } from '../../thread-reply.ts';
import { apologise, buttonListener, clickedValue, isHomeTab } from './action-payload.ts';
import { showAnswer } from './show-answer.ts';

/**
 * "More results": the same command again, next page. Under an answer in a thread or a direct
 * message, the next page is posted there for everyone who saw the first; elsewhere it
 * replaces the previous page (see showAnswer).
 */
export const moreResults = buttonListener('more_results', async (deps, payload, { client, respond }, log) => {
  const more = decodeMore(clickedValue(payload));
  if (more === undefined) {
    log.warn('Ignored a "More results" click with a value the bot did not write', { user: payload.user.id });
    return;
  }
  const command = parseCommand(more.command);
  const publicMessage = payload.message !== undefined && payload.channel !== undefined && payload.container.is_ephemeral !== true;
  if (!publicMessage || isHomeTab(payload)) {
    await showAnswer(deps, payload, client, respond, { command, commandText: more.command, page: more.page, thread: more.thread }, log);
    return;
  }
  const channel = payload.channel!.id;
  const { ts, thread_ts: threadTs } = payload.message!;
  const language = await deps.languages.forUser(payload.user.id);
  try {
    const message = renderCommand(deps.bot, command, more.command, more.page, { language, ephemeral: false });
    await client.chat.postMessage({
      ...answerPlace(channel, ts, threadTs, channel.startsWith('D')),
      text: message.text,
      blocks: message.blocks,
      ...NO_UNFURL,
    });
  } catch (error) {
    log.error('Could not post the next page in the thread', { error, channel });
    await apologise(respond, language, log);
  }
});
