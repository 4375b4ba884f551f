import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import type { ListenerDeps } from '../../deps.ts';
import { DirectMessageSchema } from '../../payloads.ts';
import { answerQuestion } from '../../thread-reply.ts';

/** A direct message to the bot reads like a mention: answered in the conversation (in its thread if it has one). */
export function directMessage(deps: ListenerDeps) {
  const log = deps.logger.child({ listener: 'message.im' });
  return async (args: SlackEventMiddlewareArgs<'message'> & AllMiddlewareArgs): Promise<void> => {
    const fields = args.message as unknown as Record<string, unknown>;
    // Edits, deletions, joins and other bots' posts are not questions; bots answering bots can loop.
    if (fields.channel_type !== 'im' || fields.subtype !== undefined || fields.bot_id !== undefined) return;
    await answerQuestion(deps, log, 'direct message', DirectMessageSchema, { ...args, event: fields });
  };
}
