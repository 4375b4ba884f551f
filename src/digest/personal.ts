import PQueue from 'p-queue';
import type { Clock } from '../clock.ts';
import type { Logger } from '../log/logger.ts';
import type { DigestPoster, PostResult } from './poster.ts';
import { createSchedule, type DigestSchedule, slotId } from './schedule.ts';
import { CATCH_UP_MS } from './scheduler.ts';
import type { DigestState, DigestStore, Person } from './store.ts';

/** As the channel scheduler: waking up hourly to look at the clock costs nothing, and survives a paused VM. */
const MAX_WAIT_MS = 60 * 60 * 1000;
const CLAIM_MARGIN_MS = 1000;
/** After the store failed (Redis down, say): soon enough that a DM is late by minutes, not by a week. */
const RETRY_MS = 60_000;
/** DMs sent at once: each is its own conversation for Slack's rate limits, but a thousand at once is a burst it refuses. */
const CONCURRENCY = 4;

export interface PersonOutcome {
  readonly user: string;
  readonly slot: string;
  readonly result: PostResult;
}

/** DIGEST_CRON read in each person's time zone, each built once. */
export interface PersonalSchedules {
  of(timezone: string): DigestSchedule;
}

export function personalSchedules(cron: string): PersonalSchedules {
  const built = new Map<string, DigestSchedule>();
  return {
    of(timezone) {
      const schedule = built.get(timezone) ?? createSchedule({ cron, timezone });
      built.set(timezone, schedule);
      return schedule;
    },
  };
}

/**
 * Whether `slot` may bring a DM: one per period of the person's schedule, so that a DM sent
 * since the slot before this one counts for it, even one sent in another time zone before
 * the person moved.
 */
function freshPeriod(schedule: DigestSchedule, slot: Date, lastSent: string | undefined): boolean {
  if (lastSent === undefined) return true;
  const previous = schedule.latest(new Date(slot.getTime() - 1));
  return Date.parse(lastSent) <= (previous?.getTime() ?? Number.NEGATIVE_INFINITY);
}

/**
 * The slot a person's DM is due for at `now`: their latest slot, unless it is 12 hours late
 * or more, came before they started following (or resumed), falls in a snooze, or a DM went
 * out in its period already. `lastSent` is the slot of their last DM.
 */
export function dueSlot(person: Person, schedule: DigestSchedule, now: Date, lastSent?: string): Date | undefined {
  if (person.topics.length === 0) return undefined;
  const slot = schedule.latest(now);
  if (slot === undefined || now.getTime() - slot.getTime() >= CATCH_UP_MS) return undefined;
  if (slot.getTime() < Date.parse(person.since)) return undefined;
  if (person.snoozedUntil !== undefined && slot.getTime() < Date.parse(person.snoozedUntil)) return undefined;
  return freshPeriod(schedule, slot, lastSent) ? slot : undefined;
}

/** When the person's next DM comes, by the same rules: what replies and the Home tab promise. */
export function nextDm(person: Person, schedule: DigestSchedule, now: Date, lastSent?: string): Date | undefined {
  if (person.topics.length === 0) return undefined;
  const due = dueSlot(person, schedule, now, lastSent);
  if (due !== undefined) return due;
  const snoozed = person.snoozedUntil === undefined ? now.getTime() : Date.parse(person.snoozedUntil) - 1;
  let at = schedule.next(new Date(Math.max(now.getTime(), snoozed)));
  for (let tries = 0; at !== undefined && tries < 3 && !freshPeriod(schedule, at, lastSent); tries += 1) at = schedule.next(at);
  return at;
}

/** The weekly DMs: sent at DIGEST_CRON's time in each person's own time zone, each at most once per slot. */
export interface PersonalDigest {
  /** Sends every DM due now, a few at a time: one person's failure never holds up another's. */
  run(): Promise<PersonOutcome[]>;
  /** Sends what a restart missed by less than 12 hours, then wakes up at each person's next slot. */
  start(): Promise<void>;
  /** Someone changed what they follow: the next wake-up may come sooner. */
  rearm(): void;
  stop(): Promise<void>;
}

