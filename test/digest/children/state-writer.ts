/**
 * One process sharing a digest state (a file, or Redis with `redisUrl`) with others, for
 * store-processes.test.ts:
 * for each slot in turn, subscribes its own channels and posts the shared ones, all at
 * once. "Slack" is an append-only log file all processes share: a post appends a line, a
 * history search reads them. With `hang`, it stops after posting, never recording the ts,
 * for the test to kill it; `skewMs` moves its clock, to stand for time passing.
 */
import { appendFile, readFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { loadCatalogue } from '../../../src/catalogue/load.ts';
import { createFileDigestStore } from '../../../src/digest/file-store.ts';
import { createPlanner } from '../../../src/digest/plan.ts';
import { createPoster, DEFAULT_RETRY } from '../../../src/digest/poster.ts';
import { subscribe } from '../../../src/digest/state.ts';
import { createLogger } from '../../../src/log/logger.ts';
import { connectRedis } from '../../../src/redis/connection.ts';
import { createRedisDigestStore } from '../../../src/redis/digest-store.ts';
import { slackCatalogueDir } from '../../slack/fixture-catalogue.ts';

interface Job {
  readonly file: string;
  readonly redisUrl?: string;
  readonly slackLog: string;
  readonly owner: string;
  readonly slots: readonly { readonly slot: string; readonly subscribe: readonly string[] }[];
  readonly post: readonly string[];
  readonly hang?: boolean;
  readonly skewMs?: number;
}
const { file, redisUrl, slackLog, owner, slots, post, hang = false, skewMs = 0 } = JSON.parse(process.argv[2] ?? '{}') as Job;
const logger = createLogger({ level: 'error', write: () => {} });
const redis = redisUrl === undefined ? undefined : connectRedis(redisUrl, logger);
await redis?.connected;
const store = redis ? createRedisDigestStore(redis, { logger }) : createFileDigestStore(file);
const lines = async () => (await readFile(slackLog, 'utf8').catch(() => '')).split('\n').filter(Boolean);

const poster = createPoster({
  store,
  planner: createPlanner(await loadCatalogue(slackCatalogueDir())),
  logger,
  now: () => new Date(Date.now() + skewMs),
  sleep: async () => {},
  retry: DEFAULT_RETRY,
  owner,
  claimTtlMs: 60_000,
  outlet: {
    async post(channel, slot) {
      await sleep(Math.random() * 5);
      await appendFile(slackLog, `${channel} ${slot} ${owner}\n`);
      if (hang) {
        console.log('posted');
        return new Promise<string>(() => {});
      }
      return `${(await lines()).length}.0`;
    },
    async findPosted(channel, slot) {
      const index = (await lines()).findIndex((line) => line.startsWith(`${channel} ${slot} `));
      return index === -1 ? undefined : `${index + 1}.0`;
    },
    classify: () => ({ kind: 'ambiguous', reason: 'reset' }),
  },
});

for (const { slot, subscribe: channels } of slots) {
  const at = new Date().toISOString();
  const results = await Promise.all([
    ...channels.map((channel) => store.update((state) => subscribe(state, channel, { by: owner, at, language: 'en' }))),
    ...post.map((channel) => poster.post(channel, slot, 'en')),
  ]);
  console.log(JSON.stringify(results.filter((result) => 'status' in result)));
}
await redis?.close();
