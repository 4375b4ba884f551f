import type { RespondFn } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { ShareThread } from '../../../blocks/ids.ts';
import { NO_UNFURL } from '../../../blocks/message.ts';
import type { Command } from '../../../bot/command.ts';
import type { Logger } from '../../../log/logger.ts';
import type { ListenerDeps } from '../../deps.ts';
import { publishHome } from '../../home.ts';
import type { BlockActions } from '../../payloads.ts';
import { renderCommand } from '../../reply.ts';
import { apologise, isHomeTab } from './action-payload.ts';

export interface ShowRequest {
  readonly command: Command;
  readonly commandText: string;
  readonly page: number;
  readonly thread?: ShareThread | undefined;
}

/**
 * The talks a button asked for, shown where it was clicked: in the Home tab, a new Home
 * view; in an ephemeral preview, the preview replaced; under a public message, a new
 * ephemeral answer for the clicker alone (a public message is not theirs to change).
 */
export async function showAnswer(
  deps: ListenerDeps,
  payload: BlockActions,
  client: WebClient,
  respond: RespondFn,
  request: ShowRequest,
  log: Logger,
): Promise<void> {
  const userId = payload.user.id;
  if (isHomeTab(payload)) {
    try {
      await publishHome(deps, client, userId, deps.bot.answer(request.command, request.commandText, request.page));
    } catch (error) {
      log.error('Could not publish the Home tab', { error, user: userId });
    }
    return;
  }
  if (payload.response_url === undefined) {
    log.warn('Ignored a button click with no response_url', { user: userId });
    return;
  }
  const language = await deps.languages.forUser(userId);
  try {
    const message = renderCommand(deps.bot, request.command, request.commandText, request.page, {
      language,
      ephemeral: true,
      thread: request.thread,
    });
    await respond({
      response_type: 'ephemeral',
      replace_original: payload.container.is_ephemeral === true,
      text: message.text,
      blocks: message.blocks,
      ...NO_UNFURL,
    });
  } catch (error) {
    log.error('Could not show the talks a button asked for', { error, user: userId });
    await apologise(respond, language, log);
  }
}
