/** Action ids the app's listeners and manifest rely on; one place so they cannot drift. */
export const ACTIONS = {
  shareTalk: 'share_talk',
  moreResults: 'more_results',
  dismiss: 'dismiss',
  showTopic: 'show_topic',
  showEdition: 'show_edition',
  randomTalk: 'random_talk',
  watchVideo: 'watch_video',
  openArticle: 'open_article',
} as const;

export type ActionId = (typeof ACTIONS)[keyof typeof ACTIONS];

/** The value of a "More results" button: enough to run the same command again. */
export interface MoreValue {
  readonly command: string;
  readonly page: number;
}

const MAX_COMMAND = 1500;

export function encodeMore(value: MoreValue): string {
  return JSON.stringify({ c: value.command.slice(0, MAX_COMMAND), p: value.page });
}

export function decodeMore(raw: string): MoreValue | undefined {
  try {
    const parsed = JSON.parse(raw) as { c?: unknown; p?: unknown };
    if (typeof parsed.c === 'string' && Number.isInteger(parsed.p) && (parsed.p as number) >= 0 && (parsed.p as number) < 1000) {
      return { command: parsed.c, page: parsed.p as number };
    }
  } catch {
    // A value we did not write: the caller treats it as unknown.
  }
  return undefined;
}
