/**
 * Every change a person makes to their weekly DM, as pure functions on the digest state: the
 * store applies them one at a time to the latest state, and a change that changes nothing
 * returns its input, so that nothing is written.
 */
import type { Language } from '../catalogue/vocabulary.ts';
import type { DigestState, Person } from './store.ts';

/** What Slack tells of a person, refreshed each time they choose their topics. */
export interface Profile {
  readonly language: Language;
  readonly timezone: string;
  readonly dm: string;
}

/** How long "Snooze 4 weeks" lasts. */
export const SNOOZE_MS = 28 * 86_400_000;

function withPerson(state: DigestState, user: string, person: Person): DigestState {
  return { ...state, people: { ...state.people, [user]: person } };
}

const samePerson = (a: Person, b: Person) =>
  a.snoozedUntil === b.snoozedUntil &&
  a.topics.length === b.topics.length &&
  a.topics.every((topic, i) => topic === b.topics[i]) &&
  a.since === b.since &&
  a.language === b.language &&
  a.timezone === b.timezone &&
  a.dm === b.dm;

/**
 * `topics` become what the person follows. Starting again after Stop (or for the first time)
 * starts from now; what their DM has seen stays, so talks already sent do not come back.
 */
export function setTopics(state: DigestState, user: string, topics: readonly string[], profile: Profile, at: Date): DigestState {
  const current = state.people?.[user];
  const wanted = [...new Set(topics)];
  const restarted = current === undefined || current.topics.length === 0;
  // Following nothing, or starting again, leaves no snooze behind to surprise the person later.
  const { snoozedUntil, ...rest } = current ?? {};
  const next: Person = {
    ...rest,
    ...(snoozedUntil !== undefined && !restarted && wanted.length > 0 ? { snoozedUntil } : {}),
    ...profile,
    topics: wanted,
    since: restarted && wanted.length > 0 ? at.toISOString() : (current?.since ?? at.toISOString()),
  };
  return current && samePerson(current, next) ? state : withPerson(state, user, next);
}

/** Stop: no topic followed, and no snooze left to wake up from. */
export function stop(state: DigestState, user: string): DigestState {
  const current = state.people?.[user];
  if (current === undefined || (current.topics.length === 0 && current.snoozedUntil === undefined)) return state;
  const { snoozedUntil: _dropped, ...rest } = current;
  return withPerson(state, user, { ...rest, topics: [] });
}

export function snooze(state: DigestState, user: string, until: Date): DigestState {
  const current = state.people?.[user];
  if (current === undefined || current.topics.length === 0 || current.snoozedUntil === until.toISOString()) return state;
  return withPerson(state, user, { ...current, snoozedUntil: until.toISOString() });
}

/** Back from a snooze from now on: a slot the snooze skipped earlier today stays skipped. */
export function resume(state: DigestState, user: string, at: Date): DigestState {
  const current = state.people?.[user];
  if (current?.snoozedUntil === undefined) return state;
  const { snoozedUntil: _dropped, ...rest } = current;
  return withPerson(state, user, { ...rest, since: at.toISOString() });
}

/** The person's language as Slack now says it: their next DM is written in it. */
export function speak(state: DigestState, user: string, language: Language): DigestState {
  const current = state.people?.[user];
  if (current === undefined || current.language === language) return state;
  return withPerson(state, user, { ...current, language });
}

/** For maintainers: how many people follow each topic, most followed first, and how many of them are snoozed. Counts only. */
export function followCounts(state: DigestState, at: Date): { topic: string; people: number; snoozed: number }[] {
  const counts = new Map<string, { people: number; snoozed: number }>();
  for (const person of Object.values(state.people ?? {})) {
    const snoozed = person.snoozedUntil !== undefined && Date.parse(person.snoozedUntil) > at.getTime();
    for (const topic of person.topics) {
      const count = counts.get(topic) ?? { people: 0, snoozed: 0 };
      counts.set(topic, { people: count.people + 1, snoozed: count.snoozed + (snoozed ? 1 : 0) });
    }
  }
  return [...counts].map(([topic, count]) => ({ topic, ...count })).sort((a, b) => b.people - a.people || a.topic.localeCompare(b.topic));
}
