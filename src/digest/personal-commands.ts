import type { Language } from '../catalogue/vocabulary.ts';
import { isValidTimezone } from '../config.ts';
import type { Logger } from '../log/logger.ts';
import type { DigestRequest } from './commands.ts';
import { nextDm, type PersonalDigest, type PersonalSchedules } from './personal.ts';
import { type Profile, resume, SNOOZE_MS, setTopics, snooze, speak, stop } from './personal-state.ts';
import type { CallFailure } from './poster.ts';
import type { SlotTime } from './schedule.ts';
import type { DigestState, DigestStore, Person } from './store.ts';

/** What the personal digest asks Slack of a person: src/slack/digest/people.ts. */
export interface PersonLookup {
  /** The person's time zone from users.info; undefined when Slack does not say. */
  timezone(user: string): Promise<string | undefined>;
  /** The person's DM with the bot (conversations.open); throws when Slack refuses. */
  openDm(user: string): Promise<string>;
  classify(error: unknown): CallFailure;
}

/** Where a person stands: what they follow, and when their next DM comes in their own time zone. */
export interface PersonalStatus {
  readonly topics: readonly string[];
  /** Undefined when they follow nothing, or the cron never comes round again. */
  readonly next: SlotTime | undefined;
  /** Only while the snooze lasts. */
  readonly snoozedUntil?: Date | undefined;
}

/** What a follow command did, for src/blocks/personal.ts to put in words; each carries the person's status after it. */
export type PersonalReply =
  | {
      readonly kind: 'followed';
      readonly added: readonly string[];
      readonly already: readonly string[];
      /** Slack gave no usable time zone: DIGEST_TIMEZONE is used, and the person is told. */
      readonly guessedTimezone: boolean;
      readonly status: PersonalStatus;
    }
  | {
      readonly kind: 'unfollowed';
      readonly removed: readonly string[];
      readonly notFollowed: readonly string[];
      readonly status: PersonalStatus;
    }
  | { readonly kind: 'following' | 'resumed'; readonly status: PersonalStatus }
  /** `extended`: a snooze was already on, and now runs four weeks from today. */
  | { readonly kind: 'snoozed'; readonly extended: boolean; readonly status: PersonalStatus }
  /** `was`: what they followed, so that the answer can say how to get it back. */
  | { readonly kind: 'stopped'; readonly was: readonly string[]; readonly status: PersonalStatus }
  /**
   * Slack would not open a DM with the person: nothing was changed. `why`: Slack did not
   * answer (try again), the app lacks a permission (an operator's fix), or Slack refuses
   * this person a DM (disabled, a bot).
   */
  | { readonly kind: 'cannot-dm'; readonly reason: string; readonly why: 'try-again' | 'permission' | 'refused' };

/** `/kubecon follow`, `unfollow`, `following`, and the DM's and Home tab's buttons. Never throws for a user mistake. */
export interface PersonalCommands {
  follow(request: DigestRequest, topics: readonly string[]): Promise<PersonalReply>;
  unfollow(request: DigestRequest, topics: readonly string[]): Promise<PersonalReply>;
  /** The Home tab's menu: exactly these topics. */
  choose(request: DigestRequest, topics: readonly string[]): Promise<PersonalReply>;
  following(request: DigestRequest): Promise<PersonalReply>;
  stop(request: DigestRequest): Promise<PersonalReply>;
  snooze(request: DigestRequest): Promise<PersonalReply>;
  resume(request: DigestRequest): Promise<PersonalReply>;
  status(user: string): Promise<PersonalStatus>;
}

export interface PersonalCommandDependencies {
  readonly store: DigestStore;
  readonly people: PersonLookup;
  readonly schedules: PersonalSchedules;
  readonly digest: Pick<PersonalDigest, 'rearm'>;
  /** DIGEST_TIMEZONE: a person's when Slack does not say theirs. */
  readonly timezone: string;
  readonly logger: Logger;
  readonly now: () => Date;
}

/** Refusals an operator fixes in the Slack app's settings, not the person. */
const PERMISSION_ERRORS = new Set([
  'missing_scope',
  'not_allowed_token_type',
  'invalid_auth',
  'not_authed',
  'token_revoked',
  'account_inactive',
]);

