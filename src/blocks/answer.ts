import type { ActionsBlock, Button, KnownBlock, StaticSelect } from '@slack/types';
import type { Answer, TalkSource } from '../bot/answer.ts';
import type { Catalogue, Topic } from '../catalogue/model.ts';
import type { Language } from '../catalogue/vocabulary.ts';
import { sourceLabel } from './article.ts';
import { controlsRow, ratingButtons, topicChoice, topicMenu } from './controls.ts';
import { renderDigestReply } from './digest.ts';
import { ACTIONS, encodeMore, encodeShare, type ShareThread } from './ids.ts';
import type { Message } from './message.ts';
import { messages } from './messages.ts';
import { renderFollowUnknown, renderPersonalReply } from './personal.ts';
import { renderRadarOverview, renderRadarTimeline } from './radar.ts';
import { editionName, renderListedTalk, topicLabeller } from './talk.ts';
import { context, escapeText, header, LIMITS, link, section, truncate } from './text.ts';

export interface RenderContext {
  readonly language: Language;
  readonly catalogue: Pick<Catalogue, 'topicById' | 'editions' | 'talks'>;
  /** Ephemeral previews get Share and Dismiss buttons; public posts only More, which pages in their thread. */
  readonly ephemeral: boolean;
  /** Talks of this list already shared from it: marked shared, without a Share button. */
  readonly shared?: readonly string[];
  /** The thread Share posts in, for an answer about one message. */
  readonly thread?: ShareThread | undefined;
}

const QUERY_ECHO_MAX = 120;

/** Up to this many suggested topics read best as buttons, one click each; more go in a menu. */
const FEW_TOPICS = 5;

function button(actionId: string, label: string, value: string, style?: 'primary' | 'danger'): Button {
  return {
    type: 'button',
    action_id: actionId,
    text: { type: 'plain_text', text: truncate(label, LIMITS.buttonText), emoji: true },
    value: value.slice(0, LIMITS.buttonValue),
    ...(style ? { style } : {}),
  };
}

/** Buttons in rows of at most 25; each action id is suffixed so it is unique in its block, as Slack requires. */
export function buttonRows(base: string, items: readonly { label: string; value: string }[], blockPrefix: string): ActionsBlock[] {
  const rows: ActionsBlock[] = [];
  for (let start = 0; start < items.length; start += LIMITS.actionsElements) {
    rows.push({
      type: 'actions',
      block_id: `${blockPrefix}:${start / LIMITS.actionsElements}`,
      elements: items.slice(start, start + LIMITS.actionsElements).map((item) => button(`${base}:${item.value}`, item.label, item.value)),
    });
  }
  return rows;
}

function sourceHeader(source: TalkSource, language: Language, label: (id: string) => string): string {
  const m = messages(language);
  switch (source.type) {
    case 'search':
      return m.resultsFor(truncate(source.query, QUERY_ECHO_MAX));
    case 'topic':
      return m.topicHeader(label(source.topic.id));
    case 'edition':
      return m.editionHeader(editionName(source.edition));
    case 'random':
      return m.randomHeader;
  }
}

function topicButtons(topics: readonly Topic[], language: Language, prefix: string): ActionsBlock[] {
  return buttonRows(
    ACTIONS.showTopic,
    topics.map((t) => ({ label: t.label[language], value: t.id })),
    prefix,
  );
}

/** The last row of an answer: its menu, if any, and Dismiss beside it when only the asker sees the answer. */
function closingRows(language: Language, ephemeral: boolean, menu: StaticSelect | undefined, blockId: string): ActionsBlock[] {
  if (ephemeral) return [controlsRow(language, menu ? [menu] : [])];
  return menu ? [{ type: 'actions', block_id: blockId, elements: [menu] }] : [];
}

