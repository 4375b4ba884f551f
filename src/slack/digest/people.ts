import type { WebClient } from '@slack/web-api';
import { z } from 'zod';
import type { PersonLookup } from '../../digest/personal-commands.ts';
import { classifyFailure } from './failures.ts';

const UserSchema = z.object({ user: z.object({ tz: z.string().optional() }) });
const OpenedSchema = z.object({ channel: z.object({ id: z.string().regex(/^D[A-Z0-9]+$/) }) });

/** A person's time zone (users.info, users:read) and their DM with the bot (conversations.open, im:write). */
export function slackPersonLookup(client: WebClient): PersonLookup {
  return {
    async timezone(user) {
      return UserSchema.parse(await client.users.info({ user })).user.tz;
    },
    async openDm(user) {
      const opened = OpenedSchema.safeParse(await client.conversations.open({ users: user }));
      if (!opened.success) throw new Error('conversations.open answered without a DM channel');
      return opened.data.channel.id;
    },
    classify: classifyFailure,
  };
}
