import { createClient } from 'redis';
import type { Logger } from '../log/logger.ts';

function newClient(url: string, reconnectStrategy: (retries: number) => number | Error) {
  return createClient({ url, disableOfflineQueue: true, socket: { connectTimeout: 5000, reconnectStrategy } });
}

export type RedisClient = ReturnType<typeof newClient>;

export interface RedisConnection {
  readonly client: RedisClient;
  /** Keys this bot writes start with it, so that a shared Redis stays readable. */
  readonly prefix: string;
  /** REDIS_URL without its password. */
  readonly target: string;
  /** Redis answers commands now; false while it is unreachable (commands then fail at once). */
  readonly ready: boolean;
  /** Resolves once Redis first answers; rejects for good on a setting that retrying cannot fix (a wrong password, TLS). */
  readonly connected: Promise<void>;
  /** True once Redis answers, waiting up to `ms` for it (a start-up, a blip); false if it still does not. */
  whenReady(ms: number): Promise<boolean>;
  close(): Promise<void>;
}

/** A Redis setting that waiting will not fix: the message says which part of REDIS_URL to correct. */
export class RedisConfigError extends Error {
  override readonly name = 'RedisConfigError';
}

const KEY_PREFIX = 'kubecon-bot:';
/** Reconnects back off to this, with jitter, and go on for as long as the process runs. */
const MAX_RECONNECT_DELAY_MS = 10_000;

/** Where REDIS_URL points, without its password: for logs and messages. */
export function redisTarget(url: string): string {
  const parsed = new URL(url);
  return `${parsed.protocol}//${parsed.host}${parsed.pathname === '/' ? '' : parsed.pathname}`;
}

/** Why Redis refused, as a fix to REDIS_URL; undefined for trouble that may pass (Redis down, network). */
export function misconfiguration(error: unknown, url: string): string | undefined {
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as NodeJS.ErrnoException | undefined)?.code ?? '';
  const target = redisTarget(url);
  if (/WRONGPASS|invalid password|invalid username-password/i.test(message))
    return `Redis at ${target} refused the user name or password in REDIS_URL (WRONGPASS): set the one Redis expects, e.g. redis://:<password>@host:6379/0.`;
  if (/NOAUTH/i.test(message))
    return `Redis at ${target} requires a password and REDIS_URL gives none: write it as redis://:<password>@host:6379/0.`;
  if (
    /^ERR_SSL|^ERR_TLS|CERT|SELF_SIGNED|UNABLE_TO_VERIFY/.test(code) ||
    /wrong version number|ssl3_get_record|packet length too long/i.test(message)
  )
    return `TLS with Redis at ${target} failed (${code || message}): use rediss:// only if the server speaks TLS, redis:// if it does not, and check its certificate.`;
  if (/DB index is out of range/i.test(message))
    return `REDIS_URL names a database Redis does not have (${message}): use /0 or another index it has.`;
  return undefined;
}

/**
 * One connection to REDIS_URL, kept for the life of the process. Commands are never queued
 * while Redis is unreachable (`disableOfflineQueue`): they fail at once, so that answers
 * fall back to this process's de-duplication rather than wait, and the digest fails closed.
 */
export function connectRedis(url: string, logger: Logger): RedisConnection {
  const log = logger.child({ component: 'redis', redis: redisTarget(url) });
  let fatal: RedisConfigError | undefined;
  let lastProblem: string | undefined;
  const client = newClient(
    url,
    (retries) => fatal ?? Math.min(MAX_RECONNECT_DELAY_MS, 100 * 2 ** Math.min(retries, 10)) * (0.5 + Math.random() / 2),
  );
  client.on('error', (error: unknown) => {
    const fix = misconfiguration(error, url);
    if (fix) fatal = new RedisConfigError(fix);
    const problem = error instanceof Error ? error.message : String(error);
    // One line per new problem, not one per reconnect attempt.
    if (problem === lastProblem) return;
    lastProblem = problem;
    const tlsHint =
      url.startsWith('rediss:') && /timeout/i.test(problem)
        ? ' (rediss:// asks for TLS: use redis:// if the server does not speak it)'
        : '';
    log.error(
      fix ?? `Redis is unreachable (REDIS_URL)${tlsHint}: answers go on, each replica de-duplicating alone; the digest waits for it`,
      { error: problem },
    );
  });
  client.on('ready', () => {
    if (lastProblem !== undefined) log.info('Redis answers again');
    lastProblem = undefined;
  });
  const connected = client.connect().then(
    () => undefined,
    (error: unknown) => {
      throw (
        fatal ??
        new RedisConfigError(misconfiguration(error, url) ?? `Cannot connect to Redis at ${redisTarget(url)} (REDIS_URL): ${String(error)}`)
      );
    },
  );
  connected.catch(() => undefined);
  return {
    client,
    prefix: KEY_PREFIX,
    target: redisTarget(url),
    get ready() {
      return client.isReady;
    },
    connected,
    whenReady(ms) {
      if (client.isReady) return Promise.resolve(true);
      // Not events.once: it gives up on the first 'error', and each failed reconnect emits one.
      return new Promise<boolean>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          client.off('ready', done);
          resolve(client.isReady);
        };
        const timer = setTimeout(done, ms);
        client.on('ready', done);
      });
    },
    async close() {
      if (client.isOpen) await client.close().catch(() => client.destroy());
      else client.destroy();
    },
  };
}
