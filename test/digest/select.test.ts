import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCatalogue } from '../../src/catalogue/load.ts';
import { PROJECT_ROOT } from '../../src/config.ts';
import { type Candidate, type ChannelHistory, type DigestPick, pickDigest } from '../../src/digest/select.ts';

/** Digests one after the other, each from the history the previous one left. */
function weeks(
  talks: readonly Candidate[],
  count: number,
  seed = 'C0123ABCD',
  start: ChannelHistory = { cycle: 0, seen: [] },
): DigestPick[] {
  const picks: DigestPick[] = [];
  let history = start;
  let previousTheme: string | undefined;
  for (let week = 0; week < count; week += 1) {
    const pick = pickDigest({ talks, history, seed, previousTheme });
    if (!pick) throw new Error('no pick');
    picks.push(pick);
    history = pick.next;
    previousTheme = pick.theme;
  }
  return picks;
}

const real = await loadCatalogue(path.join(PROJECT_ROOT, 'data'));

const small: Candidate[] = [
  { id: 'a1', topics: ['autoscaling'] },
  { id: 'a2', topics: ['autoscaling'] },
  { id: 'a3', topics: ['autoscaling'] },
  { id: 'a4', topics: ['autoscaling'] },
  { id: 'a5', topics: ['autoscaling', 'costs'] },
  { id: 'c1', topics: ['costs'] },
  { id: 'o1', topics: ['observability'] },
];

describe('pickDigest', () => {
  it('picks a theme and three of its talks, the same for the same history and seed', () => {
    const [pick] = weeks(real.talks, 1);
    expect(pick!.talks).toHaveLength(3);
    expect(new Set(pick!.talks).size).toBe(3);
    for (const id of pick!.talks) expect(real.talkById.get(id)!.topics).toContain(pick!.theme);
    expect(weeks(real.talks, 1)).toEqual([pick]);
  });

  it('shows nothing twice in two consecutive weeks, and changes the theme', () => {
    const [first, second] = weeks(real.talks, 2);
    expect(first!.talks.filter((id) => second!.talks.includes(id))).toEqual([]);
    expect(second!.theme).not.toBe(first!.theme);
    expect(second!.next.seen).toEqual([...first!.talks, ...second!.talks]);
  });

  it('features every talk once in a cycle, then starts a new cycle in another order', () => {
    const perCycle = Math.ceil(real.talks.length / 3);
    const picks = weeks(real.talks, perCycle * 2);
    const shown = picks.flatMap((pick) => pick.talks);
    const firstCycle = shown.slice(0, real.talks.length);
    const secondCycle = shown.slice(real.talks.length, real.talks.length * 2);
    expect(new Set(firstCycle).size).toBe(real.talks.length);
    expect(new Set(secondCycle).size).toBe(real.talks.length);
    expect(secondCycle).not.toEqual(firstCycle);
    expect(picks[perCycle - 2]!.next.cycle).toBe(0);
    expect(picks[perCycle - 1]!.next.cycle).toBe(1);
  });

  it('finishes a cycle inside a digest with talks from the next one, never repeating one within the digest', () => {
    // Seven talks: 3 + 3, then the last one and two from the next cycle.
    const picks = weeks(small, 4);
    expect(picks.map((pick) => pick.talks.length)).toEqual([3, 3, 3, 3]);
    const firstCycle = picks
      .slice(0, 3)
      .flatMap((pick) => pick.talks)
      .slice(0, 7);
    expect(new Set(firstCycle)).toEqual(new Set(small.map((talk) => talk.id)));
    expect(new Set(picks[2]!.talks).size).toBe(3);
    expect(picks[2]!.next).toEqual({ cycle: 1, seen: picks[2]!.talks.slice(1) });
    // The next cycle carries on without repeating what it already showed.
    const secondCycle = [...picks[2]!.talks.slice(1), ...picks[3]!.talks];
    expect(new Set(secondCycle).size).toBe(5);
  });

  it('tops a theme short of talks up with other unseen talks', () => {
    // Only o1 is about observability, and only o1 and c1 are left.
    const pick = pickDigest({ talks: small, history: { cycle: 0, seen: ['a1', 'a2', 'a3', 'a4', 'a5'] }, seed: 'C1' })!;
    expect(pick.talks.slice(0, 2).sort()).toEqual(['c1', 'o1']);
    expect(['costs', 'observability']).toContain(pick.theme);
  });

  it('prefers a theme with three unseen talks to one with fewer', () => {
    for (const seed of ['C1', 'C2', 'C3', 'C4', 'C5']) {
      expect(pickDigest({ talks: small, history: { cycle: 0, seen: [] }, seed })!.theme).toBe('autoscaling');
    }
  });

  it('gives each channel its own order', () => {
    const orders = ['C1', 'C2', 'C3'].map((seed) =>
      weeks(real.talks, 3, seed)
        .flatMap((pick) => pick.talks)
        .join(),
    );
    expect(new Set(orders).size).toBe(3);
  });

  it('forgets talks that left the catalogue, and has nothing to pick from an empty one', () => {
    const pick = pickDigest({ talks: small, history: { cycle: 0, seen: ['gone', 'a1'] }, seed: 'C1' })!;
    expect(pick.next.seen).not.toContain('gone');
    expect(pickDigest({ talks: [], history: { cycle: 0, seen: [] }, seed: 'C1' })).toBeUndefined();
  });

  it('makes do with a catalogue of fewer than three talks', () => {
    const picks = weeks(small.slice(0, 2), 3);
    expect(picks.map((pick) => pick.talks.length)).toEqual([2, 2, 2]);
    for (const pick of picks) expect(new Set(pick.talks).size).toBe(2);
  });
});
