import { writeFile } from 'node:fs/promises';
import { afterEach, expect, it } from 'vitest';
import { createFileDigestStore } from '../../src/digest/file-store.ts';
import { DigestStateError, EMPTY_STATE } from '../../src/digest/store.ts';
import { connectRedis, type RedisConnection } from '../../src/redis/connection.ts';
import { createRedisDigestStore } from '../../src/redis/digest-store.ts';
import { claimContract } from '../digest/claims.ts';
import { capturingLogger, stateFile, tempDirs } from '../digest/helpers.ts';
import { digestStoreContract, subscribed } from '../digest/store-contract.ts';
import { describeWithRedis, startRedis } from '../helpers/redis-server.ts';

const newDir = tempDirs();
const connections: RedisConnection[] = [];
afterEach(async () => {
  await Promise.all(connections.splice(0).map((connection) => connection.close()));
});

/** A connection of its own, as each replica has. */
async function connect(url: string): Promise<RedisConnection> {
  const connection = connectRedis(url, capturingLogger().logger);
  connections.push(connection);
  await connection.connected;
  return connection;
}

describeWithRedis('the Redis digest store', () => {
  digestStoreContract('the Redis store', async () => {
    const { url } = await startRedis();
    const { logger } = capturingLogger();
    const [a, b] = await Promise.all([connect(url), connect(url)]);
    return { open: () => createRedisDigestStore(a, { logger }), reopen: () => createRedisDigestStore(b, { logger }) };
  });

  it('loses no change made at once through several connections, as replicas make them', async () => {
    const { url } = await startRedis();
    const { logger } = capturingLogger();
    const stores = await Promise.all([1, 2, 3, 4].map(async () => createRedisDigestStore(await connect(url), { logger })));
    const channels = Array.from({ length: 40 }, (_, i) => `C${i}`);
    await Promise.all(channels.map((channel, i) => stores[i % stores.length]!.update((state) => subscribed(state, channel))));
    expect(Object.keys((await stores[0]!.read()).subscriptions).sort()).toEqual([...channels].sort());
  });

  it('imports the state a single replica kept under DATA_DIR, once, and says so', async () => {
    const { url } = await startRedis();
    const file = stateFile(await newDir());
    await writeFile(file, JSON.stringify(subscribed(subscribed(EMPTY_STATE, 'C1'), 'C2')));
    const { logger, logs } = capturingLogger();
    const importFrom = createFileDigestStore(file);
    const first = createRedisDigestStore(await connect(url), { logger, importFrom });
    expect(Object.keys((await first.read()).subscriptions)).toEqual(['C1', 'C2']);
    await first.update((state) => subscribed(state, 'C3'));
    // A second replica, or a restart, finds Redis holding the state and imports nothing over it.
    const second = createRedisDigestStore(await connect(url), { logger, importFrom });
    expect(Object.keys((await second.read()).subscriptions)).toEqual(['C1', 'C2', 'C3']);
    expect(logs.filter((line) => line.msg.startsWith('Imported the digest state'))).toHaveLength(1);
  });

  it('fails closed while Redis is down, naming it, and works again once it is back', async () => {
    const redis = await startRedis();
    const { logger } = capturingLogger();
    const connection = await connect(redis.url);
    const store = createRedisDigestStore(connection, { logger });
    await store.update((state) => subscribed(state, 'C1'));
    await redis.stop();
    const error = (await store.update((state) => subscribed(state, 'C2')).catch((e: unknown) => e)) as Error;
    expect(error).toBeInstanceOf(DigestStateError);
    expect(error.message).toContain('no digest is posted until Redis answers again');
    await redis.start();
    // The client reconnects on its own schedule (jittered back-off); wait for it, not a clock.
    expect(await connection.whenReady(15_000)).toBe(true);
    // An empty Redis again (no persistence in tests): the store starts over rather than fail.
    await store.update((state) => subscribed(state, 'C2'));
    expect(Object.keys((await store.read()).subscriptions)).toEqual(['C2']);
  });
});

describeWithRedis('the Redis digest store, shared by processes', () => {
  claimContract('the Redis store', async (count) => {
    const { url } = await startRedis();
    const { logger } = capturingLogger();
    return Promise.all(Array.from({ length: count }, async () => createRedisDigestStore(await connect(url), { logger })));
  });
});
