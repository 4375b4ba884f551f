import type { KnownBlock } from '@slack/types';
/** Slack's Block Kit limits (see shared SLACK-NOTES): exceeding any one makes Slack reject the whole message. */
export const LIMITS = {
  blocksPerMessage: 50,
  blocksPerView: 100,
  sectionText: 3000,
  header: 150,
  buttonText: 75,
  buttonValue: 2000,
  url: 3000,
  contextElements: 10,
  actionsElements: 25,
  fallbackText: 3000,
} as const;

/**
 * Escapes the three characters Slack treats as markup, so echoed user text and catalogue
 * text can never ping `<!channel>` or a user, nor forge a link.
 */
export function escapeText(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

/**
 * Cuts at a word boundary and ends with an ellipsis. Counts UTF-16 units, which is never
 * fewer than the characters Slack counts, and never splits a surrogate pair or an escape.
 */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = text.slice(0, max - 1);
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  const space = cut.lastIndexOf(' ');
  if (space > max * 0.6) cut = cut.slice(0, space);
  cut = cut.replace(/&[a-z]{0,3}$/, '').trimEnd();
  return `${cut}…`;
}

/** A mrkdwn link whose label is escaped and cannot close the link early. */
export function link(url: string, label: string): string {
  return `<${url}|${escapeText(label).replaceAll('|', '¦')}>`;
}

/** Neutralises mrkdwn formatting characters in plain labels we wrap in *bold* or _italic_. */
export function plain(text: string): string {
  return escapeText(text).replace(/[*_~`]/g, (c) => `\u200B${c}`);
}

/** A header block, cut to Slack's limit. */
export function header(text: string): KnownBlock {
  return { type: 'header', text: { type: 'plain_text', text: truncate(text, LIMITS.header), emoji: true } };
}

/** A mrkdwn section, cut to Slack's limit. */
export function section(text: string): KnownBlock {
  return { type: 'section', text: { type: 'mrkdwn', text: truncate(text, LIMITS.sectionText) } };
}

/** A context line of mrkdwn, cut to Slack's limit. */
export function context(text: string): KnownBlock {
  return { type: 'context', elements: [{ type: 'mrkdwn', text: truncate(text, LIMITS.sectionText) }] };
}
