import type { WebClient } from '@slack/web-api';
import { z } from 'zod';

/** The metadata event type our digests carry; Slack returns it with the message in conversations.history. */
const DIGEST_EVENT_TYPE = 'kubecon_digest';

/** What a digest message carries, so that it can be found again after an ambiguous failure. */
export function digestMetadata(slot: string): { event_type: string; event_payload: { slot: string } } {
  return { event_type: DIGEST_EVENT_TYPE, event_payload: { slot } };
}

const HistoryPageSchema = z.object({
  messages: z
    .array(
      z.object({
        ts: z.string(),
        metadata: z.object({ event_type: z.string(), event_payload: z.record(z.string(), z.unknown()).optional() }).optional(),
      }),
    )
    .default([]),
  response_metadata: z.object({ next_cursor: z.string().optional() }).optional(),
});

const PAGE_SIZE = 200;
/** 2,000 messages since the slot: a channel busier than that in a few hours is not one we can check. */
const MAX_PAGES = 10;

/**
 * The ts of the digest for `slot` that Slack already holds in `channel`, if any: asked
 * before posting again after a 5xx, a timeout or a crash, any of which may hide a message
 * Slack did post. Needs channels:history (groups:history for private channels).
 * Throws when Slack cannot answer or the channel is too busy to be sure.
 */
export async function findPostedDigest(client: WebClient, channel: string, slot: string): Promise<string | undefined> {
  const oldest = String(Date.parse(slot) / 1000);
  let cursor: string | undefined;
  for (let page = 0; page < MAX_PAGES; page += 1) {
    const answer = HistoryPageSchema.parse(
      await client.conversations.history({
        channel,
        oldest,
        inclusive: true,
        include_all_metadata: true,
        limit: PAGE_SIZE,
        ...(cursor ? { cursor } : {}),
      }),
    );
    const found = answer.messages.find(
      (message) => message.metadata?.event_type === DIGEST_EVENT_TYPE && message.metadata.event_payload?.slot === slot,
    );
    if (found) return found.ts;
    cursor = answer.response_metadata?.next_cursor;
    if (!cursor) return undefined;
  }
  throw new Error(`More than ${MAX_PAGES * PAGE_SIZE} messages since the slot: could not tell whether the digest was posted`);
}
