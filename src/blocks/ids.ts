import { LIMITS } from './text.ts';

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

/**
 * Always fits in a button value: JSON writes a control character as six, so a command full of
 * them was cut at Slack's limit and could not be read back, and "More results" did nothing.
 */
export function encodeMore(value: MoreValue): string {
  let command = value.command.slice(0, MAX_COMMAND);
  let encoded = JSON.stringify({ c: command, p: value.page });
  while (encoded.length > LIMITS.buttonValue) {
    command = command.slice(0, Math.floor(command.length * 0.8));
    encoded = JSON.stringify({ c: command, p: value.page });
  }
  return encoded;
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
