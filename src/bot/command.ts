import { meaningfulWords } from '../search/query.ts';

/** What the user asked the bot, from the text after `/kubecon` or a mention. */
export type Command =
  | { readonly kind: 'help' }
  | { readonly kind: 'topics' }
  | { readonly kind: 'topic'; readonly name: string }
  | { readonly kind: 'random' }
  | { readonly kind: 'edition'; readonly year: string }
  | { readonly kind: 'takeaways'; readonly year?: string | undefined }
  /** The team's position on a technology or topic over the editions; without one, where it stands today. */
  | { readonly kind: 'radar'; readonly subject?: string | undefined }
  | { readonly kind: 'digest'; readonly action: DigestAction }
  /** A person's weekly DM: `names` are the topics as typed, empty for `following`. */
  | { readonly kind: 'follow'; readonly action: FollowAction; readonly names: string }
  | { readonly kind: 'search'; readonly query: string };

/** Longer questions are cut, by every door: nobody types more, and searching pages of text costs time. */
export const MAX_QUESTION = 500;

export const DIGEST_ACTIONS = ['subscribe', 'unsubscribe', 'status', 'preview'] as const;
export type DigestAction = (typeof DIGEST_ACTIONS)[number];
export type FollowAction = 'follow' | 'unfollow' | 'following' | 'snooze' | 'resume';

/** The words that start a follow command, longest first, in both languages, as meaningfulWords folds them. */
const FOLLOW_WORDS: readonly (readonly [string, FollowAction])[] = [
  ['stop following', 'unfollow'],
  ['ne plus suivre', 'unfollow'],
  ['arreter de suivre', 'unfollow'],
  ['plus suivre', 'unfollow'],
  ['unfollow', 'unfollow'],
  ['what am i following', 'following'],
  ['what do i follow', 'following'],
  ['following', 'following'],
  ['my topics', 'following'],
  ['mes sujets', 'following'],
  ['mes themes', 'following'],
  ['mes suivis', 'following'],
  ['suivis', 'following'],
  ['follow', 'follow'],
  ['suivre', 'follow'],
  ['snooze', 'snooze'],
  ['pause', 'snooze'],
  ['resume', 'resume'],
  ['reprendre', 'resume'],
];
/** Actions that take no topic: with words after them, the text is a search ("following kubernetes"). */
const BARE: ReadonlySet<FollowAction> = new Set(['following', 'snooze', 'resume']);
/** What people put before asking a bot something: "can you", "i want to", "je veux", "also". */
const INTENT = new Set(
  'can could would will you u i want wanna to like d id also just je j veux voudrais aimerais tu peux pourrais aussi vous pouvez'.split(
    ' ',
  ),
);
const CHANNEL_MENTION = /<#[A-Z0-9]+\|([^>]*)>/g;

/** A follow command, wherever people put it after a few words of intent ("can you follow security"). */
function followCommand(typed: string): Command | undefined {
  // "#security" reaches us as <#C123|security> when a channel has that name: here it names a topic.
  const text = typed.replace(CHANNEL_MENTION, '$1');
  const words = meaningfulWords(text);
  let start = 0;
  while (start < Math.min(words.length, 5) && INTENT.has(words[start]!)) start += 1;
  const joined = words.slice(start).join(' ');
  for (const [phrase, action] of FOLLOW_WORDS) {
    if (joined !== phrase && !joined.startsWith(`${phrase} `)) continue;
    const names = asTyped(text, phrase.split(' ').at(-1)!);
    if (BARE.has(action) && names !== '') return undefined;
    // "follow" alone asks what one follows.
    return { kind: 'follow', action: action === 'follow' && names === '' ? 'following' : action, names };
  }
  return undefined;
}

/** Each subcommand and the words, in both languages, that ask for it. */
const KEYWORDS = {
  help: ['help', 'aide', '?', 'usage'],
  topics: ['topics', 'topic', 'sujets', 'sujet', 'themes', 'theme'],
  random: ['random', 'hasard', 'surprise', 'surprise me', 'au hasard', 'aleatoire'],
  edition: ['edition', 'year', 'annee'],
  takeaways: ['takeaways', 'takeaway', 'conclusions', 'conclusion', 'bilan', 'lessons'],
  digest: ['digest', 'newsletter'],
  radar: ['radar'],
} as const;

const DIGEST_WORDS: Record<string, DigestAction> = {
  subscribe: 'subscribe',
  abonner: 'subscribe',
  on: 'subscribe',
  unsubscribe: 'unsubscribe',
  desabonner: 'unsubscribe',
  off: 'unsubscribe',
  status: 'status',
  statut: 'status',
  etat: 'status',
  preview: 'preview',
  apercu: 'preview',
  next: 'preview',
};

function is(word: string, kind: keyof typeof KEYWORDS): boolean {
  return (KEYWORDS[kind] as readonly string[]).includes(word);
}

/** The words after the subcommand word as the user typed them (accents kept), politeness left out. */
function asTyped(text: string, subcommand: string): string {
  const tokens = text.split(' ');
  const at = tokens.findIndex((token) => meaningfulWords(token)[0] === subcommand);
  return tokens
    .slice(at + 1)
    .filter((token) => meaningfulWords(token).length > 0)
    .join(' ');
}

/** `topic:security prometheus` starts with a filter: a search, not the `topic` subcommand. */
const LEADING_FILTER = /^[^\s:]+\s*:/;

/**
 * Unknown words are a query, never an error: only a subcommand word at the start changes
 * the meaning, so "topics" (or "topics pls 🙏") lists topics but "topics about costs"
 * still searches. Politeness and Slack markup are read past, as the search reads past them.
 */
export function parseCommand(text: string): Command {
  const trimmed = text.replace(/\s+/g, ' ').trim();
  const words = meaningfulWords(trimmed);
  const [first = '', ...rest] = words;
  const subcommand = !LEADING_FILTER.test(trimmed);

  if (words.length === 0 || trimmed === '?' || (is(first, 'help') && rest.length === 0)) return { kind: 'help' };
  // Before filters: "follow: security" and "follow :lock: security" are follow commands, not `follow:` filters.
  const follow = followCommand(trimmed);
  if (follow) return follow;
  if (!subcommand) return { kind: 'search', query: trimmed };
  if (is(first, 'topics') && rest.length === 0) return { kind: 'topics' };
  if ((first === 'topic' || first === 'sujet' || first === 'theme') && rest.length > 0)
    return { kind: 'topic', name: asTyped(trimmed, first) };
  if (KEYWORDS.random.includes(words.join(' ') as never)) return { kind: 'random' };
  // "edition 2024", "edition kcd", "edition paris 2023": a year, a city, an event, or several that narrow.
  if (is(first, 'edition') && rest.length >= 1 && rest.length <= 3) return { kind: 'edition', year: rest.join(' ') };
  if (is(first, 'takeaways') && rest.length <= 1) return { kind: 'takeaways', year: rest[0] };
  if (is(first, 'radar')) return { kind: 'radar', subject: rest.length === 0 ? undefined : asTyped(trimmed, first) };
  if (is(first, 'digest')) {
    const action = rest.length === 0 ? 'status' : rest.length === 1 ? DIGEST_WORDS[rest[0]!] : undefined;
    if (action) return { kind: 'digest', action };
  }
  return { kind: 'search', query: trimmed };
}
