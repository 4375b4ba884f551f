// Load: the real bot in HTTP mode, on the real catalogue, against the local fake Slack Web API,
// next to two references: a bare node:http server that only checks the same signature and
// answers 200 (the upper bound on this machine), and Bolt's HTTPReceiver with a listener that
// only acks (what the framework alone costs). Each server runs in a child process of its own,
// so its RSS is its own and it shares no event loop with the load generator or the fake Slack;
// everything listens on 127.0.0.1. What is timed is the ack: from sending a request to the end
// of its HTTP answer. The bot's answers, posted after the ack to each response_url, are counted
// and checked by the fake Slack, in its own process.
//
// Usage: npm run bench:load [-- --requests 5000 --concurrency 50 --timeout 50] [-- --smoke]
//   --profile                writes a V8 CPU profile of the bot's measured run to $TMPDIR/kubecon-bot-bench/
//                            (open it in Chrome DevTools, Performance tab)
//   --bot-node-options=...   node/V8 flags for the bot process only; by default the V8 sizing flags
//                            (--max-*) of the Dockerfile's CMD, so the bot is measured as it is deployed
//   --from-source            runs the servers from the .ts sources instead of compiling them first
//                            (quicker to start; RSS then includes Node's type stripper)
// Exits 1 when a target is missed, 2 when the run overran its time bound.
import { type ChildProcess, fork, spawnSync } from 'node:child_process';
import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { Agent } from 'node:http';
import type { AddressInfo } from 'node:net';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import v8 from 'node:v8';
// Not `from 'node:http'`: that import alone loads Node's bundled undici into every server measured here (see src/http/node-http.ts).
import { http } from '../src/http/node-http.ts';

const { createServer, request } = http;

const SIGNING_SECRET = 'benchsigningsecret0123456789';
const BOT_TOKEN = 'xoxb-1-bench';
const USERS = Array.from({ length: 20 }, (_, i) => `UBENCH${i}`);
/** Bolt refuses requests signed more than 5 minutes ago; the bare server applies the same rule. */
const MAX_SIGNATURE_AGE_S = 300;
const PER_REQUEST_TIMEOUT_MS = 10_000;
const ANSWERS_GRACE_MS = 15_000;

const TARGETS = { p99Ms: 50, shareOfBare: 0.4, rssMb: 150 } as const;

const { values: flags } = parseArgs({
  options: {
    role: { type: 'string', default: 'main' },
    requests: { type: 'string', default: '5000' },
    concurrency: { type: 'string', default: '50' },
    timeout: { type: 'string', default: '50' },
    profile: { type: 'boolean', default: false },
    'bot-node-options': { type: 'string' },
    'from-source': { type: 'boolean', default: false },
    // CI's bounded run: only errors and answers decide the exit code, since timings on a shared machine do not.
    smoke: { type: 'boolean', default: false },
  },
});

const mb = (bytes: number) => bytes / 1024 / 1024;

/** The V8 sizing flags (--max-...) the container starts the bot with, from the Dockerfile's CMD. */
function deployedV8Flags(root: string): string {
  const dockerfile = readFileSync(path.join(root, 'Dockerfile'), 'utf8');
  const cmd = /^CMD (\[.*\])$/m.exec(
    dockerfile
      .split('\n')
      .filter((line) => !line.startsWith(' '))
      .join('\n'),
  );
  if (!cmd) throw new Error("bench:load: no CMD in the Dockerfile to take the bot's node flags from");
  return (JSON.parse(cmd[1]!) as string[]).filter((arg) => arg.startsWith('--max-')).join(' ');
}

// ---------------------------------------------------------------- child processes: the servers and the fake Slack

type Role = 'bare' | 'bolt' | 'bot' | 'fake';

type ChildMessage =
  | { type: 'ready'; url: string }
  | { type: 'profiling' }
  | { type: 'stats'; stats: ServerStats }
  | { type: 'answers'; answers: AnswerTally };

interface ServerStats {
  /** The kernel's high-water mark for the process (resourceUsage().maxRSS), start-up included. */
  readonly maxRss: number;
  /** The highest RSS sampled every 10 ms. */
  readonly sampledPeakRss: number;
  /** RSS once started and idle, before the first request. */
  readonly idleRss: number;
  /** V8's heap when RSS peaked: reserved, of which the young generation, and used (live or not yet collected). */
  readonly heapAtPeak: { readonly total: number; readonly young: number; readonly used: number };
  readonly heapLimit: number;
  /** Event loop delay while serving, in ms: how long a ready request could wait for the process. */
  readonly loopDelay: { readonly p99: number; readonly max: number };
  readonly warnings: number;
  readonly errors: number;
  readonly firstProblems: readonly string[];
  readonly profile?: ProfileSummary | undefined;
}

