import { decodeShare } from '../../../blocks/ids.ts';
import { NO_UNFURL } from '../../../blocks/message.ts';
import { renderSharedTalk } from '../../../blocks/share.ts';
import { parseCommand } from '../../../bot/command.ts';
import type { BlockActions } from '../../payloads.ts';
import { renderCommand } from '../../reply.ts';
import { apologise, buttonListener, clickedMessage, clickedValue } from './action-payload.ts';

/**
 * What makes two clicks the same share: the user, the talk and the message the button is in;
 * a later /kubecon draws a new message, from which the same talk can be shared again.
 */
function shareKey(payload: BlockActions, talkId: string): string {
  return `share:${payload.team?.id ?? ''}:${payload.user.id}:${talkId}:${clickedMessage(payload)}`;
}

/**
 * "Share" beside a talk of an ephemeral list: posts that talk publicly through the
 * response_url (so it works where the bot is not a member), opening with who shared it, then
 * draws the list again with that talk marked shared, so the other talks stay one click away.
 * A single talk may unfurl its video.
 *
 * Slack does not retry interactions, but a double click, or a replay of the signed request,
 * arrives twice: the share is claimed through the event de-duplicator (shared by replicas
 * when Redis is), so only the first posts; a failed post lets a later click try again.
 */
export const shareTalk = buttonListener('share_talk', async (deps, payload, { client, respond }, log) => {
  const userId = payload.user.id;
  const { talk: talkId, list } = decodeShare(clickedValue(payload));
  const talk = deps.bot.catalogue.talkById.get(talkId);
  if (talk === undefined || payload.response_url === undefined) {
    log.warn('Ignored a share of an unknown talk or without a response_url', { user: userId });
    return;
  }
  const language = await deps.languages.forUser(userId);
  const outcome = await deps.events.once(shareKey(payload, talk.id), async () => {
    try {
      const message = renderSharedTalk(talk, { language, catalogue: deps.bot.catalogue, userId });
      // Video players are "media" to Slack; article previews are "links" and would crowd the talk.
      const post = { text: message.text, blocks: message.blocks, unfurl_links: false, unfurl_media: talk.video !== null };
      const thread = list?.thread;
      if (thread !== undefined) {
        // An answer about one message (the shortcut) is shared under it. That takes the bot being
        // in the channel; where it is not, the talk goes to the channel through the response_url.
        try {
          await client.chat.postMessage({ channel: thread.channel, thread_ts: thread.ts, ...post });
          return true;
        } catch (error) {
          log.info('Could not share in the thread; sharing in the channel instead', { error, channel: thread.channel });
        }
      }
      await respond({ response_type: 'in_channel', replace_original: false, ...post });
      return true;
    } catch (error) {
      log.error('Could not share a talk', { error, user: userId, talk: talk.id });
      await apologise(respond, language, log);
      return false;
    }
  });
  if (outcome === 'duplicate') {
    // The first click already redraws the list with the talk marked shared.
    log.info('Ignored a second share of a talk from the same message', { user: userId, talk: talk.id });
    return;
  }
  if (outcome === 'failed') return;
  try {
    if (list === undefined) {
      await respond({ delete_original: true });
      return;
    }
    const shared = [...list.shared, talk.id];
    const redrawn = renderCommand(deps.bot, parseCommand(list.command), list.command, list.page, {
      language,
      ephemeral: true,
      shared,
      thread: list.thread,
    });
    await respond({ response_type: 'ephemeral', replace_original: true, text: redrawn.text, blocks: redrawn.blocks, ...NO_UNFURL });
  } catch (error) {
    // The talk is shared; only the list could not be marked.
    log.warn('Could not mark the shared talk in its list', { error, user: userId, talk: talk.id });
  }
});
