import type { HomeView, KnownBlock } from '@slack/types';
import type { Answer } from '../bot/answer.ts';
import type { Catalogue, Talk, Topic } from '../catalogue/model.ts';
import type { Language } from '../catalogue/vocabulary.ts';
import type { NextRun } from '../digest/commands.ts';
import type { PersonalStatus } from '../digest/personal-commands.ts';
import { buttonRows, renderAnswer } from './answer.ts';
import { dismissButton, topicChoice, topicMenu } from './controls.ts';
import { ACTIONS, encodeMore } from './ids.ts';
import { messages } from './messages.ts';
import { renderPersonalHome } from './personal.ts';
import { editionName, renderListedTalk } from './talk.ts';
import { LIMITS, section, truncate } from './text.ts';

/** When the weekly digest goes out next; null when no channel subscribed. */
export type NextDigest = NextRun | null;

export interface HomeContext {
  readonly language: Language;
  readonly catalogue: Pick<Catalogue, 'topicById' | 'topics' | 'editions' | 'talks'>;
  readonly topics: readonly { readonly topic: Topic; readonly count: number }[];
  /** Absent when the bot runs without the digest: the Home tab then does not mention it. */
  readonly digest?: NextDigest | undefined;
  /** What this person follows for their weekly DM; absent without the digest. */
  readonly personal?: PersonalStatus | undefined;
  /** What a Browse button asked for; a Home tab has no response_url, so results live in the view. */
  readonly results?: Answer | undefined;
  /** Now: the week whose talk the tab features. */
  readonly now: Date;
}

/** The kinds of event the catalogue holds, newest first, each named once: "KubeCon EU, KCD France". */
function eventNames(editions: Catalogue['editions']): string {
  return [...new Set(editions.map((edition) => edition.event))].join(', ');
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
      dismissButton(ctx.language),
    ],
  };
  return [...blocks, controls, { type: 'divider' }];
}

const DAY_MS = 86_400_000;

/** One number per ISO week (Monday to Sunday, UTC), one more each week: 1970-01-01 was a Thursday. */
function weekIndex(at: Date): number {
  return Math.floor((Math.floor(at.getTime() / DAY_MS) + 3) / 7);
}

/**
 * This week's talk: one with a video, the same all week for everyone, and the next one in
 * the catalogue the week after, so every recorded talk comes round before any comes back.
 */
export function featuredTalk(talks: readonly Talk[], at: Date): Talk | undefined {
  const recorded = talks.filter((talk) => talk.video !== null);
  return recorded.length === 0 ? undefined : recorded[weekIndex(at) % recorded.length];
}

/**
 * The App Home tab, content first: this week's talk, the editions and the topics to browse,
 * then two lines of how-to and the next digest. The results of the last Browse click go
 * above it all, as a Home tab has nowhere else to show them.
 */
export function renderHome(ctx: HomeContext): HomeView {
  const { language, catalogue } = ctx;
  const m = messages(language);
  const recorded = catalogue.talks.filter((talk) => talk.video !== null).length;

  const top: KnownBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: truncate(m.home.header, LIMITS.header), emoji: true } },
    {
      type: 'context',
      elements: [{ type: 'mrkdwn', text: m.home.intro(catalogue.talks.length, recorded, eventNames(catalogue.editions)) }],
    },
  ];
  const rest: KnownBlock[] = [];
  const featured = featuredTalk(catalogue.talks, ctx.now);
  if (featured) {
    // Its own block id: the same talk may also be in the results above, and Slack refuses a view with two alike.
    rest.push(section(`*${m.home.featured}*`), { ...renderListedTalk(featured, language), block_id: 'home-featured' }, { type: 'divider' });
  }
  const talksOf = (editionId: string) => catalogue.talks.filter((talk) => talk.edition.id === editionId).length;
  rest.push(
    section(`*${m.home.browseEditions}*`),
    ...buttonRows(
      ACTIONS.showEdition,
      catalogue.editions.map((e) => ({ label: `${editionName(e)} (${talksOf(e.id)})`, value: String(e.year) })),
      'home-editions',
    ),
  );
  const menu = topicMenu(
    ctx.topics.map(({ topic, count }) => topicChoice(topic, count, language)),
    language,
  );
  if (menu)
    rest.push({ type: 'section', block_id: 'home-topics', text: { type: 'mrkdwn', text: `*${m.home.browseTopics}*` }, accessory: menu });
  if (ctx.personal) rest.push({ type: 'divider' }, ...renderPersonalHome(ctx.personal, language, catalogue));
  rest.push({ type: 'divider' }, section(`*${m.home.howToUse}*\n${m.home.howTo}`));
  if (ctx.digest !== undefined) {
    const digest = ctx.digest === null ? m.home.noDigest : `🗞 ${m.home.nextDigest(slackDate(ctx.digest.at), ctx.digest.channels)}`;
    rest.push({ type: 'context', elements: [{ type: 'mrkdwn', text: digest }] });
  }

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