export interface PersonalDependencies {
  readonly store: DigestStore;
  readonly poster: DigestPoster;
  readonly schedules: PersonalSchedules;
  readonly clock: Clock;
  readonly logger: Logger;
}

export function createPersonalDigest({ store, poster, schedules, clock, logger }: PersonalDependencies): PersonalDigest {
  const log = logger.child({ component: 'personal-digest' });
  // A time zone Slack once gave and croner does not know is one person's problem, not everyone's.
  const scheduleOf = (user: string, person: Person): DigestSchedule | undefined => {
    try {
      return schedules.of(person.timezone);
    } catch (error) {
      log.error('A person’s time zone is unknown here: their DM waits until they follow again', { user, timezone: person.timezone, error });
      return undefined;
    }
  };

  /** Sends the DMs `state` says are due, a few at a time. */
  async function send(state: DigestState): Promise<PersonOutcome[]> {
    const now = clock.now();
    const due = Object.entries(state.people ?? {}).flatMap(([user, person]) => {
      const schedule = scheduleOf(user, person);
      const slot = schedule && dueSlot(person, schedule, now, state.channels[person.dm]?.last?.slot);
      return slot === undefined ? [] : [{ user, person, slot: slotId(slot) }];
    });
    const queue = new PQueue({ concurrency: CONCURRENCY });
    return Promise.all(
      due.map(({ user, person, slot }) =>
        queue.add(async (): Promise<PersonOutcome> => {
          try {
            return { user, slot, result: await poster.post(person.dm, slot, person.language, person.topics) };
          } catch (error) {
            log.error('Could not send a person their weekly DM; the others are not affected', { user, slot, error });
            return {
              user,
              slot,
              result: { status: 'failed', reason: error instanceof Error ? error.message : String(error), maybePosted: false },
            };
          }
        }),
      ),
    );
  }

  /** The next instant worth waking up at: someone's next slot in `state`, or a claim of another process running out. */
  function nextWake(state: DigestState, outcomes: readonly PersonOutcome[]): number {
    const now = clock.now();
    const wakes = [now.getTime() + MAX_WAIT_MS];
    for (const [user, person] of Object.entries(state.people ?? {})) {
      if (person.topics.length === 0) continue;
      const next = scheduleOf(user, person)?.next(now);
      if (next !== undefined) wakes.push(next.getTime());
    }
    for (const { result } of outcomes)
      if (result.status === 'in-progress-elsewhere') wakes.push(Date.parse(result.until) + CLAIM_MARGIN_MS);
    return Math.min(...wakes);
  }

  let timer: unknown;
  let stopped = false;
  // One wake-up at a time: a rearm while DMs go out waits for them. Whatever fails, a timer is set again.
  let turn: Promise<void> = Promise.resolve();
  const inOrder = (work: () => Promise<void>) => {
    turn = turn.then(work).catch((error: unknown) => {
      log.error('The weekly DMs could not run; trying again in a minute', { error });
      arm(clock.now().getTime() + RETRY_MS);
    });
    return turn;
  };

  function arm(at: number): void {
    if (stopped) return;
    if (timer !== undefined) clock.clearTimeout(timer);
    timer = clock.setTimeout(
      () => {
        timer = undefined;
        void wake();
      },
      Math.max(0, at - clock.now().getTime()),
    );
  }

  const wake = () =>
    inOrder(async () => {
      if (stopped) return;
      // Whoever follows meanwhile calls rearm, which runs after this: the state read here is enough to plan from.
      const state = await store.read();
      arm(nextWake(state, await send(state)));
    });

  return {
    run: async () => send(await store.read()),
    start() {
      log.info('Weekly DMs scheduled');
      return wake();
    },
    rearm() {
      void inOrder(async () => arm(nextWake(await store.read(), [])));
    },
    async stop() {
      stopped = true;
      if (timer !== undefined) clock.clearTimeout(timer);
      await turn;
    },
  };
}
