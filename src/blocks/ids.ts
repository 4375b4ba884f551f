import { LIMITS } from './text.ts';

/** Action ids the app's listeners and manifest rely on; one place so they cannot drift. */
export const ACTIONS = {
  shareTalk: 'share_talk',
  moreResults: 'more_results',
  dismiss: 'dismiss',
  showTopic: 'show_topic',
  /** The topic menu: a select whose chosen option is the topic id. */
  pickTopic: 'pick_topic',
  showEdition: 'show_edition',
  randomTalk: 'random_talk',
  watchVideo: 'watch_video',
  openArticle: 'open_article',
  rateUp: 'rate_up',
  rateDown: 'rate_down',
  /** A person's weekly DM: in every DM, in the Home tab. */
  snoozeDigest: 'digest_snooze',
  resumeDigest: 'digest_resume',
  stopDigest: 'digest_stop',
  /** The Home tab's menu of followed topics: its selection is what the person follows. */
  followTopics: 'follow_topics',
} as const;

export type ActionId = (typeof ACTIONS)[keyof typeof ACTIONS];

/** The value of a "More results" button: enough to run the same command again. */
export interface MoreValue {
  readonly command: string;
  readonly page: number;
  /** Where Share posts, for an answer about one message (the message shortcut): that message's thread. */
  readonly thread?: ShareThread | undefined;
}

export interface ShareThread {
  readonly channel: string;
  readonly ts: string;
}

const THREAD = /^([CDG][A-Z0-9]{1,20})\/(\d{1,12}\.\d{1,9})$/;

const MAX_COMMAND = 1500;

/**
 * Always fits in a button value: JSON writes a control character as six, so a command full of
 * them was cut at Slack's limit and could not be read back, and "More results" did nothing.
 */
export function encodeMore(value: MoreValue): string {
  const thread = value.thread === undefined ? {} : { h: `${value.thread.channel}/${value.thread.ts}` };
  let command = value.command.slice(0, MAX_COMMAND);
  let encoded = JSON.stringify({ c: command, p: value.page, ...thread });
  while (encoded.length > LIMITS.buttonValue) {
    command = command.slice(0, Math.floor(command.length * 0.8));
    encoded = JSON.stringify({ c: command, p: value.page, ...thread });
  }
  return encoded;
}

export function decodeMore(raw: string): MoreValue | undefined {
  try {
    const parsed = JSON.parse(raw) as { c?: unknown; p?: unknown; h?: unknown };
    if (typeof parsed.c === 'string' && Number.isInteger(parsed.p) && (parsed.p as number) >= 0 && (parsed.p as number) < 1000) {
      const thread = typeof parsed.h === 'string' ? THREAD.exec(parsed.h) : null;
      return { command: parsed.c, page: parsed.p as number, ...(thread ? { thread: { channel: thread[1]!, ts: thread[2]! } } : {}) };
    }
  } catch {
    // A value we did not write: the caller treats it as unknown.
  }
  return undefined;
}

/**
 * The value of a talk's "Share" button in a list: the talk, and the list it sits in (its
 * command, page, and the talks already shared from it), so that after sharing, the same list
 * is drawn again with that talk marked shared instead of being thrown away.
 */
export interface ShareValue {
  readonly talk: string;
  readonly list?: MoreValue & { readonly shared: readonly string[] };
}

export function encodeShare({ talk, list }: ShareValue): string {
  if (list === undefined) return talk;
  const more = JSON.parse(encodeMore(list)) as { c: string; p: number; h?: string };
  const encoded = JSON.stringify({ t: talk, c: more.c, p: more.p, ...(more.h ? { h: more.h } : {}), s: list.shared });
  // A list too long to carry still shares the talk; only the list is not drawn again.
  return encoded.length <= LIMITS.buttonValue ? encoded : talk;
}

export function decodeShare(raw: string): ShareValue {
  if (!raw.startsWith('{')) return { talk: raw };
  try {
    const parsed = JSON.parse(raw) as { t?: unknown; s?: unknown };
    const list = decodeMore(raw);
    const shared = Array.isArray(parsed.s) ? parsed.s.filter((id): id is string => typeof id === 'string').slice(0, 50) : [];
    if (typeof parsed.t === 'string') return { talk: parsed.t, ...(list ? { list: { ...list, shared } } : {}) };
  } catch {
    // A value we did not write: an unknown talk, which the listener ignores.
  }
  return { talk: '' };
}

/** The value of 👍 and 👎 under an answer: its kind and the talks it showed, what the counts are kept by. */
export interface RatingValue {
  readonly kind: string;
  readonly talks: readonly string[];
}

export function encodeRating({ kind, talks }: RatingValue): string {
  return JSON.stringify({ k: kind, t: talks.slice(0, 20) }).slice(0, LIMITS.buttonValue);
}

export function decodeRating(raw: string): RatingValue | undefined {
  try {
    const parsed = JSON.parse(raw) as { k?: unknown; t?: unknown };
    if (typeof parsed.k !== 'string' || !/^[a-z-]{1,20}$/.test(parsed.k) || !Array.isArray(parsed.t)) return undefined;
    return { kind: parsed.k, talks: parsed.t.filter((id): id is string => typeof id === 'string' && id.length <= 100).slice(0, 20) };
  } catch {
    return undefined;
  }
}
