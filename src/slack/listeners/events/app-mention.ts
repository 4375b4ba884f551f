import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import type { ListenerDeps } from '../../deps.ts';
import { AppMentionSchema } from '../../payloads.ts';
import { answerQuestion } from '../../thread-reply.ts';

/** `@kubecon what about prometheus?`: the same subcommands as /kubecon, answered in a thread. */
export function appMention(deps: ListenerDeps) {
  const log = deps.logger.child({ listener: 'app_mention' });
  return (args: SlackEventMiddlewareArgs & AllMiddlewareArgs): Promise<void> =>
    answerQuestion(deps, log, 'app_mention', AppMentionSchema, args);
}
