import type { AllMiddlewareArgs, SlackShortcutMiddlewareArgs } from '@slack/bolt';
import { renderAnswer } from '../../../blocks/answer.ts';
import { NO_UNFURL } from '../../../blocks/message.ts';
import { MAX_QUESTION } from '../../../bot/command.ts';
import type { ListenerDeps } from '../../deps.ts';
import { invalidFields, type MessageShortcut, MessageShortcutSchema } from '../../payloads.ts';
import { apology, noteGap } from '../../reply.ts';

/** The callback id manifest.yml gives the message shortcut. */
export const FIND_TALKS = 'find_talks';

/** The words of a message: its text, or its attachments' when it has none of its own. */
function wordsOf(message: MessageShortcut['message']): string {
  const own = message.text?.trim() ?? '';
  if (own) return own;
  return (message.attachments ?? []).map((a) => [a.title, a.text ?? a.fallback].filter(Boolean).join(' ')).join(' ');
}

/**
 * "Find KubeCon talks about this message": the talks for what the message says, for the
 * person who used the shortcut only. Answered through the shortcut's response_url, which
 * works in any channel, joined or not (docs/decisions/0013-message-shortcut-answers.md);
 * Share posts under that message when the bot may write there, in the channel otherwise.
 * The text goes through the same query pipeline as every door: mentions, links, emoji and
 * chatter out, and a long text cut to the first MAX_QUESTION characters.
 */
export function findTalks(deps: ListenerDeps) {
  const log = deps.logger.child({ listener: 'find-talks' });
  return async ({ ack, body, respond }: SlackShortcutMiddlewareArgs & AllMiddlewareArgs): Promise<void> => {
    await ack();
    const parsed = MessageShortcutSchema.safeParse(body);
    if (!parsed.success) {
      log.warn('Ignored an invalid message shortcut', { fields: invalidFields(parsed.error) });
      return;
    }
    const { user, channel, message } = parsed.data;
    deps.languages.prefetch(user.id);
    const query = wordsOf(message).slice(0, MAX_QUESTION);
    deps.answerLater(async () => {
      const language = await deps.languages.forUser(user.id);
      try {
        const answer = deps.bot.answer({ kind: 'search', query }, query);
        noteGap(deps.feedback, answer);
        const thread = { channel: channel.id, ts: message.thread_ts ?? message.ts };
        const reply = renderAnswer(answer, { language, catalogue: deps.bot.catalogue, ephemeral: true, thread });
        await respond({ response_type: 'ephemeral', text: reply.text, blocks: reply.blocks, ...NO_UNFURL });
      } catch (error) {
        log.error('Could not answer a message shortcut', { error, user: user.id, channel: channel.id });
        try {
          await respond({ response_type: 'ephemeral', ...apology(language) });
        } catch (apologyError) {
          log.warn('Could not apologise either', { error: apologyError, user: user.id });
        }
      }
    });
  };
}
