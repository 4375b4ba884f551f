import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/project-root.ts';
import { runCommand, STACK_TRACE } from './child-process.ts';

const ARTICLE = path.join(PROJECT_ROOT, 'test/fixtures/articles/blog/2030-04-01-kubecon-2030-day-1.md');

/** Each command, how its usage begins, a call missing its argument, and a flag given without its value. */
const COMMANDS = [
  { script: 'search.ts', usage: 'Usage: npm run -s search -- ', noArgument: 'No query given.', noValue: ['--limit'] },
  {
    script: 'catalogue-check.ts',
    usage: 'Usage: npm run -s catalogue:check -- ',
    noArgument: 'No articles folder given.',
    noValue: ['test/fixtures/articles/blog', '--data'],
  },
  { script: 'catalogue-draft.ts', usage: 'Usage: npm run -s catalogue:draft -- ', noArgument: 'No article given.', noValue: undefined },
];

// Each test spawns its own processes and shares no state, so they run side by side.
describe.concurrent.each(COMMANDS)('$script, called wrongly', ({ script, usage, noArgument, noValue }) => {
  it('an unknown flag: the usage on stderr, exit 2, no stack trace, nothing on stdout', async () => {
    const { code, stdout, stderr } = await runCommand(script, ['--bogus', ARTICLE]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^Unknown option '--bogus'\./);
    expect(stderr).toContain(`\n${usage}`);
    expect(stderr).not.toMatch(STACK_TRACE);
  });

  it('a missing argument: says so, then the usage, exit 2', async () => {
    const { code, stdout, stderr } = await runCommand(script, []);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain(`${noArgument}\n${usage}`);
  });

  it.skipIf(noValue === undefined)('a flag without its value: says which, then the usage, exit 2', async () => {
    const { code, stderr } = await runCommand(script, noValue ?? []);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^Option '--\w+ <value>' argument missing/);
    expect(stderr).toContain(`\n${usage}`);
    expect(stderr).not.toMatch(STACK_TRACE);
  });

  it('--help and -h: the usage on stdout, exit 0', async () => {
    for (const flag of ['--help', '-h']) {
      const { code, stdout, stderr } = await runCommand(script, [flag]);
      expect(code).toBe(0);
      expect(stdout.startsWith(usage)).toBe(true);
      expect(stderr).toBe('');
    }
  });
});
