import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { createFileDigestStore } from '../../src/digest/file-store.ts';
import { createFeedback, gapWords } from '../../src/feedback/feedback.ts';
import { stateFile, tempDirs } from '../digest/helpers.ts';

const newDir = tempDirs();
const DAY = 86_400_000;

async function setup(searchGaps = false) {
  const file = stateFile(await newDir());
  const store = createFileDigestStore(file);
  let now = Date.parse('2026-12-01T10:00:00Z');
  const feedback = createFeedback({ store, now: () => now, searchGaps });
  return { file, store, feedback, later: (ms: number) => (now += ms) };
}

const vote = (voter: string, value: 'up' | 'down', answer = 'C1:1700000000.000100') => ({
  voter,
  answer,
  kind: 'search',
  talks: ['2024-keda', '2022-karpenter-spot'],
  value,
});

describe('ratings', () => {
  it('counts per talk and per kind; a second vote on the same answer replaces the first', async () => {
    const { feedback } = await setup();
    expect(await feedback.rate(vote('U1', 'up'))).toBe('counted');
    expect(await feedback.rate(vote('U2', 'up'))).toBe('counted');
    expect(await feedback.rate(vote('U1', 'up'))).toBe('same');
    expect(await feedback.rate(vote('U1', 'down'))).toBe('changed');
    // Another answer is another vote.
    expect(await feedback.rate(vote('U1', 'up', 'C1:1700000000.000200'))).toBe('counted');

    const report = await feedback.report();
    expect(report.talks).toEqual(
      expect.arrayContaining([
        { talk: '2024-keda', up: 2, down: 1 },
        { talk: '2022-karpenter-spot', up: 2, down: 1 },
      ]),
    );
    expect(report.kinds).toEqual([{ kind: 'search', up: 2, down: 1 }]);
  });

  it('keeps no user id and no channel, and forgets who voted after a week', async () => {
    const { feedback, file, later } = await setup();
    await feedback.rate(vote('U0SECRET1', 'up', 'C0PRIVATE:1700000000.000100'));
    const saved = await readFile(file, 'utf8');
    expect(saved).not.toContain('U0SECRET1');
    expect(saved).not.toContain('C0PRIVATE');
    later(8 * DAY);
    // The vote is gone: the same person's vote counts again, and the counts stay.
    expect(await feedback.rate(vote('U0SECRET1', 'up', 'C0PRIVATE:1700000000.000100'))).toBe('counted');
    const state = JSON.parse(await readFile(file, 'utf8'));
    expect(Object.keys(state.feedback.votes)).toHaveLength(1);
    expect((await feedback.report()).kinds).toEqual([{ kind: 'search', up: 2, down: 0 }]);
  });
});

describe('search gaps', () => {
  it('are kept only with SEARCH_GAPS on, as normalised words, for 90 days', async () => {
    const off = await setup(false);
    await off.feedback.noteGap('Windows nodes pls');
    expect((await off.feedback.report()).gaps).toEqual([]);

    const { feedback, later } = await setup(true);
    await feedback.noteGap('yo any talk on Windows nodes?? thx');
    await feedback.noteGap('nodes windows');
    later(30 * DAY);
    await feedback.noteGap('Cobol');
    expect((await feedback.report()).gaps.map(({ words, count }) => [words, count])).toEqual([
      ['nodes windows', 2],
      ['cobol', 1],
    ]);
    later(61 * DAY);
    expect((await feedback.report()).gaps.map(({ words }) => words)).toEqual(['cobol']);
  });

  it('leave out a pasted paragraph: it is no gap, and could say too much', () => {
    expect(gapWords('our nodes keep getting reclaimed by AWS and long batch jobs die halfway through the night')).toBe('');
    expect(gapWords('Fenêtres Windows')).toBe('fenetres windows');
  });
});
