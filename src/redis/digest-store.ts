import { setTimeout as sleep } from 'node:timers/promises';
import { type DigestState, DigestStateError, type DigestStore, EMPTY_STATE, parseState, validState } from '../digest/store.ts';
import type { Logger } from '../log/logger.ts';
import type { RedisConnection } from './connection.ts';

/**
 * Saves the new state only if nobody saved one since it was read (same revision): a
 * compare-and-set, atomic in Redis, so that concurrent changes from any number of replicas
 * are each applied to the latest state and the hash is never half-written.
 */
const SAVE_IF_UNCHANGED = `
if (redis.call('HGET', KEYS[1], 'rev') or '0') ~= ARGV[1] then return 0 end
redis.call('HSET', KEYS[1], 'rev', ARGV[2], 'state', ARGV[3])
return 1`;

/** Replicas contend for the state only around a slot; a change that loses the race this often is a bug, not bad luck. */
const MAX_ATTEMPTS = 100;
const READY_WAIT_MS = 5000;

export interface RedisDigestStoreOptions {
  readonly logger: Logger;
  /** The state a single replica kept under DATA_DIR: imported once, when Redis has none yet. */
  readonly importFrom?: DigestStore | undefined;
}

/**
 * The digest state in one Redis hash ({rev, state}), for replicas that share it. Every
 * change is read, applied and saved by compare-and-set, retried when another process saved
 * first. While Redis is unreachable every call fails with a DigestStateError: the digest
 * fails closed, nothing is posted that could not be recorded.
 */
export function createRedisDigestStore(redis: RedisConnection, { logger, importFrom }: RedisDigestStoreOptions): DigestStore {
  const key = `${redis.prefix}digest:state`;
  const location = `Redis ${redis.target} key ${key}`;
  const log = logger.child({ component: 'digest-store', location });
  let imported: Promise<void> | undefined;

  async function call<T>(what: string, command: () => Promise<T>): Promise<T> {
    try {
      // A command sent while Redis is unreachable fails at once: give a start-up or a blip a few seconds first.
      await redis.whenReady(READY_WAIT_MS);
      return await command();
    } catch (error) {
      throw new DigestStateError(
        `Cannot ${what} the digest state in ${location} (${error instanceof Error ? error.message : String(error)}): ` +
          'no digest is posted until Redis answers again (check REDIS_URL and that Redis is up).',
      );
    }
  }

  async function load(): Promise<{ rev: string; state: DigestState | undefined }> {
    const [rev, json] = await call('read', () => redis.client.hmGet(key, ['rev', 'state']));
    if (json === null || json === undefined) return { rev: rev ?? '0', state: undefined };
    const parsed = parseState(JSON.parse(json));
    if ('problems' in parsed) throw new DigestStateError(`The digest state in ${location} is not a digest state (${parsed.problems}).`);
    return { rev: rev ?? '0', state: parsed.state };
  }

  /** The first replica to find Redis empty brings in DATA_DIR's state; the others find it there. */
  function importOnce(): Promise<void> {
    imported ??= (async () => {
      if (importFrom === undefined || (await load()).state !== undefined) return;
      const state = await importFrom.read();
      if (state === EMPTY_STATE) return;
      const saved = await call('save', () =>
        redis.client.eval(SAVE_IF_UNCHANGED, { keys: [key], arguments: ['0', '1', JSON.stringify(validState(state))] }),
      );
      if (saved === 1)
        log.warn('Imported the digest state from DATA_DIR into Redis, once: Redis holds it from now on', {
          from: importFrom.location,
          subscriptions: Object.keys(state.subscriptions).length,
          channels: Object.keys(state.channels).length,
        });
    })();
    // A failed import (Redis down) is tried again by the next call.
    imported.catch(() => (imported = undefined));
    return imported;
  }

  async function read(): Promise<DigestState> {
    await importOnce();
    return (await load()).state ?? EMPTY_STATE;
  }

  async function update(change: (state: DigestState) => DigestState): Promise<DigestState> {
    await importOnce();
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt += 1) {
      const { rev, state } = await load();
      const current = state ?? EMPTY_STATE;
      const next = change(current);
      if (next === current) return current;
      const valid = validState(next);
      const saved = await call('save', () =>
        redis.client.eval(SAVE_IF_UNCHANGED, { keys: [key], arguments: [rev, String(Number(rev) + 1), JSON.stringify(valid)] }),
      );
      if (saved === 1) return valid;
      // Another process saved first: apply the change again, to its state.
      await sleep(Math.random() * Math.min(50, attempt * 5));
    }
    throw new DigestStateError(`Could not save the digest state in ${location}: ${MAX_ATTEMPTS} concurrent changes came first.`);
  }

  return { location, read, update };
}
