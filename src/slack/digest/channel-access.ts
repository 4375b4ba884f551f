import type { WebClient } from '@slack/web-api';
import { z } from 'zod';
import type { ChannelAccess } from '../../digest/commands.ts';
import type { Logger } from '../../log/logger.ts';
import { classifyFailure } from './failures.ts';

const ChannelInfoSchema = z.object({
  channel: z.object({ is_member: z.boolean().optional(), is_private: z.boolean().optional(), is_archived: z.boolean().optional() }),
});

/** Whether the bot can post in a channel, from conversations.info: asked when subscribing, rather than failing silently on Monday. */
export function slackChannelAccess(client: WebClient, logger: Logger): ChannelAccess {
  const log = logger.child({ component: 'digest' });
  return {
    async check(channel) {
      try {
        const { channel: info } = ChannelInfoSchema.parse(await client.conversations.info({ channel }));
        if (info.is_archived) return 'archived';
        if (info.is_member) return 'ok';
        return info.is_private ? 'private' : 'not-member';
      } catch (error) {
        const failure = classifyFailure(error);
        if (failure.kind !== 'refused') throw error;
        // A private channel the bot is not in does not exist, as far as the bot can see.
        if (failure.reason === 'channel_not_found') return 'private';
        if (failure.reason === 'missing_scope') {
          log.error('Cannot check a channel before subscribing it', { channel, error: failure.reason, fix: failure.fix });
          return 'missing-permission';
        }
        throw error;
      }
    },
  };
}