interface AnswerTally {
  /** response_url ids answered at least once. */
  readonly answered: number;
  readonly posts: number;
  /** Posts that were not an ephemeral Block Kit answer (empty, or without blocks). */
  readonly invalid: number;
  readonly apologies: number;
  readonly lastAt: number;
  readonly otherCalls: Record<string, number>;
}

interface LogCounts {
  warnings: number;
  errors: number;
  firstProblems: string[];
}

function send(message: ChildMessage): void {
  process.send?.(message);
}

/** Where a profiled request's time goes: the first bucket whose marker is on the sample's stack. */
const BUCKETS: readonly (readonly [string, RegExp])[] = [
  ['bench itself: profiler, RSS sampler', /bench\/load\.ts|node:inspector/],
  [
    'answer: POST to the response_url (node:http client)',
    /@slack\/bolt\/dist\/context\/create-respond|src\/http\/slack-fetch|node:_http_client|node:_http_agent|node:internal\/deps\/undici|node:internal\/webstreams|abort_controller/,
  ],
  ['answer: search (src/search, fuse.js)', /src\/search\/|fuse\.js/],
  ['answer: Block Kit (src/blocks)', /src\/blocks\//],
  ['answer: parse, users.info cache, rest of the listener', /src\/(bot|slack\/listeners)\//],
  ['Bolt: signature check (HMAC, tsscmp)', /verify-request\.js|tsscmp/],
  ['Bolt: body read and parse', /HTTPModuleFunctions\.js|body-guard\.ts|node:querystring|raw-body/],
  ['Bolt: middleware, routing, ack', /@slack\/bolt\//],
  ['metrics (prom-client)', /prom-client/],
  ['node:http server', /node:_http_|node:net|node:internal\/stream/],
];

export interface ProfileSummary {
  readonly file: string;
  readonly totalMs: number;
  readonly buckets: readonly (readonly [string, number])[];
}

function summarise(
  profile: {
    nodes: { id: number; callFrame: { url: string; functionName: string }; children?: number[] }[];
    samples: number[];
    timeDeltas: number[];
  },
  file: string,
): ProfileSummary {
  const parent = new Map<number, number>();
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const bucketOf = new Map<number, string>();
  const classify = (id: number): string => {
    const known = bucketOf.get(id);
    if (known !== undefined) return known;
    const frames: string[] = [];
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const { url, functionName } = byId.get(at)!.callFrame;
      frames.push(url || functionName);
    }
    const leaf = byId.get(id)!.callFrame.functionName;
    const bucket =
      leaf === '(garbage collector)'
        ? 'garbage collector'
        : leaf === '(idle)'
          ? 'idle'
          : (BUCKETS.find(([, marker]) => frames.some((frame) => marker.test(frame)))?.[0] ?? 'other: promise and timer machinery');
    bucketOf.set(id, bucket);
    return bucket;
  };
  const totals = new Map<string, number>();
  let totalMs = 0;
  profile.samples.forEach((id, i) => {
    const ms = (profile.timeDeltas[i] ?? 0) / 1000;
    totalMs += ms;
    totals.set(classify(id), (totals.get(classify(id)) ?? 0) + ms);
  });
  return { file, totalMs, buckets: [...totals].sort((a, b) => b[1] - a[1]) };
}

/** A V8 CPU profile of the measured run only: start-up and warm-up left out. */
async function startProfile(dir: string): Promise<() => Promise<ProfileSummary>> {
  const { Session } = await import('node:inspector/promises');
  const { mkdirSync, writeFileSync } = await import('node:fs');
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 100 });
  await session.post('Profiler.start');
  return async () => {
    const { profile } = await session.post('Profiler.stop');
    session.disconnect();
    mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `bot-${new Date().toISOString().replaceAll(':', '-')}.cpuprofile`);
    writeFileSync(file, JSON.stringify(profile));
    return summarise(profile as unknown as Parameters<typeof summarise>[0], file);
  };
}

