import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import type { ListenerDeps } from '../../deps.ts';
import { DirectMessageSchema, isFromABot } from '../../payloads.ts';
import { answerQuestion } from '../../thread-reply.ts';

/**
 * Someone writing to the bot: a plain message, one with a file attached, or a thread reply
 * also sent to the conversation. Edits, deletions, joins and the like are not questions.
 */
const QUESTIONS = new Set<unknown>([undefined, 'file_share', 'thread_broadcast']);

/** A direct message to the bot reads like a mention: answered in the conversation (in its thread if it has one). */
export function directMessage(deps: ListenerDeps) {
  const log = deps.logger.child({ listener: 'message.im' });
  return async (args: SlackEventMiddlewareArgs<'message'> & AllMiddlewareArgs): Promise<void> => {
    const fields = args.message as unknown as Record<string, unknown>;
    if (fields.channel_type !== 'im') return;
    // Bots answering bots can loop, the bot's own answers included.
    if (isFromABot(fields, args.context.botUserId)) {
      log.debug('Ignored a direct message from a bot');
      return;
    }
    if (!QUESTIONS.has(fields.subtype)) return;
    await answerQuestion(deps, log, 'direct message', DirectMessageSchema, { ...args, event: fields });
  };
}
