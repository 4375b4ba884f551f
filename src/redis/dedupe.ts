import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from '../log/logger.ts';
import type { Metrics } from '../metrics/metrics.ts';
import { EVENT_TTL_MS, type EventDeduplicator } from '../slack/dedupe.ts';
import type { RedisConnection } from './connection.ts';

const ANSWERED = 'answered';

/** Deletes, or extends, the key only while it still holds this delivery's token. */
const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;
const RENEW = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end return 0`;

export interface RedisDeduplicatorOptions {
  /** This process's own de-duplication, used while Redis does not answer. */
  readonly local: EventDeduplicator;
  readonly logger: Logger;
  readonly metrics?: Pick<Metrics, 'dedupeFallback'> | undefined;
  /** How long a delivery being answered holds its event without renewing it: a replica that died lets go after this. */
  readonly leaseMs?: number;
  readonly ttlMs?: number;
  readonly pollMs?: number;
}

/**
 * Event de-duplication shared by replicas: a delivery claims its event in Redis (SET NX) on
 * receipt, under a lease renewed while it is answered; once answered, the key says so for
 * longer than Slack retries. A retry that finds the event being answered elsewhere waits
 * for the outcome; one that finds it released (the first delivery failed) answers it. While
 * Redis does not answer, each replica de-duplicates alone, says so, and counts it.
 */
export function createRedisDeduplicator(
  redis: RedisConnection,
  { local, logger, metrics, leaseMs = 30_000, ttlMs = EVENT_TTL_MS, pollMs = 200 }: RedisDeduplicatorOptions,
): EventDeduplicator {
  const log = logger.child({ component: 'dedupe' });
  const { client } = redis;

  /** Whether this delivery now owns the event, or an earlier one answered it. */
  async function claim(key: string, token: string): Promise<'mine' | 'answered'> {
    const started = Date.now();
    for (;;) {
      if ((await client.set(key, token, { condition: 'NX', expiration: { type: 'PX', value: leaseMs } })) === 'OK') return 'mine';
      const holder = await client.get(key);
      if (holder === ANSWERED) return 'answered';
      // Being answered (here or by another replica) and kept alive that long: it will not end in time to matter.
      if (holder !== null && Date.now() - started > 2 * leaseMs) return 'answered';
      if (holder !== null) await sleep(pollMs);
    }
  }

  return {
    get size() {
      return local.size;
    },

    async once(event, work) {
      const key = `${redis.prefix}event:${event}`;
      const token = randomUUID();
      let claimed: 'mine' | 'answered';
      try {
        claimed = await claim(key, token);
      } catch (error) {
        metrics?.dedupeFallback();
        log.warn('Redis did not answer: this event is de-duplicated by this replica alone', { error });
        return local.once(event, work);
      }
      if (claimed === 'answered') return 'duplicate';

      const renewal = setInterval(
        () => void client.eval(RENEW, { keys: [key], arguments: [token, String(leaseMs)] }).catch(() => undefined),
        leaseMs / 3,
      );
      renewal.unref();
      let answered = false;
      try {
        answered = await work();
      } finally {
        clearInterval(renewal);
        const settle = answered
          ? client.set(key, ANSWERED, { expiration: { type: 'PX', value: ttlMs } })
          : client.eval(RELEASE, { keys: [key], arguments: [token] });
        await settle.catch((error: unknown) =>
          log.warn('Could not record the event in Redis: a retry of it may be answered again', { error, answered }),
        );
      }
      return answered ? 'answered' : 'failed';
    },
  };
}
