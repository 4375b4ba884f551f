import type { HomeView, KnownBlock } from '@slack/types';
import type { Answer } from '../bot/answer.ts';
import type { Catalogue, Topic } from '../catalogue/model.ts';
import type { Language } from '../catalogue/schema.ts';
import type { NextRun } from '../digest/commands.ts';
import { buttonRows, renderAnswer } from './answer.ts';
import { ACTIONS, encodeMore } from './ids.ts';
import { messages } from './messages.ts';
import { escapeText, LIMITS, truncate } from './text.ts';

/** When the weekly digest goes out next; null when no channel subscribed. */
export type NextDigest = NextRun | null;

export interface HomeContext {
  readonly language: Language;
  readonly catalogue: Pick<Catalogue, 'topicById' | 'editions' | 'talks'>;
  readonly topics: readonly { readonly topic: Topic; readonly count: number }[];
  /** Absent when the bot runs without the digest: the Home tab then does not mention it. */
  readonly digest?: NextDigest | undefined;
  /** What a Browse button asked for; a Home tab has no response_url, so results live in the view. */
  readonly results?: Answer | undefined;
}

function section(text: string): KnownBlock {
  return { type: 'section', text: { type: 'mrkdwn', text: truncate(text, LIMITS.sectionText) } };
}

/** Slack renders `<!date>` in each reader's own time zone and language; the fallback is for old clients. */
function slackDate(at: Date): string {
  const seconds = Math.floor(at.getTime() / 1000);
  return `<!date^${seconds}^{date_long_pretty} {time}|${at.toISOString().replace('T', ' ').slice(0, 16)} UTC>`;
}

function resultBlocks(results: Answer, ctx: HomeContext): KnownBlock[] {
  const m = messages(ctx.language);
  // The list's own More row is for messages; the Home tab has its own, with Dismiss.
  const blocks = renderAnswer(results, { language: ctx.language, catalogue: ctx.catalogue, ephemeral: false }).blocks.filter(
    (block) => block.block_id !== 'controls',
  );
  const controls: KnownBlock = {
    type: 'actions',
    block_id: 'home-results',
    elements: [
      ...(results.kind === 'talks' && results.hasMore
        ? [
            {
              type: 'button' as const,
              action_id: ACTIONS.moreResults,
              text: { type: 'plain_text' as const, text: m.more },
              value: encodeMore({ command: results.commandText, page: results.page + 1 }),
              style: 'primary' as const,
            },
          ]
        : []),
      { type: 'button', action_id: ACTIONS.dismiss, text: { type: 'plain_text', text: m.dismiss }, value: 'dismiss' },
    ],
  };
  return [...blocks, controls, { type: 'divider' }];
}

/**
 * The App Home tab: what the bot does, how to use it, buttons to browse by edition and
 * topic, the next digest, and the results of the last Browse button above all that.
 */
export function renderHome(ctx: HomeContext): HomeView {
  const { language, catalogue } = ctx;
  const m = messages(language);
  const usage = m.help.commands.map(([command, meaning]) => `• \`${escapeText(command)}\`: ${meaning}`).join('\n');

  const top: KnownBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: truncate(m.home.header, LIMITS.header), emoji: true } },
    section(m.home.intro(catalogue.talks.length, catalogue.editions.length)),
  ];
  const rest: KnownBlock[] = [
    section(`*${m.home.howToUse}*\n${usage}`),
    { type: 'context', elements: [{ type: 'mrkdwn', text: m.help.mentions }] },
  ];
  if (ctx.digest !== undefined) {
    rest.push(section(ctx.digest === null ? m.home.noDigest : `🗞 ${m.home.nextDigest(slackDate(ctx.digest.at), ctx.digest.channels)}`));
  }
  rest.push(
    { type: 'divider' },
    section(`*${m.home.browseEditions}*`),
    ...buttonRows(
      ACTIONS.showEdition,
      catalogue.editions.map((e) => ({ label: `${e.year} · ${e.city}`, value: String(e.year) })),
      'home-editions',
    ),
    section(`*${m.home.browseTopics}*`),
    ...buttonRows(
      ACTIONS.showTopic,
      ctx.topics.map(({ topic, count }) => ({ label: `${topic.label[language]} (${count})`, value: topic.id })),
      'home-topics',
    ),
  );

  // The results give way first: the way to browse must always fit in Slack's 100 blocks.
  const fixed = top.length + rest.length;
  let results = ctx.results ? resultBlocks(ctx.results, ctx) : [];
  if (fixed + results.length > LIMITS.blocksPerView) {
    const controls = results.slice(-2);
    results = [...results.slice(0, Math.max(0, LIMITS.blocksPerView - fixed - controls.length)), ...controls];
  }
  const blocks = [...top, ...results, ...rest].slice(0, LIMITS.blocksPerView);
  return { type: 'home', blocks };
}
