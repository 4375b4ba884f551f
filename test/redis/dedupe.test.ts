import { afterEach, expect, it } from 'vitest';
import { createMetrics } from '../../src/metrics/metrics.ts';
import { connectRedis, type RedisConnection } from '../../src/redis/connection.ts';
import { createRedisDeduplicator } from '../../src/redis/dedupe.ts';
import { createEventDeduplicator } from '../../src/slack/dedupe.ts';
import { capturingLogger } from '../digest/helpers.ts';
import { describeWithRedis, startRedis } from '../helpers/redis-server.ts';

const connections: RedisConnection[] = [];
afterEach(async () => {
  await Promise.all(connections.splice(0).map((connection) => connection.close()));
});

/** One replica's de-duplication, on a connection of its own. */
async function replica(url: string, options: { leaseMs?: number } = {}) {
  const { logger, logs } = capturingLogger();
  const connection = connectRedis(url, logger);
  connections.push(connection);
  await connection.connected;
  const metrics = createMetrics();
  const events = createRedisDeduplicator(connection, { local: createEventDeduplicator(), logger, metrics, pollMs: 10, ...options });
  return { events, logs, metrics };
}

describeWithRedis('event de-duplication shared through Redis', () => {
  it('answers an event once when its retry reaches another replica, even while the first is still answering', async () => {
    const { url } = await startRedis();
    const [a, b] = await Promise.all([replica(url), replica(url)]);
    const answered: string[] = [];
    let finish: () => void = () => {};
    const slow = new Promise<void>((resolve) => (finish = resolve));
    const first = a.events.once('T1:Ev1', async () => {
      await slow;
      answered.push('a');
      return true;
    });
    const retry = b.events.once('T1:Ev1', async () => {
      answered.push('b');
      return true;
    });
    finish();
    expect(await Promise.all([first, retry])).toEqual(['answered', 'duplicate']);
    expect(await b.events.once('T1:Ev1', async () => true)).toBe('duplicate');
    expect(answered).toEqual(['a']);
  });

  it('answers the retry of a delivery that failed, on whichever replica it lands', async () => {
    const { url } = await startRedis();
    const [a, b] = await Promise.all([replica(url), replica(url)]);
    expect(await a.events.once('T1:Ev2', async () => false)).toBe('failed');
    expect(await b.events.once('T1:Ev2', async () => true)).toBe('answered');
  });

  it('lets another replica answer once the one that took the event died (its lease ran out)', async () => {
    const { url } = await startRedis();
    const a = await replica(url, { leaseMs: 150 });
    const b = await replica(url, { leaseMs: 150 });
    // A replica that dies mid-answer: its connection goes, so its lease is never renewed.
    void a.events.once('T1:Ev3', () => new Promise<boolean>(() => {}));
    await new Promise((resolve) => setTimeout(resolve, 20));
    await connections[0]!.close();
    expect(await b.events.once('T1:Ev3', async () => true)).toBe('answered');
  });

  it('keeps answering while Redis is down, de-duplicating in memory, and says so', async () => {
    const redis = await startRedis();
    const a = await replica(redis.url);
    await redis.stop();
    expect(await a.events.once('T1:Ev4', async () => true)).toBe('answered');
    expect(await a.events.once('T1:Ev4', async () => true)).toBe('duplicate');
    expect(a.logs.some((line) => line.msg.includes('de-duplicated by this replica alone'))).toBe(true);
    expect(await a.metrics.registry.getSingleMetricAsString('kubecon_dedupe_fallbacks_total')).toContain(
      'kubecon_dedupe_fallbacks_total 2',
    );
  });
});
