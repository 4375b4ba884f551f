import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import type { ListenerDeps } from '../../deps.ts';
import { AppMentionSchema, isFromABot } from '../../payloads.ts';
import { answerQuestion } from '../../thread-reply.ts';

/**
 * `@kubecon what about prometheus?`: the same subcommands as /kubecon, answered in a thread.
 * A bot's mention gets nothing at all: a bot could otherwise subscribe or unsubscribe a
 * channel's digest, and two bots answering each other never stop.
 */
export function appMention(deps: ListenerDeps) {
  const log = deps.logger.child({ listener: 'app_mention' });
  return async (args: SlackEventMiddlewareArgs & AllMiddlewareArgs): Promise<void> => {
    if (isFromABot(args.event, args.context.botUserId)) {
      log.debug('Ignored a mention from a bot');
      return;
    }
    await answerQuestion(deps, log, 'app_mention', AppMentionSchema, args);
  };
}