/** Samples memory until the parent asks for the figures (and profiles when asked to). */
function serve(url: string, counts: LogCounts = { warnings: 0, errors: 0, firstProblems: [] }): void {
  const idleRss = process.memoryUsage.rss();
  let sampledPeakRss = idleRss;
  let heapAtPeak = { total: 0, young: 0, used: 0 };
  setInterval(() => {
    const rss = process.memoryUsage.rss();
    if (rss <= sampledPeakRss) return;
    sampledPeakRss = rss;
    const spaces = v8.getHeapSpaceStatistics();
    heapAtPeak = {
      total: spaces.reduce((sum, s) => sum + s.space_size, 0),
      young: spaces.filter((s) => s.space_name.startsWith('new_')).reduce((sum, s) => sum + s.space_size, 0),
      used: spaces.reduce((sum, s) => sum + s.space_used_size, 0),
    };
  }, 10).unref();
  const loop = monitorEventLoopDelay({ resolution: 5 });
  loop.enable();
  let stopProfile: (() => Promise<ProfileSummary>) | undefined;
  process.on('message', async (message: { type?: string }) => {
    if (message.type === 'profiling') {
      stopProfile = await startProfile(process.env.BENCH_PROFILE_DIR ?? '.');
      send({ type: 'profiling' });
    } else if (message.type === 'stats') {
      const profile = await stopProfile?.();
      const heapLimit = v8.getHeapStatistics().heap_size_limit;
      const loopDelay = { p99: loop.percentile(99) / 1e6, max: loop.max / 1e6 };
      send({
        type: 'stats',
        stats: {
          maxRss: process.resourceUsage().maxRSS * 1024,
          sampledPeakRss,
          idleRss,
          heapAtPeak,
          heapLimit,
          loopDelay,
          profile,
          ...counts,
        },
      });
    }
  });
  send({ type: 'ready', url });
}

/** Counts the warnings and errors the bot logs, keeping the first few; the lines are not written. */
function countingWrite(counts: LogCounts): (line: string) => void {
  return (line) => {
    const { level, msg } = JSON.parse(line) as { level: string; msg: string };
    if (level !== 'warn' && level !== 'error') return;
    if (level === 'warn') counts.warnings += 1;
    else counts.errors += 1;
    if (counts.firstProblems.length < 5) counts.firstProblems.push(`${level}: ${msg}`);
  };
}

/** The bot as main.ts composes it in HTTP mode: production tuning and log level. */
async function runBot(): Promise<void> {
  const { compose } = await import('../src/compose.ts');
  const { loadConfig } = await import('../src/config.ts');
  const { createLogger } = await import('../src/log/logger.ts');

  const env = {
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: process.env.BENCH_SLACK_API_URL ?? '',
    LOG_LEVEL: 'info',
    // Compiled, this file runs from the build cache: the parent says where the project is.
    CATALOGUE_DIR: path.join(process.env.BENCH_ROOT ?? '.', 'data'),
  };
  const config = loadConfig({ env, envFile: '' });
  const { slackApp } = await compose(config);
  const counts: LogCounts = { warnings: 0, errors: 0, firstProblems: [] };
  const logger = createLogger({ level: config.logLevel, write: countingWrite(counts) });
  const app = slackApp({ logger, port: 0, host: '127.0.0.1' });
  await app.start();
  while (!app.readiness().slack) await new Promise((resolve) => setTimeout(resolve, 10));
  serve(`http://127.0.0.1:${app.port}/slack/events`, counts);
}

/** Bolt's HTTPReceiver and one listener that only acks: the framework's share of the bot's cost. */
async function runBolt(): Promise<void> {
  const { App, HTTPReceiver } = await import('@slack/bolt');
  const counts: LogCounts = { warnings: 0, errors: 0, firstProblems: [] };
  const log =
    (level: 'warn' | 'error') =>
    (...args: unknown[]) =>
      countingWrite(counts)(JSON.stringify({ level, msg: args.map(String).join(' ') }));
  const logger = {
    debug: () => {},
    info: () => {},
    warn: log('warn'),
    error: log('error'),
    setLevel: () => {},
    getLevel: () => 'info' as never,
    setName: () => {},
  };
  const receiver = new HTTPReceiver({ signingSecret: SIGNING_SECRET, logger });
  const app = new App({ receiver, logger, authorize: async () => ({ botToken: BOT_TOKEN }) });
  app.command('/kubecon', async ({ ack }) => ack());
  const server = await receiver.start(0);
  serve(`http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`, counts);
}

/** The upper bound: read the body, check the v0 signature as Slack documents it, answer 200. */
async function runBare(): Promise<void> {
  const key = Buffer.from(SIGNING_SECRET);
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const timestamp = Number(req.headers['x-slack-request-timestamp']);
      const signature = Buffer.from(String(req.headers['x-slack-signature'] ?? ''));
      const expected = Buffer.from(
        `v0=${createHmac('sha256', key).update(`v0:${timestamp}:`).update(Buffer.concat(chunks)).digest('hex')}`,
      );
      const fresh = Math.abs(Date.now() / 1000 - timestamp) <= MAX_SIGNATURE_AGE_S;
      const valid = fresh && signature.length === expected.length && timingSafeEqual(signature, expected);
      res.writeHead(valid ? 200 : 401).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  serve(`http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`);
}

