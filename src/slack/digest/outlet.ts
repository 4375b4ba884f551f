import type { WebClient } from '@slack/web-api';
import { renderAnnouncement, renderDigest } from '../../blocks/digest.ts';
import { NO_UNFURL } from '../../blocks/message.ts';
import { renderPersonalDigest } from '../../blocks/personal.ts';
import type { Catalogue } from '../../catalogue/model.ts';
import type { DigestOutlet } from '../../digest/poster.ts';
import { classifyFailure } from './failures.ts';
import { digestMetadata, findPostedDigest } from './find-posted.ts';

/** The digest's outlet in Slack: one chat.postMessage per digest, its slot in the message's metadata, and one per announcement. */
export function slackDigestOutlet(client: WebClient, catalogue: Pick<Catalogue, 'topicById'>): DigestOutlet {
  return {
    async post(channel, slot, content, language) {
      const message = content.followed ? renderPersonalDigest(content, language, catalogue) : renderDigest(content, language, catalogue);
      const answer = await client.chat.postMessage({
        channel,
        text: message.text,
        blocks: message.blocks,
        metadata: digestMetadata(slot),
        ...NO_UNFURL,
      });
      if (!answer.ts) throw new Error('chat.postMessage answered without a ts');
      return answer.ts;
    },
    async announce(channel, announcement, language) {
      const message = renderAnnouncement(announcement, language);
      await client.chat.postMessage({ channel, text: message.text, blocks: message.blocks, ...NO_UNFURL });
    },
    findPosted: (channel, slot) => findPostedDigest(client, channel, slot),
    classify: classifyFailure,
  };
}