/** Turns the bot's answer into a Block Kit message, within Slack's limits whatever the input. */
export function renderAnswer(answer: Answer, ctx: RenderContext): Message {
  const { language, catalogue, ephemeral } = ctx;
  const m = messages(language);
  const label = topicLabeller(catalogue, language);

  switch (answer.kind) {
    case 'help': {
      // `<anything>` unescaped would be read by Slack as a link, not shown as typed.
      const lines = m.help.commands.map(([command, meaning]) => m.help.line(`\`${escapeText(command)}\``, meaning));
      const editions = catalogue.editions.map((e) => escapeText(editionName(e))).join(', ');
      return {
        text: m.help.header,
        blocks: [
          header(m.help.header),
          section(m.help.intro(editions)),
          section(lines.join('\n')),
          context(m.help.mentions),
          ...closingRows(language, ephemeral, undefined, 'help'),
        ],
      };
    }
    case 'talks': {
      const title = sourceHeader(answer.source, language, label);
      const blocks: KnownBlock[] = [header(title)];
      if (answer.source.type === 'edition' && answer.source.others) {
        const others = answer.source.others.map((e) => `${escapeText(editionName(e))} (\`/kubecon edition ${e.year}\`)`);
        blocks.push(context(m.alsoEditions(others.join(', '))));
      }
      if (answer.total > answer.talks.length) {
        blocks.push(context(m.pageInfo(answer.offset + 1, answer.offset + answer.talks.length, answer.total)));
      }
      const shared = ctx.shared ?? [];
      const list = { command: answer.commandText, page: answer.page, shared, thread: ctx.thread };
      for (const talk of answer.talks) {
        const isShared = shared.includes(talk.id);
        const shareValue = ephemeral && !isShared ? encodeShare({ talk: talk.id, list }) : undefined;
        blocks.push(renderListedTalk(talk, language, { shareValue, shared: isShared }));
      }
      if (!answer.hasMore && answer.page > 0) blocks.push(context(m.thatWasAll(answer.total)));
      const controls: Button[] = [];
      if (answer.hasMore) {
        controls.push(
          button(
            ACTIONS.moreResults,
            m.more,
            encodeMore({ command: answer.commandText, page: answer.page + 1, thread: ctx.thread }),
            'primary',
          ),
        );
      }
      if (ephemeral && answer.source.type === 'random') controls.push(button(ACTIONS.randomTalk, m.anotherOne, 'random'));
      controls.push(...ratingButtons({ kind: answer.source.type, talks: answer.talks.map((talk) => talk.id) }));
      if (ephemeral) controls.push(button(ACTIONS.dismiss, m.dismiss, 'dismiss'));
      if (controls.length) blocks.push({ type: 'actions', block_id: 'controls', elements: controls });
      // The fallback text is mrkdwn, unlike the plain_text header: an echoed `<!channel>` there would ping.
      return { text: escapeText(`${title}: ${answer.talks.map((t) => t.title).join(' · ')}`), blocks };
    }
    case 'no-results': {
      const known = catalogue.editions.map((e) => escapeText(editionName(e))).join(', ');
      const lines = [
        answer.unknownTopic
          ? m.unknownTopic(escapeText(truncate(answer.unknownTopic, QUERY_ECHO_MAX)))
          : answer.unknownEdition
            ? m.unknownEdition(escapeText(truncate(answer.unknownEdition, QUERY_ECHO_MAX)), known)
            : m.noResults(escapeText(truncate(answer.query, QUERY_ECHO_MAX))),
      ];
      const blocks: KnownBlock[] = [section(lines.join('\n'))];
      const menu =
        answer.suggestions.length > FEW_TOPICS
          ? topicMenu(
              answer.suggestions.map((t) => ({ label: t.label[language], value: t.id })),
              language,
            )
          : undefined;
      if (answer.suggestions.length)
        blocks.push(section(m.tryTopics), ...(menu ? [] : topicButtons(answer.suggestions, language, 'suggest')));
      blocks.push(...closingRows(language, ephemeral, menu, 'suggest'));
      return { text: lines.join(' '), blocks };
    }
    case 'topics': {
      const items = answer.topics.map(({ topic, count }) => topicChoice(topic, count, language));
      return {
        text: `${m.topicsHeader}: ${items.map((i) => i.label).join(', ')}`,
        blocks: [
          header(m.topicsHeader),
          section(m.topicsIntro(catalogue.talks.length)),
          ...closingRows(language, ephemeral, topicMenu(items, language), 'topics'),
        ],
      };
    }
    case 'takeaways': {
      const year = answer.editions.length === 1 ? answer.editions[0]!.edition.year : undefined;
      const title = m.takeawaysHeader(year);
      const blocks: KnownBlock[] = [header(title)];
      if (answer.editions.length === 0) blocks.push(section(m.noTakeaways));
      for (const { edition, conclusions } of answer.editions) {
        blocks.push({ type: 'divider' }, section(`*${escapeText(editionName(edition))}*`));
        for (const conclusion of conclusions) {
          const points = conclusion.points.map((p) => `• ${escapeText(p[language])}`).join('\n');
          const source = sourceLabel(conclusion.article, conclusion.section, language);
          blocks.push(
            section(
              `*${escapeText(conclusion.theme[language])}*\n${escapeText(conclusion.summary[language])}${points ? `\n${points}` : ''}`,
            ),
            context(`📝 ${link(conclusion.sectionUrl, source)}`),
          );
        }
      }
      const rating = ratingButtons({ kind: 'takeaways', talks: [] });
      const closing = ephemeral ? [controlsRow(language, rating)] : [{ type: 'actions' as const, block_id: 'controls', elements: rating }];
      return { text: title, blocks: [...blocks.slice(0, LIMITS.blocksPerMessage - closing.length), ...closing] };
    }
    case 'radar':
      return renderRadarTimeline(answer.timeline, language, ephemeral);
    case 'radar-overview':
      return renderRadarOverview(answer.overview, language, ephemeral);
    case 'digest': {
      const reply = renderDigestReply(answer.reply, language, catalogue);
      return ephemeral ? { text: reply.text, blocks: [...reply.blocks, controlsRow(language)] } : reply;
    }
    case 'personal':
    case 'follow-unknown': {
      const reply =
        answer.kind === 'personal'
          ? renderPersonalReply(answer.reply, language, catalogue, answer.unknown)
          : renderFollowUnknown(answer.names, answer.suggestions, language);
      return ephemeral ? { text: reply.text, blocks: [...reply.blocks, controlsRow(language)] } : reply;
    }
    case 'digest-unavailable': {
      const text = answer.why === 'off' ? m.digestDisabled : answer.why === 'no-person' ? m.personal.onlyInSlack : m.digest.onlyInSlack;
      return { text, blocks: [section(text)] };
    }
  }
}
