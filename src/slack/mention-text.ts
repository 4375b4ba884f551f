/** Greetings and politeness around a request to the bot, in both languages. */
const LEADING = /^(?:(?:hey|hi|hello|yo|salut|bonjour|coucou|please|pls|stp|svp|dis|say)\b[\s,:;!.-]*)+/i;
const ABOUT =
  /^(?:(?:and\s+)?(?:what|how)\s+about|tell\s+me\s+about|any(?:thing)?\s+(?:talks?\s+)?(?:about|on)|et|quid\s+de|parle[- ]moi\s+de)\s+/i;
/** Checked against the last few characters only: see withoutTrailing. */
const POLITE_END = /[\s,](?:please|pls|thanks|thank\s+you|merci|stp|svp)$/i;
const CLOSING = /[\s?!.]/;
const SEPARATOR = /[\s,]/;

/**
 * Drops closing punctuation and a trailing "please" or "thanks", scanning back from the end.
 * A regex ending in `$` (such as /[\s?!.]*$/) is tried from every position, so its cost grows
 * with the square of a long run of "?": a 40,000-character message blocked the process for 4 s.
 */
function withoutTrailing(text: string): string {
  let end = text.length;
  const skip = (chars: RegExp) => {
    while (end > 0 && chars.test(text[end - 1]!)) end -= 1;
  };
  skip(CLOSING);
  const polite = POLITE_END.exec(text.slice(Math.max(0, end - 16), end));
  if (polite) {
    end -= polite[0].length;
    skip(SEPARATOR);
  }
  return text.slice(0, end);
}

/**
 * The command in a mention or a direct message: "@kubecon hey, what about prometheus?"
 * asks for "prometheus", "@kubecon topics please" for "topics". Slack escapes `&`, `<`
 * and `>` in message text; they are decoded once the mentions are gone, so the rest reads
 * like what a slash command receives. A bare "?" becomes empty, which asks for help too.
 */
export function commandTextFromMessage(text: string, botUserId?: string): string {
  const withoutMention =
    botUserId === undefined
      ? text.replace(/^\s*<@[A-Z0-9]+(?:\|[^<>]*)?>/, ' ')
      : text.replaceAll(new RegExp(`<@${botUserId}(?:\\|[^<>]*)?>`, 'g'), ' ');
  const plain = withoutMention.replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&amp;', '&');
  const trimmed = plain
    .replace(/\s+/g, ' ')
    .replace(/^[\s,:;.!-]+/, '')
    .trim();
  return withoutTrailing(trimmed.replace(LEADING, '').replace(ABOUT, '')).trim();
}
