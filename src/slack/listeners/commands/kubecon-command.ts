import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { NO_UNFURL } from '../../../blocks/message.ts';
import type { ListenerDeps } from '../../deps.ts';
import { invalidFields, SlashCommandSchema } from '../../payloads.ts';
import { apology, replyTo } from '../../reply.ts';

/**
 * `/kubecon ...`: acked at once (Slack allows 3 s, and users.info may take some of it), then
 * answered through the response_url, which works in channels the bot has not joined.
 * Answers are ephemeral previews, like /giphy: Share, More results, Dismiss.
 */
export function kubeconCommand(deps: ListenerDeps) {
  const log = deps.logger.child({ listener: 'command' });
  return async ({ ack, command, respond }: SlackCommandMiddlewareArgs & AllMiddlewareArgs): Promise<void> => {
    await ack();
    const parsed = SlashCommandSchema.safeParse(command);
    if (!parsed.success) {
      log.warn('Ignored an invalid slash command', { fields: invalidFields(parsed.error) });
      return;
    }
    // Only what the answer needs is kept while it waits its turn, not the whole payload.
    const { channel_id: channelId, user_id: userId, text } = parsed.data;
    deps.languages.prefetch(userId);
    deps.answerLater(async () => {
      const language = await deps.languages.forUser(userId);
      try {
        const message = await replyTo(deps, text, { channelId, userId, language }, { ephemeral: true });
        await respond({ response_type: 'ephemeral', text: message.text, blocks: message.blocks, ...NO_UNFURL });
      } catch (error) {
        log.error('Could not answer a slash command', { error, user: userId, channel: channelId });
        try {
          await respond({ response_type: 'ephemeral', ...apology(language) });
        } catch (apologyError) {
          log.warn('Could not apologise either', { error: apologyError, user: userId });
        }
      }
    });
  };
}
