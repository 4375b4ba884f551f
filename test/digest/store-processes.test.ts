import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createFileDigestStore } from '../../src/digest/file-store.ts';
import type { DigestStore } from '../../src/digest/store.ts';
import { PROJECT_ROOT } from '../../src/project-root.ts';
import { connectRedis } from '../../src/redis/connection.ts';
import { createRedisDigestStore } from '../../src/redis/digest-store.ts';
import { NODE_ARGS } from '../cli/child-process.ts';
import { describeWithRedis, startRedis } from '../helpers/redis-server.ts';
import { capturingLogger, stateFile, tempDirs } from './helpers.ts';

/**
 * Real processes on one store: a DATA_DIR, as the bot and `npm run digest` CronJob runs
 * share a volume, or one Redis, as replicas do.
 */
const newDir = tempDirs();
const WRITER = path.join(PROJECT_ROOT, 'test/digest/children/state-writer.ts');

function writer(job: Record<string, unknown>): { child: ChildProcess; done: Promise<string> } {
  const child = spawn(process.execPath, [...NODE_ARGS, WRITER, JSON.stringify(job)], {
    cwd: PROJECT_ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString()));
  // A child that failed (a store error, say) fails the test with its own words, not with missing counts.
  const done = once(child, 'exit').then(([code]) => {
    if (code !== 0 && code !== null) throw new Error(`a writer process exited with code ${code}: see its error above`);
    return out;
  });
  return { child, done };
}

const channels = ['CP1', 'CP2', 'CP3', 'CP4', 'CP5'];
const slotOf = (round: number) => new Date(Date.UTC(2026, 2, 30 + 7 * round, 7, 30)).toISOString();

/** A store the processes share: where they find it (`file`, `redisUrl`), and a way to read it here. */
interface Shared {
  readonly where: { readonly file: string; readonly redisUrl?: string };
  read(): Promise<Awaited<ReturnType<DigestStore['read']>>>;
  close(): Promise<void>;
}

function processContract(name: string, open: (dir: string) => Promise<Shared>): void {
  describe(name, () => {
    it('loses no subscription and posts no digest twice, with 4 processes subscribing and posting at once, round after round', async () => {
      const dir = await newDir();
      const shared = await open(dir);
      const slackLog = path.join(dir, 'slack.log');
      const rounds = 3;
      const processes = 4;
      const slots = (p: number) =>
        Array.from({ length: rounds }, (_, round) => ({
          slot: slotOf(round),
          subscribe: Array.from({ length: 5 }, (_, i) => `CS${round}X${p}X${i}`),
        }));
      await Promise.all(
        Array.from(
          { length: processes },
          (_, p) => writer({ ...shared.where, slackLog, owner: `process-${p}`, post: channels, slots: slots(p) }).done,
        ),
      );

      const state = await shared.read();
      await shared.close();
      expect(Object.keys(state.subscriptions)).toHaveLength(rounds * processes * 5);
      const posts = (await readFile(slackLog, 'utf8'))
        .split('\n')
        .filter(Boolean)
        .map((line) => line.split(' ').slice(0, 2).join(' '));
      expect(new Set(posts).size).toBe(posts.length);
      expect(posts).toHaveLength(rounds * channels.length);
      for (const channel of channels) expect(state.channels[channel]?.last?.slot).toBe(slotOf(rounds - 1));
    });

    it('after kill -9 of the process that held a claim mid-post, another finishes the slot without posting it twice', async () => {
      const dir = await newDir();
      const shared = await open(dir);
      const slackLog = path.join(dir, 'slack.log');
      const job = { ...shared.where, slackLog, slots: [{ slot: slotOf(0), subscribe: [] }], post: ['CP1'] };
      const dying = writer({ ...job, owner: 'dying', hang: true });
      await new Promise<void>((resolve) =>
        dying.child.stdout?.on('data', (chunk: Buffer) => chunk.toString().includes('posted') && resolve()),
      );
      dying.child.kill('SIGKILL');
      await dying.done;

      // While its claim holds, the slot is left alone; once it has expired (a minute on), it is taken over.
      const early = JSON.parse(await writer({ ...job, owner: 'survivor' }).done) as unknown[];
      const late = JSON.parse(await writer({ ...job, owner: 'survivor', skewMs: 61_000 }).done) as unknown[];
      expect([early, late]).toEqual([
        [expect.objectContaining({ status: 'in-progress-elsewhere' })],
        [{ status: 'already-posted', ts: '1.0' }],
      ]);
      expect((await readFile(slackLog, 'utf8')).split('\n').filter(Boolean)).toHaveLength(1);
      expect((await shared.read()).channels.CP1?.last?.ts).toBe('1.0');
      await shared.close();
    });
  });
}

processContract('the file store shared by processes on one volume', async (dir) => {
  const file = stateFile(dir);
  return { where: { file }, read: () => createFileDigestStore(file).read(), close: async () => {} };
});

describeWithRedis('the Redis store shared by processes', () => {
  processContract('on one Redis', async (dir) => {
    const { url } = await startRedis();
    const connection = connectRedis(url, capturingLogger().logger);
    await connection.connected;
    const store = createRedisDigestStore(connection, { logger: capturingLogger().logger });
    return { where: { file: stateFile(dir), redisUrl: url }, read: () => store.read(), close: () => connection.close() };
  });
});
