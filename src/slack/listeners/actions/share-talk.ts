import { renderSharedTalk } from '../../../blocks/share.ts';
import { apologise, buttonListener, clickedValue } from './action-payload.ts';

/**
 * "Share in channel" under a talk of an ephemeral preview: posts that talk publicly through
 * the response_url (so it works where the bot is not a member), attributed to the user,
 * then removes the preview, as /giphy does. A single talk may unfurl its video.
 */
export const shareTalk = buttonListener('share_talk', async (deps, payload, { respond }, log) => {
  const userId = payload.user.id;
  const talk = deps.bot.catalogue.talkById.get(clickedValue(payload));
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
    await respond({ delete_original: true });
  } catch (error) {
    log.error('Could not share a talk', { error, user: userId, talk: talk.id });
    await apologise(respond, language, log);
  }
});
