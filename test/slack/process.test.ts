import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/config.ts';
import { NODE_ARGS } from '../cli/child-process.ts';
import { type FakeSlack, startFakeSlack } from '../helpers/fake-slack.ts';
import { freePort } from '../helpers/free-port.ts';
import { eventually, type LogLine, SIGNING_SECRET } from './harness.ts';

/** src/main.ts itself, in a process of its own, as the container runs it. */
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

interface Bot {
  readonly child: ChildProcess;
  readonly url: string;
  readonly fake: FakeSlack;
  lines(): LogLine[];
}

async function startBot(preload?: string): Promise<Bot> {
  const fake = await startFakeSlack();
  const dataDir = await mkdtemp(path.join(tmpdir(), 'kubecon-process-'));
  const port = await freePort();
  const child = spawn(
    process.execPath,
    [
      ...NODE_ARGS,
      ...(preload === undefined ? [] : ['--import', path.join(PROJECT_ROOT, preload)]),
      path.join(PROJECT_ROOT, 'src/main.ts'),
    ],
    {
      // Not the project's directory, whose .env file would fill in what this test leaves out.
      cwd: dataDir,
      env: {
        PATH: process.env.PATH ?? '',
        SLACK_BOT_TOKEN: 'xoxb-1-test',
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
        SLACK_API_URL: fake.apiUrl,
        PORT: String(port),
        DATA_DIR: dataDir,
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  cleanups.push(async () => {
    if (child.exitCode === null) {
      child.kill('SIGKILL');
      await once(child, 'exit');
    }
    await fake.close();
    await rm(dataDir, { recursive: true, force: true });
  });
  const url = `http://127.0.0.1:${port}`;
  await eventually(async () => (await fetch(`${url}/readyz`).catch(() => undefined))?.status === 200, 15_000);
  return {
    child,
    url,
    fake,
    lines: () =>
      stderr
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as LogLine),
  };
}

describe('the bot process', () => {
  it('logs a rejection nobody awaited and serves on', async () => {
    const bot = await startBot('test/slack/children/stray-rejection.ts');
    await eventually(() => bot.lines().some((line) => line.msg === 'A promise nobody awaited failed; still serving'), 10_000);
    expect(bot.child.exitCode).toBeNull();
    expect((await fetch(`${bot.url}/readyz`)).status).toBe(200);
  });
});
