import type { Catalogue, Conclusion, Edition, Talk, Topic } from '../catalogue/model.ts';
import type { DigestCommands, DigestReply, DigestRequest, NextRun } from '../digest/commands.ts';
import type { PersonalCommands, PersonalReply } from '../digest/personal-commands.ts';
import { currentRadar, type RadarOverview, type RadarTimeline, radarOf } from '../radar/radar.ts';
import type { Searcher } from '../search/searcher.ts';
import { foldText } from '../search/text.ts';
import type { Command } from './command.ts';
import { topicNamer } from './topic-names.ts';

export const PAGE_SIZE = 3;

export type TalkSource =
  | { readonly type: 'search'; readonly query: string }
  | { readonly type: 'topic'; readonly topic: Topic }
  /** `others`: editions the same words name too ("paris": KubeCon 2024 and KCD France 2023), newest first. */
  | { readonly type: 'edition'; readonly edition: Edition; readonly others?: readonly Edition[] | undefined }
  | { readonly type: 'random' };

export type Answer =
  | { readonly kind: 'help' }
  | {
      readonly kind: 'talks';
      readonly source: TalkSource;
      /** The command text that produced this list, to fetch the next page. */
      readonly commandText: string;
      readonly talks: readonly Talk[];
      readonly page: number;
      /** Position of the first talk of this page in the whole list. */
      readonly offset: number;
      readonly total: number;
      readonly hasMore: boolean;
    }
  | {
      readonly kind: 'no-results';
      readonly query: string;
      readonly suggestions: readonly Topic[];
      readonly unknownTopic?: string | undefined;
      readonly unknownEdition?: string | undefined;
    }
  | { readonly kind: 'topics'; readonly topics: readonly { readonly topic: Topic; readonly count: number }[] }
  | { readonly kind: 'takeaways'; readonly editions: readonly { readonly edition: Edition; readonly conclusions: readonly Conclusion[] }[] }
  | { readonly kind: 'radar'; readonly timeline: RadarTimeline }
  | { readonly kind: 'radar-overview'; readonly overview: RadarOverview }
  | { readonly kind: 'digest'; readonly reply: DigestReply }
  /** `unknown`: what the command named that is no topic, left out. */
  | { readonly kind: 'personal'; readonly reply: PersonalReply; readonly unknown?: readonly string[] | undefined }
  /** `/kubecon follow` naming no topic (none at all, when `names` is empty): nothing was changed. */
  | { readonly kind: 'follow-unknown'; readonly names: readonly string[]; readonly suggestions: readonly Topic[] }
  /**
   * A digest command the bot cannot act on: it runs without the digest, or no channel (no
   * person, for `follow`) came with the command.
   */
  | { readonly kind: 'digest-unavailable'; readonly why: 'off' | 'no-channel' | 'no-person' };

/** Who typed a command, and where: a digest command acts on that channel. */
export type Asker = DigestRequest;

export interface Bot {
  /** The answer to a command that needs no channel; a digest command gets digest-unavailable. */
  answer(command: Command, commandText: string, page?: number): Answer;
  /** The answer to what someone typed in a conversation: the same, except that digest commands go to the digest. */
  reply(command: Command, commandText: string, asker: Asker): Promise<Answer>;
  /** For the App Home tab: the next digest, null when no channel gets it, undefined when this bot has no digest. */
  nextDigest(): Promise<NextRun | null | undefined>;
  readonly catalogue: Catalogue;
  /** People's weekly DMs, for the buttons of the DMs and the Home tab; undefined when this bot has no digest. */
  readonly personal: PersonalCommands | undefined;
}

export interface BotDependencies {
  readonly catalogue: Catalogue;
  readonly searcher: Searcher;
  /** A number in [0, 1), injectable so tests can pick the "random" talk. */
  readonly random?: () => number;
  readonly pageSize?: number;
  /** The weekly digest, in a bot that runs it; `/kubecon digest` says it is off otherwise. */
  readonly digest?: DigestCommands | undefined;
  /** People's weekly DMs, beside the digest. */
  readonly personal?: PersonalCommands | undefined;
}

const SUGGESTIONS = 5;