/** The fake Slack Web API and response_url endpoint, tallying answers as they come and forgetting them. */
async function runFake(): Promise<void> {
  const { startFakeSlack } = await import('../test/helpers/fake-slack.ts');
  const fake = await startFakeSlack({ teamId: 'T1' });
  const answered = new Set<string>();
  const otherCalls: Record<string, number> = {};
  let posts = 0;
  let invalid = 0;
  let apologies = 0;
  let lastAt = 0;
  const tally = () => {
    for (const call of fake.calls) {
      if (call.method !== 'response_url') {
        otherCalls[call.method] = (otherCalls[call.method] ?? 0) + 1;
        continue;
      }
      posts += 1;
      lastAt = Math.max(lastAt, call.at);
      answered.add(call.responseId ?? '');
      const blocks = call.args.blocks;
      if (call.args.response_type !== 'ephemeral' || !Array.isArray(blocks) || blocks.length === 0) invalid += 1;
      if (String(call.args.text).startsWith('Sorry')) apologies += 1;
    }
    // The fake records every call; thousands of answers must not pile up for the whole run.
    fake.clearCalls();
  };
  setInterval(tally, 50).unref();
  process.on('message', (message: { type?: string }) => {
    if (message.type !== 'answers') return;
    tally();
    send({ type: 'answers', answers: { answered: answered.size, posts, invalid, apologies, lastAt, otherCalls } });
  });
  send({ type: 'ready', url: fake.url });
}

// ---------------------------------------------------------------- the load generator

interface Child {
  readonly url: string;
  ask<T extends ChildMessage['type']>(type: T): Promise<Extract<ChildMessage, { type: T }>>;
  stop(): void;
}

/** This file, compiled to JavaScript with the bot (see compile), or this very file with --from-source. */
let childEntry = import.meta.filename;

async function spawn(role: Role, env: Record<string, string> = {}, execArgv: string[] = []): Promise<Child> {
  const child: ChildProcess = fork(childEntry, ['--role', role], {
    env: { ...process.env, ...env },
    execArgv,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const next = <T extends ChildMessage['type']>(type: T) =>
    new Promise<Extract<ChildMessage, { type: T }>>((resolve, reject) => {
      const onMessage = (message: ChildMessage) => {
        if (message.type !== type) return;
        child.off('message', onMessage);
        child.off('exit', onExit);
        resolve(message as Extract<ChildMessage, { type: T }>);
      };
      const onExit = (code: number | null) => reject(new Error(`the ${role} process exited (${code}) before sending "${type}"`));
      child.on('message', onMessage);
      child.once('exit', onExit);
    });
  const ready = await next('ready');
  return {
    url: ready.url,
    ask(type) {
      const answer = next(type);
      child.send({ type });
      return answer;
    },
    stop() {
      if (child.connected) child.send({ type: 'exit' });
      setTimeout(() => child.kill('SIGKILL'), 5000).unref();
    },
  };
}

interface Prepared {
  readonly body: Buffer;
  readonly headers: Record<string, string | number>;
}

/** Signed `/kubecon <text>` requests, prepared before the clock starts so signing costs the generator nothing. */
function prepare(count: number, texts: readonly string[], responseUrl: (i: number) => string, first: number): Prepared[] {
  const timestamp = Math.floor(Date.now() / 1000);
  return Array.from({ length: count }, (_, n) => {
    const i = first + n;
    const body = Buffer.from(
      new URLSearchParams({
        token: 'legacy-verification-token',
        team_id: 'T1',
        team_domain: 'bench',
        channel_id: 'C1',
        channel_name: 'general',
        user_id: USERS[i % USERS.length]!,
        user_name: 'bench',
        command: '/kubecon',
        text: texts[i % texts.length]!,
        api_app_id: 'A1',
        is_enterprise_install: 'false',
        response_url: responseUrl(i),
        trigger_id: `1.1.${randomUUID()}`,
      }).toString(),
    );
    const signature = `v0=${createHmac('sha256', SIGNING_SECRET).update(`v0:${timestamp}:`).update(body).digest('hex')}`;
    return {
      body,
      headers: {
        'Content-Type': 'application/x-www-form-urlencoded',
        'Content-Length': body.length,
        'X-Slack-Request-Timestamp': timestamp,
        'X-Slack-Signature': signature,
      },
    };
  });
}

interface RunFigures {
  readonly sent: number;
  readonly non200: number;
  readonly network: number;
  readonly elapsedMs: number;
  /** Ack latencies (request sent to its answer complete), sorted, in ms. */
  readonly latencies: number[];
  readonly lastAckAt: number;
  readonly firstErrors: string[];
  /** The generator's own event loop delay, max, in ms: a slow ack it caused itself, not the server. */
  readonly generatorDelayMax: number;
}

function post(url: URL, agent: Agent, prepared: Prepared): Promise<{ status: number } | { error: string }> {
  return new Promise((resolve) => {
    const req = request(url, { method: 'POST', agent, headers: prepared.headers, timeout: PER_REQUEST_TIMEOUT_MS }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0 }));
      res.on('error', (error) => resolve({ error: error.message }));
    });
    req.on('timeout', () => req.destroy(new Error(`no answer within ${PER_REQUEST_TIMEOUT_MS} ms`)));
    req.on('error', (error) => resolve({ error: error.message }));
    req.end(prepared.body);
  });
}

