import { z } from 'zod';
import { ACTIONS } from '../../../blocks/ids.ts';
import { renderPersonalReply } from '../../../blocks/personal.ts';
import type { PersonalReply } from '../../../digest/personal-commands.ts';
import { publishHome } from '../../home.ts';
import { invalidFields } from '../../payloads.ts';
import { apologise, buttonListener, isHomeTab } from './action-payload.ts';

/** The Home tab's menu sends every chosen option, which the common block_actions schema leaves out; a topic id is a short slug. */
const ChosenTopicsSchema = z.object({
  actions: z.array(z.object({ selected_options: z.array(z.object({ value: z.string().min(1).max(150) })).max(100) })).min(1),
});

/**
 * Snooze, Resume and Stop, under every weekly DM and in the Home tab, and the Home tab's menu
 * of followed topics. In a DM the answer goes under the DM, privately; in the Home tab, which
 * has no response_url, the tab is published again with the answer on top.
 */
export const personalDigest = buttonListener('personal_digest', async (deps, payload, { client, respond, body }, log) => {
  const personal = deps.bot.personal;
  const userId = payload.user.id;
  const language = await deps.languages.forUser(userId);
  if (personal === undefined) {
    log.debug('A weekly DM button reached a bot without the digest', { user: userId });
    return;
  }
  const request = { channelId: payload.channel?.id ?? '', userId, language };
  try {
    let reply: PersonalReply;
    switch (payload.actions[0]!.action_id) {
      case ACTIONS.snoozeDigest:
        reply = await personal.snooze(request);
        break;
      case ACTIONS.resumeDigest:
        reply = await personal.resume(request);
        break;
      case ACTIONS.stopDigest:
        reply = await personal.stop(request);
        break;
      default: {
        const chosen = ChosenTopicsSchema.safeParse(body);
        if (!chosen.success) {
          log.warn('Ignored a topic menu without its choices', { fields: invalidFields(chosen.error) });
          return;
        }
        const known = chosen.data.actions[0]!.selected_options.map((option) => option.value).filter((id) =>
          deps.bot.catalogue.topicById.has(id),
        );
        reply = await personal.choose(request, known);
      }
    }
    // The tab's own part shows the change; only a refusal needs saying on top.
    if (isHomeTab(payload)) await publishHome(deps, client, userId, reply.kind === 'cannot-dm' ? { kind: 'personal', reply } : undefined);
    else
      await respond({ response_type: 'ephemeral', replace_original: false, ...renderPersonalReply(reply, language, deps.bot.catalogue) });
  } catch (error) {
    log.error('Could not change a person’s weekly DM', { error, user: userId });
    if (!isHomeTab(payload)) await apologise(respond, language, log);
  }
});
