import type { KnownBlock } from '@slack/types';

/** What the Slack layer posts and the console prints: the same object for both. */
export interface Message {
  /** Plain fallback for notifications and screen readers. */
  readonly text: string;
  readonly blocks: KnownBlock[];
}

/** Slack's own posting options: lists never unfurl, so a message is not buried under video previews. */
export const NO_UNFURL = { unfurl_links: false, unfurl_media: false } as const;
