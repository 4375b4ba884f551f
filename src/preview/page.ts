import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AnyBlock } from '@slack/types';
import { createElement, type ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { type Block, Message } from 'slack-blocks-to-jsx';

/** One thing Slack would draw: a message (ephemeral or posted) or a Home tab. */
export interface Surface {
  readonly kind: 'ephemeral' | 'message' | 'home';
  /** What the page says this is, above the drawing: "/kubecon autoscaling", "Home tab". */
  readonly label: string;
  readonly blocks: readonly AnyBlock[];
}

/** Names the users that `<@U…>` mentions in the surfaces stand for. */
export interface PageOptions {
  readonly title: string;
  readonly language: string;
  readonly users?: readonly { readonly id: string; readonly name: string }[];
  /** The message time shown beside the bot's name; fixed in tests. */
  readonly time?: Date;
}

/** The renderer skipped a block or an element it does not know: the page would not show what Slack shows. */
export class PreviewRenderError extends Error {
  override readonly name = 'PreviewRenderError';
}

const BOT_NAME = 'kubecon';
// An avatar of our own, inline: the renderer draws one beside every message, and an empty src reloads the page.
const LOGO = `data:image/svg+xml,${encodeURIComponent(
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 36 36"><rect width="36" height="36" rx="6" fill="#326ce5"/>' +
    '<text x="18" y="25" font-family="sans-serif" font-size="20" font-weight="bold" fill="#fff" text-anchor="middle">K</text></svg>',
)}`;

const require = createRequire(import.meta.url);
let css: string | undefined;
/** The renderer's own stylesheet (Slack's fonts, sizes and colours), inlined so the page stands alone. */
function rendererCss(): string {
  css ??= readFileSync(require.resolve('slack-blocks-to-jsx/dist/style.css'), 'utf8');
  return css;
}

const WRAPPER = 'slack_blocks_to_jsx--block_wrapper';

function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
}

function drawSurface(surface: Surface, options: PageOptions): string {
  const props = {
    blocks: surface.blocks as unknown as Block[],
    logo: LOGO,
    name: BOT_NAME,
    theme: 'light' as const,
    time: options.time ?? new Date(),
    data: { users: [...(options.users ?? [])], channels: [], user_groups: [] },
    // A Home tab is a page of its own, with no avatar nor name above it.
    withoutWrapper: surface.kind === 'home',
  };
  const html = renderToStaticMarkup(createElement(Message, props) as ReactElement);
  // The renderer draws an unknown block as nothing at all, silently: count what it drew.
  const drawn = html.split(WRAPPER).length - 1;
  if (drawn !== surface.blocks.length) {
    const types = [...new Set(surface.blocks.map((block) => block.type))].join(', ');
    throw new PreviewRenderError(`${surface.label}: the renderer drew ${drawn} of ${surface.blocks.length} blocks (types: ${types})`);
  }
  return html;
}

/** Slack's words above a private answer, in the reader's language. */
const ONLY_YOU: Record<string, string> = { en: 'Only visible to you', fr: 'Visible uniquement par vous' };

const PAGE_CSS = `
body { margin: 0; padding: 24px; background: #f8f8f8; font-family: Lato, Slack-Lato, "Helvetica Neue", Helvetica, Arial, sans-serif; }
.preview-surface { max-width: 640px; margin: 0 0 32px; background: #fff; border: 1px solid #ddd; border-radius: 8px; padding: 12px 16px; }
.preview-label { margin: 0 0 8px; font-size: 13px; color: #616061; font-family: Menlo, Consolas, monospace; }
.preview-ephemeral { font-size: 13px; color: #616061; margin: 0 0 6px 44px; }
`;

/** A whole HTML page drawing each surface the way Slack would, with the renderer's stylesheet inlined. */
export function renderPage(surfaces: readonly Surface[], options: PageOptions): string {
  const body = surfaces
    .map((surface) => {
      // Slack marks a private answer above it; the bot's name and avatar follow.
      const ephemeral =
        surface.kind === 'ephemeral' ? `<p class="preview-ephemeral">👁 ${ONLY_YOU[options.language] ?? ONLY_YOU.en}</p>` : '';
      return (
        `<section class="preview-surface" data-kind="${surface.kind}">` +
        `<p class="preview-label">${escapeHtml(surface.label)}</p>${ephemeral}${drawSurface(surface, options)}</section>`
      );
    })
    .join('\n');
  return `<!doctype html>
<html lang="${escapeHtml(options.language)}">
<head>
<meta charset="utf-8">
<title>${escapeHtml(options.title)}</title>
<style>${rendererCss()}</style>
<style>${PAGE_CSS}</style>
</head>
<body>
${body}
</body>
</html>
`;
}
