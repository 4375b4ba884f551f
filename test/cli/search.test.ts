import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/project-root.ts';
import { NODE_ARGS, runCommand, STACK_TRACE } from './child-process.ts';

const search = (args: string[], input?: string) => runCommand('search.ts', args, { input });

const FIELDS = ['article', 'city', 'edition', 'id', 'score', 'section', 'speakers', 'stance', 'title', 'topics', 'video', 'year'];

describe.concurrent('npm run search', () => {
  it('--json prints a JSON array and nothing else, best first, --limit long', async () => {
    const { code, stdout, stderr } = await search(['--json', '--limit', '3', 'coûts finops']);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    const hits = JSON.parse(stdout) as Array<Record<string, unknown>>;
    expect(hits).toHaveLength(3);
    expect(Object.keys(hits[0]!).sort()).toEqual(FIELDS);
    const scores = hits.map((hit) => hit.score as number);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  it('--json with queries on stdin prints one JSON array a line', async () => {
    const { code, stdout } = await search(['--json', '--limit', '2'], 'karpenter\nchaos\n');
    expect(code).toBe(0);
    const lines = stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    for (const line of lines) expect(JSON.parse(line)).toHaveLength(2);
  });

  it('prints readable text without --json', async () => {
    const { code, stdout } = await search(['karpenter']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^1\. .+\[.+, score [\d.]+\]\n/);
  });

  it('prints the speakers and the takeaway in the language --lang names, and refuses another, exit 2', async () => {
    const { code, stdout } = await search(['--lang', 'fr', 'karpenter']);
    expect(code).toBe(0);
    expect(stdout).toContain('AWS a partagé ses conseils sur les instances Spot');
    const refused = await search(['--lang', 'de', 'karpenter']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/^--lang must be one of en, fr, got "de"\nUsage: /);
  });
  it('refuses a --limit that is not a whole number from 1 to 100, exit 2', async () => {
    const { code, stderr } = await search(['--limit', '0', 'karpenter']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^--limit must be a whole number from 1 to 100, got "0"\nUsage: /);
  });

  it('ends quietly, exit 0, when the reader stops reading (`| head`)', async () => {
    const child = spawn(process.execPath, [...NODE_ARGS, path.join(PROJECT_ROOT, 'src/cli/search.ts'), '--json'], { cwd: PROJECT_ROOT });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    // What head does once it has its lines: it closes its end of the pipe.
    child.stdout.once('data', () => child.stdout.destroy());
    // The command may be gone before it has read all of them.
    child.stdin.on('error', () => {});
    child.stdin.end('karpenter\n'.repeat(1000));
    const code = await new Promise((resolve) => child.on('close', resolve));
    expect(stderr).not.toMatch(STACK_TRACE);
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });
});
