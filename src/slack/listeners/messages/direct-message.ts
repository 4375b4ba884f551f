import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import type { ListenerDeps } from '../../deps.ts';
import { answerEventOnce } from '../../event-once.ts';
import { commandTextFromMessage } from '../../mention-text.ts';
import { DirectMessageSchema, invalidFields } from '../../payloads.ts';
import { answerInThread } from '../../thread-reply.ts';

/** A direct message to the bot reads like a mention: answered in its thread. */
export function directMessage(deps: ListenerDeps) {
  const log = deps.logger.child({ listener: 'message.im' });
  return async ({ message, body, client, context }: SlackEventMiddlewareArgs<'message'> & AllMiddlewareArgs): Promise<void> => {
    const fields = message as unknown as Record<string, unknown>;
    // Edits, deletions, joins and other bots' posts are not questions; bots answering bots can loop.
    if (fields.channel_type !== 'im' || fields.subtype !== undefined || fields.bot_id !== undefined) return;
    const dm = DirectMessageSchema.safeParse(fields);
    if (!dm.success) {
      log.warn('Ignored an invalid direct message event', { fields: invalidFields(dm.error) });
      return;
    }
    const { user, text, channel, ts, thread_ts: threadTs } = dm.data;
    await answerEventOnce(deps, body, context.retryNum, log, ({ teamId, log: eventLog }) =>
      answerInThread(deps, client, { teamId, channelId: channel, userId: user, text: commandTextFromMessage(text, context.botUserId), ts, threadTs }, eventLog),
    );
  };
}
