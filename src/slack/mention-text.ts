/** Greetings and politeness around a request to the bot, in both languages. */
const LEADING = /^(?:(?:hey|hi|hello|yo|salut|bonjour|coucou|please|pls|stp|svp|dis|say)\b[\s,:;!.-]*)+/i;
const ABOUT = /^(?:(?:and\s+)?(?:what|how)\s+about|tell\s+me\s+about|any(?:thing)?\s+(?:talks?\s+)?(?:about|on)|et|quid\s+de|parle[- ]moi\s+de)\s+/i;
const TRAILING = /(?:[\s,]+(?:please|pls|thanks|thank\s+you|merci|stp|svp))?[\s?!.]*$/i;

/**
 * The command in a mention or a direct message: "@kubecon hey, what about prometheus?"
 * asks for "prometheus", "@kubecon topics please" for "topics". Slack escapes `&`, `<`
 * and `>` in message text; they are decoded once the mentions are gone, so the rest reads
 * like what a slash command receives. A bare "?" becomes empty, which asks for help too.
 */
export function commandTextFromMessage(text: string, botUserId?: string): string {
  const withoutMention =
    botUserId === undefined
      ? text.replace(/^\s*<@[A-Z0-9]+(?:\|[^>]*)?>/, ' ')
      : text.replaceAll(new RegExp(`<@${botUserId}(?:\\|[^>]*)?>`, 'g'), ' ');
  const plain = withoutMention.replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&amp;', '&');
  const trimmed = plain.replace(/\s+/g, ' ').replace(/^[\s,:;.!-]+/, '').trim();
  return trimmed.replace(LEADING, '').replace(ABOUT, '').replace(TRAILING, '').trim();
}
