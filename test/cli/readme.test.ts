import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/project-root.ts';
import { runShell } from './child-process.ts';

const README = readFileSync(path.join(PROJECT_ROOT, 'README.md'), 'utf8');
const COMMANDS = ['search', 'catalogue:draft', 'catalogue:check'];

/** Every line of a `sh` block, and every inline `code`, that runs one of these commands, comments dropped. */
const lines = [
  ...[...README.matchAll(/```sh\n([\s\S]*?)```/g)].flatMap((block) => block[1]!.split('\n')),
  ...[...README.matchAll(/`([^`\n]*npm run[^`\n]*)`/g)].map((code) => code[1]!),
]
  .map((line) => line.replace(/\s+#\s.*$/, '').trim())
  .filter((line) => COMMANDS.some((command) => new RegExp(`npm run (-s )?${command} `).test(line)));

/** The README's line that contains `fragment`, so that the test runs what the README says, not a copy of it. */
const readmeLine = (fragment: string): string => {
  const found = lines.find((line) => line.includes(fragment));
  if (!found) throw new Error(`README.md has no command line with ${fragment}`);
  return found;
};

describe('the README’s command lines for the CLIs', () => {
  it('all run npm silently, whose banner would come first on stdout', () => {
    expect(lines.length).toBeGreaterThanOrEqual(5);
    for (const line of lines) expect(line, line).toMatch(/npm run -s /);
  });
});

// npm itself, as a person types these lines: each spawns its own npm and shares no state.
describe.concurrent('the README’s command lines, run as written', () => {
  it('a search piped to jq: stdout is a JSON array', async () => {
    const line = readmeLine('search -- --json --limit 3');
    // The test reads the JSON itself: a machine without jq still checks what jq would get.
    const { code, stdout } = await runShell(line.replace(/\s*\|\s*jq$/, ''));
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toHaveLength(3);
  });

  it('a batch search from a pipe: one JSON array a line', async () => {
    const { code, stdout } = await runShell(readmeLine("printf 'karpenter"));
    expect(code).toBe(0);
    const arrays = stdout.trimEnd().split('\n');
    expect(arrays).toHaveLength(2);
    for (const array of arrays) expect(Array.isArray(JSON.parse(array))).toBe(true);
  });

  it('a readable search: the answer comes first', async () => {
    const { code, stdout } = await runShell(readmeLine('search -- "ephemeral containers"'));
    expect(code).toBe(0);
    expect(stdout).toMatch(/^1\. /);
  });

  it('catalogue:draft > draft.json: the file is the drafts as JSON, the summary on stderr', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kubecon-readme-'));
    const article = path.join(PROJECT_ROOT, 'test/fixtures/articles/blog/2030-04-02-kubecon-2030-partie-2.md');
    const line = readmeLine('catalogue:draft -- ')
      .replace('path/to/new-article.md', article)
      .replace('draft.json', path.join(dir, 'draft.json'));
    const { code, stderr } = await runShell(line);
    const draft = JSON.parse(readFileSync(path.join(dir, 'draft.json'), 'utf8'));
    rmSync(dir, { recursive: true, force: true });
    expect(code).toBe(0);
    expect(draft.talks).toHaveLength(5);
    expect(stderr).toMatch(/^5 drafts from /);
  });
});
