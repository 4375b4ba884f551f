import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';
import type { Bot } from '../../src/bot/answer.ts';
import { loadCatalogue } from '../../src/catalogue/load.ts';
import { compose, type DigestOverrides } from '../../src/compose.ts';
import { loadConfig } from '../../src/config.ts';
import type { Digest } from '../../src/digest/create.ts';
import { createLogger } from '../../src/log/logger.ts';
import type { Metrics } from '../../src/metrics/metrics.ts';
import type { SlackApp, SlackTuning } from '../../src/slack/app.ts';
import { type FakeSlack, type FakeSlackOptions, startFakeSlack } from '../helpers/fake-slack.ts';
import { slackCatalogueDir } from './fixture-catalogue.ts';

export const BOT_TOKEN = 'xoxb-1-test';
export const APP_TOKEN = 'xapp-1-test';
export const SIGNING_SECRET = 'testsigningsecret0123456789';

/** Everything quick: the tests exercise retries, backoff and shutdown, not their production durations. */
export const FAST: SlackTuning = {
  webApiRetry: { retries: 1, minTimeout: 10, maxTimeout: 20 },
  responseUrlRetry: { retries: 2, minTimeout: 10, factor: 2, maxTimeout: 20, maxRetryAfterMs: 1500 },
  requestTimeoutMs: 1000,
  socketRetry: { retries: 1, minTimeout: 10, maxTimeout: 20 },
  // Also the reconnect delay of the socket-mode client after a disconnect.
  socketPingTimeoutMs: 300,
  socketReconnectMaxMs: 1200,
  authTestBackoff: { initialMs: 50, maxMs: 200 },
  shutdownTimeoutMs: 3000,
  bodyTimeoutMs: 2000,
  // Generous: tests of French answers must not fall back on a loaded machine.
  languageWaitMs: 5000,
};

export interface LogLine {
  level: string;
  msg: string;
  [key: string]: unknown;
}

export interface Harness {
  readonly fake: FakeSlack;
  readonly app: SlackApp;
  readonly bot: Bot;
  /** The digest the app runs, when the options asked for one. */
  readonly digest: Digest | undefined;
  /** `http://127.0.0.1:PORT`: the Events API port in HTTP mode, the health port in Socket Mode. */
  readonly url: string;
  readonly logs: LogLine[];
  close(): Promise<void>;
}

export interface HarnessOptions {
  readonly mode: 'http' | 'socket';
  /** Runs the real weekly digest, on a DATA_DIR of its own, with these overrides; without it, /kubecon digest says it is off. */
  readonly digest?: DigestOverrides;
  /** Over the harness's environment: DIGEST_CHANNELS, say. */
  readonly env?: Record<string, string>;
  readonly metrics?: Metrics;
  /** Over FAST, for tests that need a production budget. */
  readonly tuning?: Partial<SlackTuning>;
  readonly fake?: FakeSlackOptions;
  /** Bolt's signature check instead of ours, as bench:load's bolt-signature variant runs it. */
  readonly signatureCheck?: 'ours' | 'bolt';
  /** Another harness's fake Slack, for a second replica of the bot; it stays open when this harness closes. */
  readonly sharedFake?: FakeSlack;
  /** Runs before the app starts, e.g. to make auth.test fail. */
  readonly beforeStart?: (fake: FakeSlack) => void;
}

export async function startHarness(options: HarnessOptions): Promise<Harness> {
  const fake = options.sharedFake ?? (await startFakeSlack(options.fake));
  options.beforeStart?.(fake);
  const dataDir = options.digest && (await mkdtemp(path.join(tmpdir(), 'kubecon-harness-')));
  const env: Record<string, string> = {
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_API_URL: fake.apiUrl,
    BOT_LANGUAGE: 'en',
    ...(options.mode === 'socket' ? { SLACK_APP_TOKEN: APP_TOKEN } : { SLACK_SIGNING_SECRET: SIGNING_SECRET }),
    ...(dataDir ? { DATA_DIR: dataDir } : {}),
    ...options.env,
  };
  const config = loadConfig({ env, envFile: '' });
  const catalogue = await loadCatalogue(slackCatalogueDir());
  const composition = await compose(config, { catalogue, metrics: options.metrics, random: () => 0 });
  const logs: LogLine[] = [];
  const logger = createLogger({ level: 'debug', write: (line) => logs.push(JSON.parse(line) as LogLine) });
  const digest = options.digest && composition.digest(logger, options.digest);
  const app = composition.slackApp({
    logger,
    digest,
    port: 0,
    host: '127.0.0.1',
    tuning: { ...FAST, ...options.tuning },
    signatureCheck: options.signatureCheck,
  });
  await app.start();
  return {
    fake,
    app,
    bot: composition.bot,
    digest,
    url: `http://127.0.0.1:${app.port}`,
    logs,
    async close() {
      await app.shutdown();
      await composition.close();
      if (dataDir) await rm(dataDir, { recursive: true, force: true });
      if (options.sharedFake) return;
      if (options.mode === 'socket') await fake.socket.waitForAllClosed();
      await fake.close();
    },
  };
}

/** Resolves once `predicate` holds, polling; for effects with no call to wait on. */
export async function eventually(predicate: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await predicate())) {
    if (Date.now() > until) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/**
 * `start(options)` for a test file: each test gets its own app and fake Slack, closed after
 * the test whatever happened in it.
 */
export function harnessPerTest(defaults: HarnessOptions): (options?: Partial<HarnessOptions>) => Promise<Harness> {
  let current: Harness | undefined;
  afterEach(async () => {
    await current?.close();
    current = undefined;
  });
  return async (options = {}) => (current = await startHarness({ ...defaults, ...options }));
}

/** As harnessPerTest, in Socket Mode, each app connected to the fake before the test goes on. */
export function connectedSocketHarnessPerTest(): () => Promise<Harness> {
  const start = harnessPerTest({ mode: 'socket' });
  return async () => {
    const harness = await start();
    await harness.fake.socket.waitForConnection();
    return harness;
  };
}