/**
 * `concurrency` clients on keep-alive connections, each sending its next request once the last is
 * answered, until done or the deadline; with `ratePerS`, no faster than that in all.
 */
async function fire(
  target: string,
  agent: Agent,
  requests: readonly Prepared[],
  concurrency: number,
  deadline: number,
  ratePerS?: number,
): Promise<RunFigures> {
  const url = new URL(target);
  const latencies: number[] = [];
  const firstErrors: string[] = [];
  let next = 0;
  let non200 = 0;
  let network = 0;
  let lastAckAt = 0;
  const loop = monitorEventLoopDelay({ resolution: 5 });
  loop.enable();
  const start = performance.now();
  const client = async () => {
    while (next < requests.length && performance.now() < deadline) {
      const k = next++;
      const prepared = requests[k]!;
      // Paced: request k leaves at its slot, whatever the answers before it, as Slack's users would send.
      const wait = ratePerS === undefined ? 0 : start + (k * 1000) / ratePerS - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      const sent = performance.now();
      const outcome = await post(url, agent, prepared);
      latencies.push(performance.now() - sent);
      lastAckAt = Date.now();
      if ('status' in outcome && outcome.status === 200) continue;
      if ('status' in outcome) non200 += 1;
      else network += 1;
      if (firstErrors.length < 5) firstErrors.push('status' in outcome ? `HTTP ${outcome.status}` : outcome.error);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, client));
  const elapsedMs = performance.now() - start;
  loop.disable();
  latencies.sort((a, b) => a - b);
  return { sent: latencies.length, non200, network, elapsedMs, latencies, lastAckAt, firstErrors, generatorDelayMax: loop.max / 1e6 };
}

const percentile = (sorted: readonly number[], p: number) =>
  sorted.length === 0 ? Number.NaN : sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;

/** The labelled queries of bench/queries (searches that hit and that miss), and every subcommand. */
function commandTexts(root: string): string[] {
  const dir = path.join(root, 'bench', 'queries');
  const labelled = readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .flatMap((name) => (JSON.parse(readFileSync(path.join(dir, name), 'utf8')) as { query: string }[]).map((q) => q.query));
  return [
    ...labelled,
    'help',
    'topics',
    'topic observability',
    'sujet sécurité',
    'random',
    'edition 2022',
    'takeaways',
    'takeaways 2022',
    'edition 1999',
  ];
}

/**
 * The bench and the bot compiled to JavaScript, as the container runs the bot (dist/main.js):
 * Node's type stripping costs a process 20 to 30 MB of RSS that production does not pay.
 * Into node_modules/.cache, where module resolution still finds the project's packages.
 */
function compile(root: string): string {
  const cache = path.join(root, 'node_modules', '.cache', 'kubecon-bot-bench');
  const outDir = path.join(cache, 'out');
  mkdirSync(cache, { recursive: true });
  const tsconfig = path.join(cache, 'tsconfig.json');
  const compilerOptions = {
    noEmit: false,
    outDir,
    rootDir: root,
    sourceMap: false,
    incremental: true,
    tsBuildInfoFile: path.join(cache, 'tsbuildinfo'),
  };
  writeFileSync(
    tsconfig,
    JSON.stringify({
      extends: path.join(root, 'tsconfig.json'),
      compilerOptions,
      files: [path.join(root, 'bench', 'load.ts')],
      include: [],
    }),
  );
  const tsc = spawnSync(process.execPath, [path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', tsconfig], {
    encoding: 'utf8',
  });
  const entry = path.join(outDir, 'bench', 'load.js');
  // tsc emits despite type errors; those are npm run typecheck's business, not the bench's.
  if (!existsSync(entry)) throw new Error(`could not compile the bench: ${tsc.stdout}${tsc.stderr}`);
  return entry;
}

