import { z } from 'zod';

/**
 * The fields of Slack's payloads the bot relies on, checked at the edge: whatever passes
 * is safe to put in a mention (`<@user>`), a thread or a URL; whatever fails is logged
 * by field name (never by value: it may be user text) and dropped.
 */
const userId = z.string().regex(/^[UW][A-Z0-9]{1,20}$/);
const channelId = z.string().regex(/^[CDG][A-Z0-9]{1,20}$/);
const teamId = z.string().regex(/^[TE][A-Z0-9]{1,20}$/);
const ts = z.string().regex(/^\d{1,12}\.\d{1,9}$/);
const responseUrl = z.url({ protocol: /^https?$/ }).max(1000);
/** Slack's own cap on message text is 40,000 characters; a slash command's is far lower. */
const text = z.string().max(40_000);

export const SlashCommandSchema = z.object({
  command: z.string(),
  text,
  team_id: teamId,
  channel_id: channelId,
  user_id: userId,
  response_url: responseUrl,
});
export type SlashCommand = z.infer<typeof SlashCommandSchema>;

export const EventEnvelopeSchema = z.object({
  team_id: teamId,
  event_id: z.string().min(1).max(100),
});

export const AppMentionSchema = z.object({
  type: z.literal('app_mention'),
  user: userId,
  text,
  channel: channelId,
  ts,
  thread_ts: ts.optional(),
});

export const DirectMessageSchema = z.object({
  type: z.literal('message'),
  channel_type: z.literal('im'),
  user: userId,
  text,
  channel: channelId,
  ts,
  thread_ts: ts.optional(),
});

export const AppHomeOpenedSchema = z.object({
  type: z.literal('app_home_opened'),
  user: userId,
  tab: z.string(),
});

/** "Find KubeCon talks about this message": the message shortcut's payload. */
export const MessageShortcutSchema = z.object({
  type: z.literal('message_action'),
  user: z.object({ id: userId }),
  team: z.object({ id: teamId }).nullish(),
  channel: z.object({ id: channelId }),
  response_url: responseUrl,
  message: z.object({
    ts,
    thread_ts: ts.optional(),
    text: text.optional(),
    /** A message made of attachments only (another app's, say) carries its words there. */
    attachments: z.array(z.object({ text: text.optional(), fallback: text.optional(), title: text.optional() })).optional(),
  }),
});
export type MessageShortcut = z.infer<typeof MessageShortcutSchema>;

export const BlockActionsSchema = z.object({
  type: z.literal('block_actions'),
  user: z.object({ id: userId }),
  team: z.object({ id: teamId }).nullish(),
  /** `message_ts`: the message the button is in, ephemeral or not; what tells two clicks on one button from two lists. */
  container: z.object({ type: z.string(), is_ephemeral: z.boolean().optional(), message_ts: ts.optional() }),
  channel: z.object({ id: channelId }).optional(),
  /** The message the button is in, when it is not ephemeral: where More posts the next page. */
  message: z.object({ ts, thread_ts: ts.optional() }).optional(),
  response_url: responseUrl.optional(),
  view: z.object({ type: z.string(), id: z.string().max(100).optional() }).optional(),
  actions: z.array(z.object({ action_id: z.string().max(255), value: z.string().max(2000).optional() })).min(1),
});
export type BlockActions = z.infer<typeof BlockActionsSchema>;

/**
 * Whether a bot wrote a message or a mention, this one included: Slack sets bot_id on a bot's
 * posts (subtype bot_message when no bot user wrote it); the bot's own user id, once auth.test
 * gave it, catches the rest.
 */
export function isFromABot(event: unknown, botUserId: string | undefined): boolean {
  const { bot_id: botId, subtype, user } = (event ?? {}) as Record<string, unknown>;
  return (typeof botId === 'string' && botId !== '') || subtype === 'bot_message' || (botUserId !== undefined && user === botUserId);
}

/** Where each invalid field is, for the log; never what it held. */
export function invalidFields(error: z.ZodError): string[] {
  return error.issues.map((issue) => issue.path.join('.') || '(payload)');
}
