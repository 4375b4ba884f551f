import type { ActionsBlock, Button, KnownBlock, MultiStaticSelect } from '@slack/types';
import type { Catalogue, Topic } from '../catalogue/model.ts';
import type { Language } from '../catalogue/vocabulary.ts';
import type { PersonalReply, PersonalStatus } from '../digest/personal-commands.ts';
import type { DigestContent } from '../digest/plan.ts';
import { menuOption, SELECT } from './controls.ts';
import { digestMessage, formatSlot } from './digest.ts';
import { ACTIONS } from './ids.ts';
import type { Message } from './message.ts';
import { messages } from './messages.ts';
import { topicLabeller } from './talk.ts';
import { escapeText, LIMITS, section, truncate } from './text.ts';

/** Past this many, a list of topics names the first ones and counts the rest: "follow all" is 28. */
const LISTED = 6;

/** "Security, Observability and GitOps", each in bold; "Security, Costs, … and 22 more" for a long list. */
export function topicList(labels: readonly string[], language: Language): string {
  const m = messages(language).personal;
  const bold = labels.slice(0, LISTED).map((label) => `*${escapeText(label)}*`);
  if (labels.length > LISTED) return `${bold.join(', ')} ${m.and} ${m.more(labels.length - LISTED)}`;
  return bold.length <= 1 ? (bold[0] ?? '') : `${bold.slice(0, -1).join(', ')} ${m.and} ${bold.at(-1)}`;
}

const button = (action_id: string, text: string): Button => ({
  type: 'button',
  action_id,
  text: { type: 'plain_text', text: truncate(text, LIMITS.buttonText), emoji: true },
  value: action_id,
});

/** Snooze (or Resume while snoozed) and Stop: in every weekly DM, and in the Home tab. */
export function personalButtons(language: Language, snoozed: boolean): ActionsBlock {
  const m = messages(language).personal;
  return {
    type: 'actions',
    block_id: 'personal-digest',
    elements: [
      snoozed ? button(ACTIONS.resumeDigest, m.resume) : button(ACTIONS.snoozeDigest, m.snooze),
      // Stop drops every followed topic at once, so Slack asks first, as for any destructive button.
      {
        ...button(ACTIONS.stopDigest, m.stop),
        style: 'danger',
        confirm: {
          title: { type: 'plain_text', text: m.stopConfirm.title },
          text: { type: 'mrkdwn', text: m.stopConfirm.text },
          confirm: { type: 'plain_text', text: m.stopConfirm.confirm },
          deny: { type: 'plain_text', text: m.stopConfirm.deny },
          style: 'danger',
        },
      },
    ],
  };
}

/** Where the person stands, in sentences: what they follow (unless the reply said it already), the next DM in their own time zone. */
export function statusLines(
  status: PersonalStatus,
  language: Language,
  catalogue: Pick<Catalogue, 'topicById'>,
  { topics = true }: { topics?: boolean } = {},
): string[] {
  const m = messages(language).personal;
  if (status.topics.length === 0) return [m.nothing];
  const label = topicLabeller(catalogue, language);
  const lines = topics ? [m.following(topicList(status.topics.map(label), language))] : [];
  if (status.next) {
    const when = formatSlot(status.next.at, status.next.timezone, language);
    lines.push(status.snoozedUntil ? m.snoozedNext(when) : m.next(when));
  }
  return lines;
}