/** The share of the machine's CPU time spent busy during `ms`, this process idle meanwhile. */
async function cpuBusy(ms: number): Promise<number> {
  const sample = () =>
    cpus().reduce((sum, cpu) => ({ idle: sum.idle + cpu.times.idle, all: sum.all + Object.values(cpu.times).reduce((a, b) => a + b, 0) }), {
      idle: 0,
      all: 0,
    });
  const before = sample();
  await new Promise((resolve) => setTimeout(resolve, ms));
  const after = sample();
  return 1 - (after.idle - before.idle) / Math.max(1, after.all - before.all);
}

interface Measured {
  readonly name: string;
  readonly run: RunFigures;
  readonly stats: ServerStats;
}

async function main(): Promise<void> {
  const requests = Number(flags.requests);
  const concurrency = Number(flags.concurrency);
  const timeoutS = Number(flags.timeout);
  if (!Number.isInteger(requests) || requests < 1 || requests > 200_000)
    throw new Error('--requests must be a whole number from 1 to 200000');
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 1000)
    throw new Error('--concurrency must be a whole number from 1 to 1000');
  // Each server's bodies are signed just before its run; a run must end well before Bolt calls them stale.
  if (!(timeoutS > 0 && timeoutS <= 240)) throw new Error('--timeout must be a number of seconds from 1 to 240');
  const startedAt = performance.now();
  const hardStop = setTimeout(
    () => {
      console.error(`bench:load: still running ${timeoutS + 30} s after it started; giving up`);
      process.exit(2);
    },
    (timeoutS + 30) * 1000,
  );
  hardStop.unref();

  const root = path.resolve(import.meta.dirname, '..');
  process.env.BENCH_ROOT = root;
  const compileStarted = performance.now();
  if (!flags['from-source']) childEntry = compile(root);
  const compileS = (performance.now() - compileStarted) / 1000;
  const texts = commandTexts(root);
  // Long enough for the generator’s own JIT too: the first server measured must not pay for it.
  const warmup = Math.min(2000, Math.max(200, Math.ceil(requests / 5)));
  const profileDir = path.join(tmpdir(), 'kubecon-bot-bench');
  // The time budget, shared out: the references are quick, the bot gets most of it.
  const until = (share: number) => performance.now() + share * timeoutS * 1000;

  const fake = await spawn('fake');
  const responseUrl = (i: number) => `${fake.url}/response/${i}`;
  const children: Child[] = [fake];
  let first = 0;
  /** Warm-up (JIT, connections, users.info cache), then the measured run, on one server at a time. */
  const measure = async (
    name: string,
    role: Role,
    share: number,
    options: { env?: Record<string, string>; execArgv?: string[]; profile?: boolean } = {},
  ) => {
    const server = await spawn(role, options.env, options.execArgv);
    children.push(server);
    // One pool of keep-alive connections for both, so the measured run starts on open connections.
    const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
    await fire(server.url, agent, prepare(warmup, texts, responseUrl, first), concurrency, until(share / 4));
    first += warmup;
    if (options.profile) await server.ask('profiling');
    const measured = prepare(requests, texts, responseUrl, first);
    const run = await fire(server.url, agent, measured, concurrency, until(share));
    first += requests;
    return { name, run, server, agent, warm: warmup };
  };

  try {
    console.log(
      `bench:load: ${requests} signed /kubecon requests at concurrency ${concurrency} on keep-alive connections, after ${warmup} warm-up; ${texts.length} distinct texts; node ${process.version}, ${availableParallelism()} CPUs`,
    );
    console.log(
      flags['from-source']
        ? 'servers run from the TypeScript sources (--from-source): their RSS includes Node’s type stripper, which production does not load'
        : `servers run compiled to JavaScript, as in the container (compiled in ${compileS.toFixed(1)} s)`,
    );
    // Figures from a machine busy with something else are not comparable: say so.
    const busy = await cpuBusy(1000);
    if (busy > 0.15)
      console.log(`warning: the CPUs were ${(busy * 100).toFixed(0)}% busy before the bench started: other processes compete with it`);
    const measured: Measured[] = [];
    for (const [name, role, share] of [
      ['bare node:http', 'bare', 0.15],
      ['Bolt, ack only', 'bolt', 0.2],
    ] as const) {
      const { run, server, agent } = await measure(name, role, share);
      agent.destroy();
      measured.push({ name, run, stats: (await server.ask('stats')).stats });
      server.stop();
    }
    const execArgv = (flags['bot-node-options'] ?? deployedV8Flags(root)).split(' ').filter(Boolean);
    console.log(
      `kubecon-bot runs with node ${execArgv.join(' ') || '(no flags)'}${flags['bot-node-options'] === undefined ? ', as the Dockerfile starts it' : ''}`,
    );
    const bot = await measure('kubecon-bot', 'bot', 0.45, {
      env: { BENCH_SLACK_API_URL: `${fake.url}/api/`, BENCH_PROFILE_DIR: profileDir },
      execArgv,
      profile: flags.profile,
    });
    // Every ack promises an answer on its response_url: wait for them all, bounded.
    const waitForAnswers = async (count: number) => {
      const answersBy = performance.now() + ANSWERS_GRACE_MS;
      while ((await fake.ask('answers')).answers.answered < count && performance.now() < answersBy)
        await new Promise((resolve) => setTimeout(resolve, 100));
    };
    const expected = bot.run.sent + bot.warm;
    await waitForAnswers(expected);
    measured.push({ name: bot.name, run: bot.run, stats: (await bot.server.ask('stats')).stats });
    // The same bot below saturation: at half the rate it just sustained, what an ack costs when nothing queues.
    const pacedRate = Math.max(1, (bot.run.sent / bot.run.elapsedMs) * 1000 * 0.5);
    const pacedCount = Math.ceil(requests / 4);
    const paced = await fire(bot.server.url, bot.agent, prepare(pacedCount, texts, responseUrl, first), concurrency, until(0.2), pacedRate);
    await waitForAnswers(expected + paced.sent);
    bot.agent.destroy();
    report({
      requests,
      concurrency,
      measured,
      paced: { run: paced, rate: pacedRate },
      answers: (await fake.ask('answers')).answers,
      expected: expected + paced.sent,
      totalS: (performance.now() - startedAt) / 1000,
    });
  } finally {
    for (const child of children) child.stop();
  }
}

