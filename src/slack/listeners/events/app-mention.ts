import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import type { ListenerDeps } from '../../deps.ts';
import { answerEventOnce } from '../../event-once.ts';
import { commandTextFromMessage } from '../../mention-text.ts';
import { AppMentionSchema, invalidFields } from '../../payloads.ts';
import { answerInThread } from '../../thread-reply.ts';

/** `@kubecon what about prometheus?`: the same subcommands as /kubecon, answered in a thread. */
export function appMention(deps: ListenerDeps) {
  const log = deps.logger.child({ listener: 'app_mention' });
  return async ({ event, body, client, context }: SlackEventMiddlewareArgs & AllMiddlewareArgs): Promise<void> => {
    const mention = AppMentionSchema.safeParse(event);
    if (!mention.success) {
      log.warn('Ignored an invalid app_mention event', { fields: invalidFields(mention.error) });
      return;
    }
    const { user, text, channel, ts, thread_ts: threadTs } = mention.data;
    await answerEventOnce(deps, body, context.retryNum, log, ({ teamId, log: eventLog }) =>
      answerInThread(deps, client, { teamId, channelId: channel, userId: user, text: commandTextFromMessage(text, context.botUserId), ts, threadTs }, eventLog),
    );
  };
}
