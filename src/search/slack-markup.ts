/**
 * Stage 1 of the query pipeline: what Slack wraps around the words people type. Mentions,
 * channel links and broadcasts name nobody's subject; a link keeps its label, since
 * "<https://cilium.io|Cilium>" is about Cilium; emoji and :shortcodes: carry no subject.
 * A fenced code block (a pasted log, a manifest, a stack trace in an incident thread) is
 * flags and paths, not the question: it goes too. `inline code` stays, as "`kubectl debug`"
 * is what someone asks about.
 */
const CODE_BLOCK = /```[\s\S]*?(?:```|$)/g;
const MENTION = /<[@#!][^<>]*>/g;
const LABELLED_LINK = /<[a-z][a-z0-9+.-]*:[^<>|]*\|([^<>]*)>/gi;
const LINK = /<[a-z][a-z0-9+.-]*:[^<>]*>/gi;
const BARE_URL = /\bhttps?:\/\/\S+/gi;
const SHORTCODE = /:[a-z0-9_+'-]+:/gi;
const EMOJI = /\p{Extended_Pictographic}|\p{Emoji_Modifier}|\p{Regional_Indicator}|\u200d|\ufe0f|\u20e3/gu;

export function stripSlackMarkup(text: string): string {
  return text
    .replace(CODE_BLOCK, ' ')
    .replace(MENTION, ' ')
    .replace(LABELLED_LINK, ' $1 ')
    .replace(LINK, ' ')
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&amp;', '&')
    .replace(BARE_URL, ' ')
    .replace(SHORTCODE, ' ')
    .replace(EMOJI, ' ');
}