/** The bot's brain: a command in, an answer out. Knows nothing of Slack or of the console. */
export function createBot({ catalogue, searcher, random = Math.random, pageSize = PAGE_SIZE, digest, personal }: BotDependencies): Bot {
  const topicCounts = catalogue.topics
    .map((topic) => ({ topic, count: catalogue.talks.filter((talk) => talk.topics.includes(topic.id)).length }))
    .filter(({ count }) => count > 0)
    .sort((a, b) => b.count - a.count || a.topic.id.localeCompare(b.topic.id));

  // The catalogue does not change while the bot runs.
  const overview = currentRadar(catalogue);

  const suggestions = (query: string) =>
    searcher
      .suggestTopics(query, SUGGESTIONS)
      .map((id) => catalogue.topicById.get(id)!)
      .filter(Boolean);

  function list(source: TalkSource, commandText: string, talks: readonly Talk[], page: number): Answer {
    const lastPage = Math.max(0, Math.ceil(talks.length / pageSize) - 1);
    const current = Math.min(Math.max(0, page), lastPage);
    return {
      kind: 'talks',
      source,
      commandText,
      talks: talks.slice(current * pageSize, (current + 1) * pageSize),
      page: current,
      offset: current * pageSize,
      total: talks.length,
      hasMore: (current + 1) * pageSize < talks.length,
    };
  }

  function searchAnswer(query: string, filterQuery: string, commandText: string, page: number, source?: TalkSource): Answer {
    const result = searcher.search(filterQuery);
    if (result.hits.length === 0) {
      return {
        kind: 'no-results',
        query,
        suggestions: suggestions(query),
        unknownTopic: result.query.unknownTopics[0],
        unknownEdition: result.query.unknownEditions[0],
      };
    }
    return list(
      source ?? { type: 'search', query },
      commandText,
      result.hits.map((hit) => hit.talk),
      page,
    );
  }

  const nameTopics = topicNamer(catalogue);

  async function follow(command: Extract<Command, { kind: 'follow' }>, asker: Asker): Promise<Answer> {
    if (personal === undefined) return { kind: 'digest-unavailable', why: 'off' };
    if (command.action === 'following' || command.action === 'snooze' || command.action === 'resume')
      return { kind: 'personal', reply: await personal[command.action](asker) };
    const named = nameTopics(command.names);
    if (named.all)
      return command.action === 'unfollow'
        ? { kind: 'personal', reply: await personal.stop(asker) }
        : {
            kind: 'personal',
            reply: await personal.follow(
              asker,
              topicCounts.map(({ topic }) => topic.id),
            ),
          };
    if (named.ids.length === 0)
      return { kind: 'follow-unknown', names: named.unknown, suggestions: suggestions(named.unknown.join(' ') || command.names) };
    // What named no topic is said beside what was done, rather than undoing the rest.
    return { kind: 'personal', reply: await personal[command.action](asker, named.ids), unknown: named.unknown };
  }

  function answer(command: Command, commandText: string, page = 0): Answer {
    switch (command.kind) {
      case 'help':
        return { kind: 'help' };
      case 'topics':
        return { kind: 'topics', topics: topicCounts };
      case 'topic': {
        const id = searcher.context.resolveTopic(foldText(command.name));
        const topic = id ? catalogue.topicById.get(id) : undefined;
        if (!topic) return { kind: 'no-results', query: command.name, suggestions: suggestions(command.name), unknownTopic: command.name };
        return searchAnswer(command.name, `topic:${topic.id}`, commandText, page, { type: 'topic', topic });
      }
      case 'edition': {
        // Each word names editions; together they narrow ("paris 2023": the Paris one of 2023).
        const named = foldText(command.year)
          .split(' ')
          .map((word) => searcher.context.resolveEditions(word));
        if (named.length > 1 && named.some((ids) => ids.length === 0)) return searchAnswer(command.year, command.year, commandText, page);
        const [edition, ...others] = catalogue.editions.filter((e) => named.every((ids) => ids.includes(e.id)));
        if (!edition) return { kind: 'no-results', query: command.year, suggestions: [], unknownEdition: command.year };
        return list(
          { type: 'edition', edition, ...(others.length > 0 && { others }) },
          commandText,
          catalogue.talks.filter((t) => t.edition === edition),
          page,
        );
      }
      case 'random': {
        const talk = catalogue.talks[Math.floor(random() * catalogue.talks.length)]!;
        return list({ type: 'random' }, commandText, [talk], 0);
      }
      case 'takeaways': {
        const ids = command.year === undefined ? undefined : searcher.context.resolveEditions(foldText(command.year));
        if (command.year !== undefined && ids?.length === 0) {
          return { kind: 'no-results', query: command.year, suggestions: [], unknownEdition: command.year };
        }
        const editions = catalogue.editions
          .filter((edition) => ids === undefined || ids.includes(edition.id))
          .map((edition) => ({ edition, conclusions: catalogue.conclusions.filter((c) => c.edition === edition) }))
          .filter(({ conclusions }) => conclusions.length > 0);
        return { kind: 'takeaways', editions };
      }
      case 'radar':
        return command.subject === undefined
          ? { kind: 'radar-overview', overview }
          : { kind: 'radar', timeline: radarOf(catalogue, searcher.context, command.subject) };
      case 'digest':
        return { kind: 'digest-unavailable', why: 'no-channel' };
      case 'follow':
        return { kind: 'digest-unavailable', why: 'no-person' };
      case 'search':
        return searchAnswer(command.query, command.query, commandText, page);
    }
  }

  return {
    answer,
    async reply(command, commandText, asker) {
      if (command.kind === 'follow') return follow(command, asker);
      if (command.kind !== 'digest') return answer(command, commandText);
      if (digest === undefined) return { kind: 'digest-unavailable', why: 'off' };
      return { kind: 'digest', reply: await digest[command.action](asker) };
    },
    async nextDigest() {
      return digest === undefined ? undefined : ((await digest.nextRun()) ?? null);
    },
    catalogue,
    personal,
  };
}
