import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { KnownBlock } from '@slack/types';
import { afterEach } from 'vitest';
import { loadCatalogue } from '../../src/catalogue/load.ts';
import type { Catalogue } from '../../src/catalogue/model.ts';
import type { Clock } from '../../src/clock.ts';
import { compose, type DigestOverrides } from '../../src/compose.ts';
import { type Config, loadConfig } from '../../src/config.ts';
import type { Digest } from '../../src/digest/create.ts';
import { STATE_FILE } from '../../src/digest/file-store.ts';
import { createLogger, type Logger } from '../../src/log/logger.ts';
import { type FakeSlack, type FakeSlackOptions, type RecordedCall, startFakeSlack } from '../helpers/fake-slack.ts';
import { slackCatalogueDir } from '../slack/fixture-catalogue.ts';
import { BOT_TOKEN, SIGNING_SECRET } from '../slack/harness.ts';

/** A clock whose time moves only when a test says so; timers fire in order as it moves. */
export interface FakeClock extends Clock {
  /** Jumps to `date` without firing timers: a process that was not running, say. */
  set(date: string | Date): void;
  /** Moves to `date`, firing every timer due on the way, each at its own time. */
  advanceTo(date: string | Date): Promise<void>;
  /** When the earliest timer is due, if any is set: what a test waits for before moving time on. */
  nextTimer(): Date | undefined;
}

export function fakeClock(start: string | Date): FakeClock {
  let now = new Date(start).getTime();
  let ids = 0;
  const timers = new Map<number, { at: number; callback: () => void }>();
  return {
    now: () => new Date(now),
    setTimeout(callback, ms) {
      ids += 1;
      timers.set(ids, { at: now + ms, callback });
      return ids;
    },
    clearTimeout: (handle) => void timers.delete(handle as number),
    set(date) {
      now = new Date(date).getTime();
    },
    nextTimer() {
      const times = [...timers.values()].map((timer) => timer.at);
      return times.length === 0 ? undefined : new Date(Math.min(...times));
    },
    async advanceTo(date) {
      const target = new Date(date).getTime();
      for (;;) {
        const [id, due] = [...timers].filter(([, timer]) => timer.at <= target).sort((a, b) => a[1].at - b[1].at)[0] ?? [];
        if (id === undefined || due === undefined) break;
        timers.delete(id);
        now = due.at;
        due.callback();
        await new Promise((resolve) => setImmediate(resolve));
      }
      now = target;
    },
  };
}

export interface LogLine {
  level: string;
  msg: string;
  [key: string]: unknown;
}

export function capturingLogger(): { logger: Logger; logs: LogLine[] } {
  const logs: LogLine[] = [];
  return { logs, logger: createLogger({ level: 'debug', write: (line) => logs.push(JSON.parse(line) as LogLine) }) };
}

/** A fresh DATA_DIR per test, removed after it. */
export function tempDirs(): () => Promise<string> {
  const made: string[] = [];
  afterEach(async () => {
    await Promise.all(made.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
  });
  return async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'kubecon-digest-'));
    made.push(dir);
    return dir;
  };
}

export const stateFile = (dataDir: string) => path.join(dataDir, STATE_FILE);

export function digestConfig(fake: FakeSlack, dataDir: string, env: Record<string, string> = {}): Config {
  return loadConfig({
    env: {
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: fake.apiUrl,
      DATA_DIR: dataDir,
      BOT_LANGUAGE: 'en',
      ...env,
    },
    envFile: '',
  });
}

let fixture: Promise<Catalogue> | undefined;
/** The Slack tests' catalogue: seven talks, five on autoscaling, two on costs, one on observability. */
export function fixtureCatalogue(): Promise<Catalogue> {
  fixture ??= loadCatalogue(slackCatalogueDir());
  return fixture;
}

/**
 * Makes the fake answer conversations.history from the chat.postMessage calls it received,
 * newest first. With `lostAnswers`, a post that met a 5xx counts as posted: Slack took it,
 * and the answer was lost on the way back.
 */
export function serveHistory(fake: FakeSlack, { lostAnswers = false }: { lostAnswers?: boolean } = {}): void {
  fake.setResponse('conversations.history', (call) => {
    const posted = fake
      .callsTo('chat.postMessage')
      .filter(
        (post) =>
          post.args.channel === call.args.channel &&
          (post.fault === undefined || (lostAnswers && 'status' in post.fault && post.fault.status >= 500)),
      );
    return {
      ok: true,
      messages: posted
        .map((post, index) => ({
          type: 'message',
          ts: `${Math.floor(post.at / 1000)}.${String(index).padStart(6, '0')}`,
          metadata: post.args.metadata,
        }))
        .reverse(),
      has_more: false,
    };
  });
}

/** Answers chat.postMessage with `error` in `channel`, normally elsewhere. */
export function refuseIn(fake: FakeSlack, channel: string, error: string): void {
  let count = 0;
  fake.setResponse('chat.postMessage', (call) => {
    if (call.args.channel === channel) return { ok: false, error };
    count += 1;
    return { ok: true, channel: call.args.channel, ts: `1700000000.${String(count).padStart(6, '0')}` };
  });
}

export const succeeded = (fake: FakeSlack, channel?: string): RecordedCall[] =>
  fake.callsTo('chat.postMessage').filter((call) => call.fault === undefined && (channel === undefined || call.args.channel === channel));

/** The ids of the talks in a posted digest: each talk's Watch (or Read) button carries it. */
export function talkIds(call: RecordedCall): string[] {
  return (call.args.blocks as KnownBlock[]).flatMap((block) =>
    block.type === 'section' && block.accessory?.type === 'button' && block.accessory.value ? [block.accessory.value] : [],
  );
}

export interface DigestFixture {
  readonly fake: FakeSlack;
  readonly dataDir: string;
  readonly config: Config;
  readonly logs: LogLine[];
  /** Delays the poster asked to wait, in ms; nobody actually waits. */
  readonly waits: number[];
  /** A digest instance on the shared fake and DATA_DIR; a second call stands for a restarted process. */
  digest(overrides?: DigestOverrides): Digest;
}

/** A fake Slack with history, a fresh DATA_DIR, closed and removed after each test. */
export function digestFixtures(): (options?: {
  fake?: FakeSlackOptions;
  env?: Record<string, string>;
  lostAnswers?: boolean;
}) => Promise<DigestFixture> {
  const newDir = tempDirs();
  const fakes: FakeSlack[] = [];
  afterEach(async () => {
    await Promise.all(fakes.splice(0).map((fake) => fake.close()));
  });
  return async ({ fake: fakeOptions, env, lostAnswers } = {}) => {
    const fake = await startFakeSlack(fakeOptions);
    fakes.push(fake);
    serveHistory(fake, { lostAnswers });
    const dataDir = await newDir();
    const config = digestConfig(fake, dataDir, env);
    const { logger, logs } = capturingLogger();
    const waits: number[] = [];
    const composition = await compose(config, { catalogue: await fixtureCatalogue() });
    return {
      fake,
      dataDir,
      config,
      logs,
      waits,
      digest: (overrides = {}) =>
        composition.digest(logger, {
          sleep: async (ms) => void waits.push(ms),
          retry: { attempts: 4, initialDelayMs: 100, maxDelayMs: 1000, waitBudgetMs: 10_000 },
          ...overrides,
        }),
    };
  };
}
