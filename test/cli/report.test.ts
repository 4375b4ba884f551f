import { describe, expect, it } from 'vitest';
import { createFileDigestStore } from '../../src/digest/file-store.ts';
import { setTopics, snooze } from '../../src/digest/personal-state.ts';
import { createFeedback } from '../../src/feedback/feedback.ts';
import { stateFile, tempDirs } from '../digest/helpers.ts';
import { runCommand, STACK_TRACE } from './child-process.ts';

const newDir = tempDirs();
const NOW = new Date();

describe('npm run report', () => {
  it('prints the most and least useful talks, by kind, and the search gaps when they are kept', async () => {
    const dataDir = await newDir();
    const feedback = createFeedback({ store: createFileDigestStore(stateFile(dataDir)), searchGaps: true });
    await feedback.rate({ voter: 'U1', answer: 'C1:1.1', kind: 'search', talks: ['2024-keda'], value: 'up' });
    await feedback.rate({ voter: 'U2', answer: 'C1:1.1', kind: 'search', talks: ['2024-keda'], value: 'up' });
    await feedback.rate({ voter: 'U1', answer: 'C1:1.2', kind: 'topic', talks: ['2018-habitat-builder'], value: 'down' });
    await feedback.noteGap('windows nodes');
    const profile = (dm: string) => ({ language: 'en', timezone: 'UTC', dm }) as const;
    await createFileDigestStore(stateFile(dataDir)).update((state) =>
      snooze(
        setTopics(setTopics(state, 'U1', ['costs', 'security'], profile('D1'), NOW), 'U2', ['costs'], profile('D2'), NOW),
        'U2',
        new Date('2099-01-01T00:00:00Z'),
      ),
    );

    const on = await runCommand('report.ts', [], { env: { DATA_DIR: dataDir, SEARCH_GAPS: 'on' } });
    expect(on.code).toBe(0);
    const [most, least] = on.stdout.split('Least useful talks:');
    expect(most).toMatch(/\+2 -0\s+Scaling New Heights with KEDA/);
    expect(least).toMatch(/\+0 -1\s+Habitat Builder/);
    expect(on.stdout).toMatch(/search\s+\+2 -0/);
    expect(on.stdout).toMatch(/1x {2}nodes windows/);
    expect(on.stdout).toMatch(/Topics people follow for their weekly DM:\n {5}2 {2}Costs & FinOps \(1 snoozed\)\n {5}1 {2}Security\n/);
    expect(on.stdout).not.toMatch(/U1|U2|D1|D2/);

    const off = await runCommand('report.ts', [], { env: { DATA_DIR: dataDir } });
    expect(off.stdout).toContain('not recorded: SEARCH_GAPS is off');
    expect(off.stdout).not.toContain('nodes windows');
  });

  it('an unknown flag: the usage on stderr, exit 2, no stack trace', async () => {
    const { code, stderr } = await runCommand('report.ts', ['--bogus'], { env: { DATA_DIR: await newDir() } });
    expect(code).toBe(2);
    expect(stderr).toContain('Usage: npm run -s report');
    expect(stderr).not.toMatch(STACK_TRACE);
  });
});
