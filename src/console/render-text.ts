import type { KnownBlock } from '@slack/types';
import type { Message } from '../blocks/message.ts';

/** Slack mrkdwn to terminal text: bold and italic marks dropped, links become "label (url)", escapes undone. */
export function mrkdwnToText(text: string): string {
  return (
    text
      // A link inside bold text may hold `_` or `*` in its URL: links count as one piece.
      .replace(/(^|[\s(])([*_])((?:<[^<>]*>|[^*_\n<])+)\2(?=[\s).,:;!?]|$)/gm, '$1$3')
      .replace(/<([^|<>]+)\|([^<>]*)>/g, (_m, url: string, label: string) => `${label} (${url})`)
      .replace(/<(https?:[^<>]+)>/g, '$1')
      .replaceAll('&lt;', '<')
      .replaceAll('&gt;', '>')
      .replaceAll('&amp;', '&')
      .replaceAll('\u200B', '')
  );
}

type TextObject = { type: string; text: string };

function textOf(value: unknown): string {
  return value && typeof value === 'object' && 'text' in value ? mrkdwnToText((value as TextObject).text) : '';
}

function indent(text: string, prefix: string): string {
  return text
    .split('\n')
    .map((line) => `${prefix}${line}`)
    .join('\n');
}

/**
 * Renders the Block Kit the Slack app would post as plain text, so the local console
 * shows exactly the answers Slack users get, from the same builders.
 */
export function renderMessageAsText(message: Message): string {
  const lines: string[] = [];
  for (const block of message.blocks as KnownBlock[]) {
    switch (block.type) {
      case 'header':
        lines.push('', `== ${textOf(block.text)} ==`);
        break;
      case 'section': {
        if (block.text) lines.push(textOf(block.text));
        for (const field of block.fields ?? []) lines.push(textOf(field));
        const accessory = block.accessory;
        if (accessory?.type === 'button' && accessory.url) lines.push(`   [${textOf(accessory.text)}] ${accessory.url}`);
        break;
      }
      case 'context':
        lines.push(
          indent(
            block.elements
              .map((element) => textOf(element))
              .filter(Boolean)
              .join('\n'),
            '   ',
          ),
        );
        break;
      case 'divider':
        lines.push('');
        break;
      case 'actions':
        lines.push(
          block.elements
            .map((element) => (element.type === 'button' ? `[${textOf(element.text)}]${element.url ? ` ${element.url}` : ''}` : ''))
            .filter(Boolean)
            .join(' '),
        );
        break;
      default:
        break;
    }
  }
  return `${lines
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim()}\n`;
}