export function createPersonalCommands({
  store,
  people,
  schedules,
  digest,
  timezone: fallbackZone,
  logger,
  now,
}: PersonalCommandDependencies): PersonalCommands {
  const log = logger.child({ component: 'personal-digest' });

  /** A snooze still running; none once it is over, though it stays in the state until the person changes something. */
  const runningSnooze = (person: Person | undefined): Date | undefined =>
    person?.snoozedUntil !== undefined && Date.parse(person.snoozedUntil) > now().getTime() ? new Date(person.snoozedUntil) : undefined;

  /** Where the person stands in `state`. */
  function statusOf(state: DigestState, user: string): PersonalStatus {
    const person = state.people?.[user];
    if (person === undefined || person.topics.length === 0) return { topics: person?.topics ?? [], next: undefined };
    const snoozedUntil = runningSnooze(person);
    const at = nextDm(person, schedules.of(person.timezone), now(), state.channels[person.dm]?.last?.slot);
    return { topics: person.topics, next: at && { at, timezone: person.timezone }, snoozedUntil };
  }

  const read = async (user: string) => (await store.read()).people?.[user];
  const statusNow = async (user: string) => statusOf(await store.read(), user);

  /** Slack's view of the person, asked each time they add topics: a new time zone after a move is picked up then. */
  async function profile(user: string, language: Language): Promise<{ profile: Profile; guessed: boolean } | PersonalReply> {
    // Both at once: the person waits for the slower one only.
    const zone = people.timezone(user).catch((error: unknown) => {
      log.warn('users.info failed: the person’s DMs use DIGEST_TIMEZONE until they follow again', { user, error });
      return undefined;
    });
    let dm: string;
    try {
      dm = await people.openDm(user);
    } catch (error) {
      const failure = people.classify(error);
      log.error('Could not open a DM with a person who asked for weekly talks', {
        user,
        error: failure.reason,
        ...(failure.kind === 'refused' && failure.fix ? { fix: failure.fix } : {}),
      });
      const why = failure.kind !== 'refused' ? 'try-again' : PERMISSION_ERRORS.has(failure.reason) ? 'permission' : 'refused';
      return { kind: 'cannot-dm', reason: failure.reason, why };
    }
    const timezone = await zone;
    const known = timezone !== undefined && isValidTimezone(timezone);
    return { profile: { language, timezone: known ? timezone : fallbackZone, dm }, guessed: !known };
  }

  /** Applies `apply` and, since the person just spoke to the bot, the language Slack now gives them. */
  async function change(request: DigestRequest, apply: (state: DigestState) => DigestState): Promise<DigestState> {
    const state = await store.update((latest) => speak(apply(latest), request.userId, request.language));
    digest.rearm();
    return state;
  }

  /**
   * Sets what the person follows to `wanted(what they follow now)`. Adding a topic asks Slack
   * for their DM and time zone first; removing one needs neither.
   */
  async function choose(
    request: DigestRequest,
    wanted: (before: readonly string[]) => readonly string[],
    reply: (before: readonly string[], status: PersonalStatus, guessed: boolean) => PersonalReply,
  ): Promise<PersonalReply> {
    const current = await read(request.userId);
    const before = current?.topics ?? [];
    const topics = wanted(before);
    let lookedUp: { profile: Profile; guessed: boolean } | undefined;
    if (topics.some((topic) => !before.includes(topic))) {
      const found = await profile(request.userId, request.language);
      if ('kind' in found) return found;
      lookedUp = found;
    }
    const state = await change(request, (latest) => {
      const person = latest.people?.[request.userId];
      const known = lookedUp?.profile ?? (person && { language: request.language, timezone: person.timezone, dm: person.dm });
      return known === undefined ? latest : setTopics(latest, request.userId, topics, known, now());
    });
    return reply(before, statusOf(state, request.userId), lookedUp?.guessed ?? false);
  }

  return {
    follow(request, topics) {
      return choose(
        request,
        (before) => [...before, ...topics],
        (before, status, guessed) => ({
          kind: 'followed',
          added: topics.filter((topic) => !before.includes(topic)),
          already: topics.filter((topic) => before.includes(topic)),
          guessedTimezone: guessed,
          status,
        }),
      );
    },
    async unfollow(request, topics) {
      const followed = (await read(request.userId))?.topics ?? [];
      const removed = topics.filter((topic) => followed.includes(topic));
      const notFollowed = topics.filter((topic) => !followed.includes(topic));
      if (removed.length === 0) return { kind: 'unfollowed', removed, notFollowed, status: await statusNow(request.userId) };
      return choose(
        request,
        (before) => before.filter((topic) => !topics.includes(topic)),
        (_before, status) => ({ kind: 'unfollowed', removed, notFollowed, status }),
      );
    },
    choose(request, topics) {
      return choose(
        request,
        () => topics,
        (_before, status, guessed) => ({ kind: 'followed', added: [], already: [], guessedTimezone: guessed, status }),
      );
    },
    async following(request) {
      // A language is no schedule: nothing to rearm.
      const state = await store.update((latest) => speak(latest, request.userId, request.language));
      return { kind: 'following', status: statusOf(state, request.userId) };
    },
    async stop(request) {
      const was = (await read(request.userId))?.topics ?? [];
      if (was.length === 0) return { kind: 'following', status: await statusNow(request.userId) };
      const state = await change(request, (latest) => stop(latest, request.userId));
      log.info('A person stopped their weekly DM', { user: request.userId });
      return { kind: 'stopped', was, status: statusOf(state, request.userId) };
    },
    async snooze(request) {
      // Read in the update itself: no second read of the store, and no race with another click.
      let extended = false;
      const state = await change(request, (latest) => {
        extended = runningSnooze(latest.people?.[request.userId]) !== undefined;
        return snooze(latest, request.userId, new Date(now().getTime() + SNOOZE_MS));
      });
      return { kind: 'snoozed', extended, status: statusOf(state, request.userId) };
    },
    async resume(request) {
      const before = await statusNow(request.userId);
      if (before.snoozedUntil === undefined) return { kind: 'following', status: before };
      const state = await change(request, (latest) => resume(latest, request.userId, now()));
      return { kind: 'resumed', status: statusOf(state, request.userId) };
    },
    status: statusNow,
  };
}
