import type { WebClient } from '@slack/web-api';
import { NO_UNFURL } from '../blocks/message.ts';
import { parseCommand } from '../bot/command.ts';
import type { Logger } from '../log/logger.ts';
import type { ListenerDeps } from './deps.ts';
import { answerEventOnce } from './event-once.ts';
import { commandTextFromMessage } from './mention-text.ts';
import { type AppMentionSchema, type DirectMessageSchema, invalidFields } from './payloads.ts';
import { apology, replyTo } from './reply.ts';

export interface ThreadRequest {
  readonly teamId: string;
  readonly channelId: string;
  readonly userId: string;
  /** The command, mention and filler already stripped. */
  readonly text: string;
  readonly ts: string;
  readonly threadTs?: string | undefined;
  /** A direct message is answered in the conversation itself, unless it was written in a thread. */
  readonly direct: boolean;
}

/** Where an answer goes: a mention's thread (started under it if need be), or a DM's conversation or thread. */
export function answerPlace(channel: string, ts: string, threadTs: string | undefined, direct: boolean) {
  return { channel, ...(threadTs !== undefined ? { thread_ts: threadTs } : direct ? {} : { thread_ts: ts }) };
}

/**
 * Answers a mention in its thread, a direct message where it was written. Resolves true once the answer is
 * posted; on a Slack error it logs, apologises if Slack lets it, and resolves false so a
 * retry of the same event can still answer.
 */
export async function answerInThread(deps: ListenerDeps, client: WebClient, request: ThreadRequest, log: Logger): Promise<boolean> {
  const language = await deps.languages.forUser(request.userId);
  const thread = answerPlace(request.channelId, request.ts, request.threadTs, request.direct);
  try {
    const message = await replyTo(deps, request.text, { ...request, language }, { ephemeral: false });
    // What someone follows is theirs: in a channel, only they see the answer.
    if (!request.direct && parseCommand(request.text).kind === 'follow')
      await client.chat.postEphemeral({ ...thread, user: request.userId, text: message.text, blocks: message.blocks });
    else await client.chat.postMessage({ ...thread, text: message.text, blocks: message.blocks, ...NO_UNFURL });
    return true;
  } catch (error) {
    log.error('Could not answer in the thread', { error, channel: request.channelId });
    try {
      const sorry = apology(language);
      await client.chat.postMessage({ ...thread, text: sorry.text, blocks: sorry.blocks });
    } catch (apologyError) {
      log.warn('Could not apologise in the thread either', { error: apologyError, channel: request.channelId });
    }
    return false;
  }
}

export interface QuestionEvent {
  readonly event: unknown;
  readonly body: unknown;
  readonly client: WebClient;
  readonly context: { readonly retryNum?: number | undefined; readonly botUserId?: string | undefined };
}

/**
 * A mention or a direct message, checked with `schema`, answered in its thread once per
 * event whatever Slack retries; `kind` names it in the log when a field is invalid.
 */
export async function answerQuestion(
  deps: ListenerDeps,
  log: Logger,
  kind: string,
  schema: typeof AppMentionSchema | typeof DirectMessageSchema,
  { event, body, client, context }: QuestionEvent,
): Promise<void> {
  const parsed = schema.safeParse(event);
  if (!parsed.success) {
    log.warn(`Ignored an invalid ${kind} event`, { fields: invalidFields(parsed.error) });
    return;
  }
  const { user, text, channel, ts, thread_ts: threadTs } = parsed.data;
  deps.languages.prefetch(user);
  answerEventOnce(deps, body, context.retryNum, log, ({ teamId, log: eventLog }) =>
    answerInThread(
      deps,
      client,
      {
        teamId,
        channelId: channel,
        userId: user,
        text: commandTextFromMessage(text, context.botUserId),
        ts,
        threadTs,
        direct: parsed.data.type === 'message',
      },
      eventLog,
    ),
  );
}
