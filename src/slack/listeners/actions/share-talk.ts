import { decodeShare } from '../../../blocks/ids.ts';
import { NO_UNFURL } from '../../../blocks/message.ts';
import { renderSharedTalk } from '../../../blocks/share.ts';
import { parseCommand } from '../../../bot/command.ts';
import { renderCommand } from '../../reply.ts';
import { apologise, buttonListener, clickedValue } from './action-payload.ts';

/**
 * "Share" beside a talk of an ephemeral list: posts that talk publicly through the
 * response_url (so it works where the bot is not a member), opening with who shared it, then
 * draws the list again with that talk marked shared, so the other talks stay one click away.
 * A single talk may unfurl its video.
 */
export const shareTalk = buttonListener('share_talk', async (deps, payload, { respond }, log) => {
  const userId = payload.user.id;
  const { talk: talkId, list } = decodeShare(clickedValue(payload));
  const talk = deps.bot.catalogue.talkById.get(talkId);
  if (talk === undefined || payload.response_url === undefined) {
    log.warn('Ignored a share of an unknown talk or without a response_url', { user: userId });
    return;
  }
  const language = await deps.languages.forUser(userId);
  try {
    const message = renderSharedTalk(talk, { language, catalogue: deps.bot.catalogue, userId });
    // Video players are "media" to Slack; article previews are "links" and would crowd the talk.
    await respond({
      response_type: 'in_channel',
      replace_original: false,
      text: message.text,
      blocks: message.blocks,
      unfurl_links: false,
      unfurl_media: talk.video !== null,
    });
  } catch (error) {
    log.error('Could not share a talk', { error, user: userId, talk: talk.id });
    await apologise(respond, language, log);
    return;
  }
  try {
    if (list === undefined) {
      await respond({ delete_original: true });
      return;
    }
    const shared = [...list.shared, talk.id];
    const redrawn = renderCommand(deps.bot, parseCommand(list.command), list.command, list.page, { language, ephemeral: true, shared });
    await respond({ response_type: 'ephemeral', replace_original: true, text: redrawn.text, blocks: redrawn.blocks, ...NO_UNFURL });
  } catch (error) {
    // The talk is shared; only the list could not be marked.
    log.warn('Could not mark the shared talk in its list', { error, user: userId, talk: talk.id });
  }
});