/** What `/kubecon follow`, `unfollow`, `following` and the DM's buttons answer, shown only to that person. */
export function renderPersonalReply(
  reply: PersonalReply,
  language: Language,
  catalogue: Pick<Catalogue, 'topicById'>,
  unknown: readonly string[] = [],
): Message {
  const m = messages(language).personal;
  const label = topicLabeller(catalogue, language);
  const list = (ids: readonly string[]) => topicList(ids.map(label), language);
  if (reply.kind === 'cannot-dm') return notice([m.cannotDm[reply.why](reply.reason)]);
  if (reply.kind === 'stopped') {
    const again = reply.was.length === catalogue.topicById.size ? 'all' : reply.was.join(', ');
    return notice([m.stopped(`/kubecon follow ${again}`)]);
  }
  const lines: string[] = [];
  let withTopics = true;
  switch (reply.kind) {
    case 'followed':
      if (reply.added.length > 0) {
        lines.push(m.followed(list(reply.status.topics)));
        withTopics = false;
      } else if (reply.already.length > 0) {
        lines.push(m.alreadyFollowed(list(reply.already)));
        withTopics = reply.already.length < reply.status.topics.length;
      }
      if (reply.guessedTimezone && reply.status.next) lines.push(m.guessedTimezone(reply.status.next.timezone));
      break;
    case 'unfollowed':
      if (reply.removed.length > 0) lines.push(m.unfollowed(list(reply.removed)));
      if (reply.notFollowed.length > 0) lines.push(m.notFollowed(list(reply.notFollowed)));
      break;
    case 'resumed':
      lines.push(m.resumed);
      break;
    case 'snoozed':
      if (reply.status.next) {
        const when = formatSlot(reply.status.next.at, reply.status.next.timezone, language);
        lines.push(reply.extended ? m.snoozeExtended(when) : m.snoozed(when));
        return withButtons(notice(lines), reply.status, language);
      }
      break;
    case 'following':
      break;
  }
  if (unknown.length > 0) lines.push(m.leftOut(quoted(unknown, language)));
  return withButtons(notice([...lines, ...statusLines(reply.status, language, catalogue, { topics: withTopics })]), reply.status, language);
}

/** Snooze (or Resume) and Stop under an answer about the DM, so that a snooze is undone where it was made. */
function withButtons(message: Message, status: PersonalStatus, language: Language): Message {
  if (status.topics.length === 0) return message;
  return { ...message, blocks: [...message.blocks, personalButtons(language, status.snoozedUntil !== undefined)] };
}

const quoted = (names: readonly string[], language: Language) =>
  names.map((name) => messages(language).personal.quote(escapeText(name))).join(', ');

/** A follow command naming no topic, or none at all: the topics closest to what was typed. */
export function renderFollowUnknown(names: readonly string[], suggestions: readonly Topic[], language: Language): Message {
  const m = messages(language).personal;
  if (names.length === 0) return notice([m.whichTopic]);
  return notice([
    m.unknownTopic(
      quoted(names, language),
      topicList(
        suggestions.map((topic) => topic.label[language]),
        language,
      ),
    ),
  ]);
}

function notice(lines: readonly string[]): Message {
  const text = lines.join('\n');
  return { text, blocks: [section(truncate(text, LIMITS.sectionText))] };
}

/** The Home tab's part: a menu whose selection is what the person follows, when the next DM comes, and the DM's buttons. */
export function renderPersonalHome(
  status: PersonalStatus,
  language: Language,
  catalogue: Pick<Catalogue, 'topics' | 'topicById'>,
): KnownBlock[] {
  const m = messages(language).personal;
  const option = (topic: Topic) => menuOption(topic.label[language], topic.id);
  const followed = catalogue.topics.filter((topic) => status.topics.includes(topic.id));
  const menu: MultiStaticSelect = {
    type: 'multi_static_select',
    action_id: ACTIONS.followTopics,
    placeholder: { type: 'plain_text', text: m.homeMenu, emoji: true },
    options: catalogue.topics.slice(0, SELECT.options).map(option),
    ...(followed.length > 0 && { initial_options: followed.map(option) }),
  };
  const lines = status.topics.length === 0 ? [m.homeNothing] : statusLines(status, language, catalogue);
  return [
    {
      type: 'section',
      block_id: 'personal-topics',
      text: { type: 'mrkdwn', text: `*${m.homeHeader}*\n${lines.join('\n')}` },
      accessory: menu,
    },
    ...(status.topics.length > 0 ? [personalButtons(language, status.snoozedUntil !== undefined)] : []),
  ];
}

/** A person's weekly DM: the digest's message, naming what they follow, with Snooze and Stop. */
export function renderPersonalDigest(content: DigestContent, language: Language, catalogue: Pick<Catalogue, 'topicById'>): Message {
  const m = messages(language).personal;
  const followed = topicList(
    (content.followed ?? []).map((topic) => topic.label[language]),
    language,
  );
  // The theme is the channel digest's idea: a person's DM mixes what they follow, and says so.
  return digestMessage(content, language, catalogue, {
    header: () => m.header,
    intro: (_theme, talks) => m.intro(followed, talks, content.again ?? false),
    footer: m.footer,
    closing: [personalButtons(language, false)],
  });
}
