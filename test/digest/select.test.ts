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

/** A talk of `edition` on `topics`, with a recording unless `video` is false. */
const candidate = (id: string, topics: string[], edition = '2030', video = true): Candidate => ({
  id,
  topics,
  edition: { id: edition },
  video: video ? `https://www.youtube.com/watch?v=${id}` : null,
});

const small: Candidate[] = [
  candidate('a1', ['autoscaling']),
  candidate('a2', ['autoscaling']),
  candidate('a3', ['autoscaling']),
  candidate('a4', ['autoscaling']),
  candidate('a5', ['autoscaling', 'costs']),
  candidate('c1', ['costs']),
  candidate('o1', ['observability']),
];

const SEEDS = Array.from({ length: 40 }, (_, index) => `C${String(index).padStart(8, '0')}`);

/** Each digest with the talks of its theme the channel had not seen when it was picked. */
function digestsWithTheirChoice(talks: readonly Candidate[], count: number, seed: string) {
  let history: ChannelHistory = { cycle: 0, seen: [] };
  return weeks(talks, count, seed).map((pick) => {
    const seen = new Set(history.seen);
    const unseen = talks.filter((talk) => !seen.has(talk.id));
    const pool = (unseen.length > 0 ? unseen : talks).filter((talk) => talk.topics.includes(pick.theme));
    history = pick.next;
    const byId = new Map(talks.map((talk) => [talk.id, talk]));
    return { pick, talks: pick.talks.map((id) => byId.get(id)!), pool };
  });
}

const withVideo = (talks: readonly Candidate[]) => talks.filter((talk) => talk.video !== null).length;
const editions = (talks: readonly Candidate[]) => new Set(talks.map((talk) => talk.edition.id)).size;

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
    // The digest that finishes a cycle carries the first talks of the next one, wherever they stand in it.
    const byCycle = new Map<number, string[]>();
    let cycle = 0;
    for (const pick of picks) {
      const carried = pick.next.cycle > cycle ? new Set(pick.next.seen) : new Set<string>();
      for (const id of pick.talks) {
        const of = carried.has(id) ? pick.next.cycle : cycle;
        byCycle.set(of, [...(byCycle.get(of) ?? []), id]);
      }
      cycle = pick.next.cycle;
    }
    const [firstCycle, secondCycle] = [byCycle.get(0), byCycle.get(1)];
    for (const shown of [firstCycle!, secondCycle!]) {
      expect(shown).toHaveLength(real.talks.length);
      expect(new Set(shown).size).toBe(real.talks.length);
    }
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

  it('puts at least two recorded talks and two editions in every digest of the real catalogue whose theme still has them', () => {
    const perCycle = Math.ceil(real.talks.length / 3);
    for (const seed of SEEDS) {
      for (const [week, { pick, talks, pool }] of digestsWithTheirChoice(real.talks, perCycle * 2, seed).entries()) {
        const where = `${seed}, week ${week}, ${pick.theme}: ${pick.talks.join(', ')}`;
        expect(withVideo(talks), where).toBeGreaterThanOrEqual(Math.min(2, withVideo(pool)));
        expect(editions(talks), where).toBeGreaterThanOrEqual(Math.min(2, editions(pool)));
      }
    }
  });

  it('opens every channel’s tour of the real catalogue with watchable digests from more than one edition', () => {
    for (const seed of SEEDS) {
      const [first, second] = digestsWithTheirChoice(real.talks, 2, seed);
      for (const { talks } of [first!, second!]) {
        expect(withVideo(talks), seed).toBeGreaterThanOrEqual(2);
        expect(editions(talks), seed).toBeGreaterThanOrEqual(2);
      }
    }
  });

  it('takes the recorded talks of a theme before those without, and shows them first', () => {
    const talks = [
      candidate('old1', ['x'], '2018', false),
      candidate('old2', ['x'], '2018', false),
      candidate('old3', ['x'], '2018', false),
      candidate('new1', ['x'], '2022'),
      candidate('new2', ['x'], '2022'),
    ];
    for (const seed of SEEDS) {
      const pick = pickDigest({ talks, history: { cycle: 0, seen: [] }, seed })!;
      expect(pick.talks.slice(0, 2).sort(), seed).toEqual(['new1', 'new2']);
      expect(pick.talks[2], seed).toMatch(/^old/);
    }
  });

  it('mixes editions rather than take three talks from one year', () => {
    const talks = [
      candidate('y1', ['x'], '2024'),
      candidate('y2', ['x'], '2024'),
      candidate('y3', ['x'], '2024'),
      candidate('y4', ['x'], '2024'),
      candidate('z1', ['x'], '2022'),
    ];
    for (const seed of SEEDS) expect(pickDigest({ talks, history: { cycle: 0, seen: [] }, seed })!.talks, seed).toContain('z1');
  });

  it('prefers a theme whose talks have recordings to one whose talks have none', () => {
    const talks = [
      ...['o1', 'o2', 'o3', 'o4'].map((id) => candidate(id, ['storage'], '2018', false)),
      candidate('n1', ['costs'], '2022'),
      candidate('n2', ['costs'], '2024'),
      candidate('n3', ['costs'], '2024'),
    ];
    for (const seed of SEEDS) expect(pickDigest({ talks, history: { cycle: 0, seen: [] }, seed })!.theme, seed).toBe('costs');
  });

  it('makes do with a catalogue of fewer than three talks', () => {
    const picks = weeks(small.slice(0, 2), 3);
    expect(picks.map((pick) => pick.talks.length)).toEqual([2, 2, 2]);
    for (const pick of picks) expect(new Set(pick.talks).size).toBe(2);
  });
});