interface Report {
  readonly requests: number;
  readonly concurrency: number;
  /** bare, Bolt, bot, in that order. */
  readonly measured: readonly Measured[];
  /** The bot again, paced at half the throughput it sustained. */
  readonly paced: { readonly run: RunFigures; readonly rate: number };
  readonly answers: AnswerTally;
  readonly expected: number;
  readonly totalS: number;
}

function report({ requests, concurrency, measured, paced, answers, expected, totalS }: Report): void {
  const [bare, bolt, bot] = measured as [Measured, Measured, Measured];
  const rate = (run: RunFigures) => (run.sent / run.elapsedMs) * 1000;
  const errors = (run: RunFigures) => run.non200 + run.network + (requests - run.sent);
  const peak = (stats: ServerStats) => Math.max(stats.maxRss, stats.sampledPeakRss);
  const share = rate(bot.run) / rate(bare.run);
  const p99 = percentile(bot.run.latencies, 99);
  const max = percentile(bot.run.latencies, 100);
  const answersOk = answers.answered >= expected && answers.invalid === 0 && answers.apologies === 0;
  const checks = {
    errors: errors(bot.run) + paced.run.non200 + paced.run.network === 0,
    share: share >= TARGETS.shareOfBare,
    p99: p99 <= TARGETS.p99Ms,
    max: max < 3000,
    rss: mb(peak(bot.stats)) <= TARGETS.rssMb,
    answers: answersOk,
  };
  const verdict = (pass: boolean) => (pass ? 'pass' : 'FAIL');
  const each = (cell: (m: Measured) => string) => measured.map(cell);
  const ms = (value: number) => `${value.toFixed(1)} ms`;
  const MB = (bytes: number) => `${mb(bytes).toFixed(0)} MB`;

  const rows: string[][] = [
    ['', ...each((m) => m.name), 'target', ''],
    ['requests acked', ...each((m) => `${m.run.sent}/${requests}`), '', ''],
    [
      'errors: non-200 / network / unsent',
      ...each((m) => `${m.run.non200} / ${m.run.network} / ${requests - m.run.sent}`),
      '0',
      verdict(checks.errors),
    ],
    ['throughput', ...each((m) => `${rate(m.run).toFixed(0)} req/s`), '', ''],
    [
      '  share of bare',
      ...each((m) => `${((rate(m.run) / rate(bare.run)) * 100).toFixed(1)}%`),
      `>= ${TARGETS.shareOfBare * 100}%`,
      verdict(checks.share),
    ],
    ['ack latency p50', ...each((m) => ms(percentile(m.run.latencies, 50))), '', ''],
    ['ack latency p99', ...each((m) => ms(percentile(m.run.latencies, 99))), `<= ${TARGETS.p99Ms} ms`, verdict(checks.p99)],
    ['ack latency max', ...each((m) => ms(percentile(m.run.latencies, 100))), '< 3000 ms', verdict(checks.max)],
    [
      `  bot paced at ${paced.rate.toFixed(0)} req/s: p50 / p99 / max`,
      '-',
      '-',
      `${percentile(paced.run.latencies, 50).toFixed(1)} / ${percentile(paced.run.latencies, 99).toFixed(1)} / ${percentile(paced.run.latencies, 100).toFixed(1)} ms`,
      '',
      '',
    ],
    ['  load generator loop delay max', ...each((m) => ms(m.run.generatorDelayMax)), '', ''],
    ['event loop delay p99 / max', ...each((m) => `${m.stats.loopDelay.p99.toFixed(0)} / ${m.stats.loopDelay.max.toFixed(0)} ms`), '', ''],
    ['peak RSS', ...each((m) => MB(peak(m.stats))), `<= ${TARGETS.rssMb} MB`, verdict(checks.rss)],
    ['  RSS idle, before the load', ...each((m) => MB(m.stats.idleRss)), '', ''],
    [
      '  V8 heap at peak: reserved (young) / used',
      ...each((m) => `${MB(m.stats.heapAtPeak.total)} (${MB(m.stats.heapAtPeak.young)}) / ${MB(m.stats.heapAtPeak.used)}`),
      '',
      '',
    ],
    ['answers on response_url', '-', '-', `${answers.answered}/${expected}`, 'all, valid', verdict(checks.answers)],
    ['  invalid / apologies', '-', '-', `${answers.invalid} / ${answers.apologies}`, '0 / 0', ''],
    [
      '  last answer after last ack',
      '-',
      '-',
      `${Math.max(0, answers.lastAt - Math.max(bot.run.lastAckAt, paced.run.lastAckAt))} ms`,
      '',
      '',
    ],
    ['log warnings / errors', '-', ...[bolt, bot].map((m) => `${m.stats.warnings} / ${m.stats.errors}`), '', ''],
  ];
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  console.log('');
  for (const row of rows)
    console.log(
      row
        .map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!)))
        .join('  ')
        .trimEnd(),
    );
  console.log('');
  console.log(
    `concurrency ${concurrency}: ${bot.run.sent} requests in ${(bot.run.elapsedMs / 1000).toFixed(1)} s for the bot; whole bench ${totalS.toFixed(1)} s; bot heap limit ${MB(bot.stats.heapLimit)}; other Web API calls: ${JSON.stringify(answers.otherCalls)}`,
  );
  for (const m of measured) {
    if (m.run.firstErrors.length) console.log(`first errors, ${m.name}: ${m.run.firstErrors.join('; ')}`);
    if (m.stats.firstProblems.length) console.log(`first log problems, ${m.name}: ${m.stats.firstProblems.join(' | ')}`);
  }
  const profile = bot.stats.profile;
  if (profile) {
    console.log('');
    console.log(`Where the bot's CPU went during the measured run (${profile.file}):`);
    const perRequest = (ms: number) => `${((ms / bot.run.sent) * 1000).toFixed(0)} µs/request`;
    for (const [bucket, ms] of profile.buckets) {
      console.log(`  ${bucket.padEnd(58)}${`${((ms / profile.totalMs) * 100).toFixed(1)}%`.padStart(7)}  ${perRequest(ms).padStart(16)}`);
    }
  }
  const missed = Object.entries(checks)
    .filter(([name, pass]) => !pass && (!flags.smoke || name === 'errors' || name === 'answers'))
    .map(([name]) => name);
  const met = flags.smoke ? 'No errors, every answer valid (smoke run: timings not judged).' : 'All targets met.';
  console.log(missed.length === 0 ? met : `Targets missed: ${missed.join(', ')}.`);
  if (missed.length) process.exitCode = 1;
}

if (flags.role !== 'main') {
  process.on('message', (message: { type?: string }) => {
    if (message.type === 'exit') process.exit(0);
  });
  process.on('disconnect', () => process.exit(0));
}

switch (flags.role) {
  case 'bot':
    await runBot();
    break;
  case 'bolt':
    await runBolt();
    break;
  case 'bare':
    await runBare();
    break;
  case 'fake':
    await runFake();
    break;
  default:
    await main();
}
