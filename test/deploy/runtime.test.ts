import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { chmod, chown, mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BUDGET_BYTES,
  buildRuntimeContents,
  PROD_INSTALL_ARGS,
  PROJECT_ROOT,
  RUNTIME_COPIES,
  sizeReport,
} from '../../scripts/runtime-contents.ts';
import { type FakeSlack, startFakeSlack } from '../helpers/fake-slack.ts';
import { freePort } from '../helpers/free-port.ts';
import { postSigned, slashCommandBody } from '../helpers/signed-request.ts';

/**
 * There is no Docker engine here: these tests build what the Dockerfile's runtime stage
 * holds with scripts/runtime-contents.ts, check that the script and the Dockerfile still
 * agree, and start `node dist/main.js` from it as the image's CMD does, against the fake
 * Slack Web API.
 */

const SIGNING_SECRET = 'runtimesigningsecret0123456789';
/** The image's `node` user. As root, the bot runs as it, so the read-only checks are real (root could write anywhere). */
const IMAGE_UID = 1000;
const asImageUser = process.getuid?.() === 0;

interface Instruction {
  readonly keyword: string;
  readonly args: string;
}

/** The Dockerfile's instructions grouped by stage name (continuation lines joined, comments dropped). */
function parseDockerfile(text: string): Map<string, Instruction[]> {
  const stages = new Map<string, Instruction[]>();
  let current: Instruction[] = [];
  stages.set('', current);
  const joined = text.replace(/\\\r?\n/g, ' ');
  for (const raw of joined.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const [, keyword = '', args = ''] = /^(\S+)\s*(.*)$/.exec(line) ?? [];
    if (keyword.toUpperCase() === 'FROM') {
      current = [];
      stages.set(/\bAS\s+(\S+)\s*$/i.exec(args)?.[1] ?? `#${stages.size}`, current);
    }
    current.push({ keyword: keyword.toUpperCase(), args });
  }
  return stages;
}

const dockerfile = parseDockerfile(await readFile(path.join(PROJECT_ROOT, 'Dockerfile'), 'utf8'));
const stage = (name: string): Instruction[] => {
  const found = dockerfile.get(name);
  if (!found) throw new Error(`The Dockerfile has no stage named ${name}`);
  return found;
};
const instructions = (name: string, keyword: string) => stage(name).filter((i) => i.keyword === keyword);

async function listTree(dir: string): Promise<string[]> {
  return (await readdir(dir, { recursive: true })).map(String).sort();
}

interface Started {
  readonly child: ChildProcess;
  readonly output: () => string;
  readonly exited: Promise<number | null>;
}

/** The image's CMD after `node`: its flags (V8 sized for the pod) and the entry point. */
const nodeArgs = (): string[] => (JSON.parse(instructions('runtime', 'CMD')[0]?.args ?? '[]') as string[]).slice(1);

function startBot(appDir: string, env: Record<string, string>): Started {
  let output = '';
  const child = spawn(process.execPath, nodeArgs(), {
    cwd: appDir,
    // Only what the container would have: no inherited Slack variables, no .env (none in appDir).
    env: { PATH: process.env.PATH ?? '', NODE_ENV: 'production', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    ...(asImageUser ? { uid: IMAGE_UID, gid: IMAGE_UID } : {}),
  });
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = once(child, 'exit').then(([code]) => code as number | null);
  return { child, output: () => output, exited };
}

async function waitFor200(url: string, started: Started, timeoutMs = 15_000): Promise<unknown> {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer';
  while (Date.now() < deadline) {
    if (started.child.exitCode !== null)
      throw new Error(`The bot exited (${started.child.exitCode}) before ${url} answered 200:\n${started.output()}`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(1000) });
      if (response.status === 200) return response.json();
      last = `HTTP ${response.status}: ${await response.text()}`;
    } catch (error) {
      last = String(error);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${url} did not answer 200 within ${timeoutMs} ms (last: ${last}):\n${started.output()}`);
}

/** Runs a Dockerfile HEALTHCHECK exec form with `env`; resolves with its exit code. */
async function runHealthcheck(env: Record<string, string>): Promise<number | null> {
  const [healthcheck] = instructions('runtime', 'HEALTHCHECK');
  const exec = /\bCMD\s+(\[.*\])\s*$/.exec(healthcheck?.args ?? '')?.[1];
  const [command, ...args] = JSON.parse(exec ?? '[]') as string[];
  expect(command).toBe('node');
  const child = spawn(process.execPath, args, { env: { PATH: process.env.PATH ?? '', ...env }, stdio: 'ignore' });
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  const [code] = await once(child, 'exit');
  clearTimeout(timer);
  return code as number | null;
}

describe('the Dockerfile and scripts/runtime-contents.ts', () => {
  it('copy the same things into the runtime stage', () => {
    const copies = instructions('runtime', 'COPY').map(({ args }) => {
      const words = args.split(/\s+/);
      const from = words.find((word) => word.startsWith('--from='))?.slice('--from='.length);
      const [source = '', target = ''] = words.filter((word) => !word.startsWith('--'));
      return from === undefined ? { source, target } : { stage: from, source, target };
    });
    expect(copies).toEqual(RUNTIME_COPIES);
  });

  it('install production dependencies the same way', () => {
    const installs = instructions('prod-deps', 'RUN').map((i) => i.args.split(/\s+/));
    const install = installs.find((words) => words[0] === 'npm' && words[1] === 'ci');
    expect(install, 'the prod-deps stage runs npm ci').toBeDefined();
    for (const arg of PROD_INSTALL_ARGS) expect(install).toContain(arg);
    expect(instructions('build', 'RUN').map((i) => i.args)).toContain('npm run build');
  });

  it('run a pinned Node LTS, the one CI tests with, as a non-root user, with node and not npm', async () => {
    const ci = await readFile(path.join(PROJECT_ROOT, '.ci/run'), 'utf8');
    const lts = /^lts="([\d.]+)"/m.exec(ci)?.[1];
    const arg = instructions('', 'ARG').find((i) => i.args.startsWith('NODE_VERSION='));
    expect(arg?.args).toBe(`NODE_VERSION=${lts}`);
    expect(lts).toMatch(/^(2[02468])\.\d+\.\d+$/); // an even major: an LTS line
    for (const [name, body] of dockerfile) {
      if (name === '') continue;
      expect(body[0]?.args, `stage ${name}`).toMatch(/^node:\$\{NODE_VERSION\}-bookworm-slim AS /);
    }
    const runtime = stage('runtime');
    expect(runtime.filter((i) => i.keyword === 'USER').at(-1)?.args).toBe(`${IMAGE_UID}:${IMAGE_UID}`);
    const cmd = JSON.parse(runtime.find((i) => i.keyword === 'CMD')?.args ?? '[]') as string[];
    expect(cmd[0]).toBe('node');
    expect(cmd.at(-1)).toBe('dist/main.js');
    // Sized for the Deployment's memory limit: a heap that outgrew it would get the pod OOM-killed.
    expect(cmd).toEqual(expect.arrayContaining(['--max-semi-space-size=8', '--max-old-space-size=96']));
    const env = runtime
      .filter((i) => i.keyword === 'ENV')
      .map((i) => i.args)
      .join(' ');
    expect(env).toMatch(/\bNODE_ENV=production\b/);
    expect(env).toMatch(/\bDATA_DIR=\/data\b/);
    expect(runtime.find((i) => i.keyword === 'VOLUME')?.args).toBe('/data');
    expect(runtime.find((i) => i.keyword === 'EXPOSE')?.args).toBe('3000 3001');
    expect(env, 'no secret baked in').not.toMatch(/SLACK_/);
  });

  it('keep secrets and build leftovers out of the build context', async () => {
    const ignored = (await readFile(path.join(PROJECT_ROOT, '.dockerignore'), 'utf8')).split(/\r?\n/).map((line) => line.trim());
    for (const pattern of ['.env', '.env.*', '.git', 'node_modules', 'dist', '.data', 'test', 'bench', 'coverage'])
      expect(ignored).toContain(pattern);
    const context = [...dockerfile.values()].flat().filter((i) => i.keyword === 'COPY' && !i.args.includes('--from='));
    for (const { args } of context) {
      for (const source of args.split(/\s+/).slice(0, -1))
        expect(ignored, `${source} is copied, so must not be ignored`).not.toContain(source);
    }
  });
});

describe('the runtime contents', () => {
  let root = '';
  let appDir = '';
  let fake: FakeSlack;

  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'kubecon-runtime-test-'));
    // mkdtemp makes it private to us; the image's files are readable by everyone too.
    await chmod(root, 0o755);
    appDir = path.join(root, 'app');
    await buildRuntimeContents(appDir);
    fake = await startFakeSlack();
  }, 180_000);

  afterAll(async () => {
    await fake?.close();
    if (root) await rm(root, { recursive: true, force: true });
  });

  it('hold production dependencies, compiled output, the catalogue and package.json only, within the size budget', async () => {
    expect((await readdir(appDir)).sort()).toEqual(['data', 'dist', 'node_modules', 'package.json']);
    const modules = await readdir(path.join(appDir, 'node_modules'));
    for (const dev of ['typescript', 'vitest', 'yaml', 'ws']) expect(modules).not.toContain(dev);
    const dist = await listTree(path.join(appDir, 'dist'));
    expect(dist).toContain('main.js');
    expect(dist.filter((file) => file.endsWith('.ts'))).toEqual([]);
    const { budgeted, text } = await sizeReport(appDir);
    expect(budgeted, text).toBeLessThanOrEqual(BUDGET_BYTES);
  });

  it('refuse a read-only DATA_DIR, saying so and how to fix it', async () => {
    const readOnly = path.join(root, 'read-only-data');
    await mkdir(readOnly);
    await chmod(readOnly, 0o555);
    const started = startBot(appDir, {
      SLACK_BOT_TOKEN: 'xoxb-runtime-test',
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: fake.apiUrl,
      PORT: String(await freePort()),
      DATA_DIR: readOnly,
    });
    const timer = setTimeout(() => started.child.kill('SIGKILL'), 15_000);
    const code = await started.exited;
    clearTimeout(timer);
    expect(code, started.output()).toBe(1);
    expect(started.output()).toContain(`DATA_DIR (${readOnly}) is not writable`);
    expect(started.output()).toMatch(/Mount a writable volume/);
    expect(started.output(), 'a known error prints no stack').not.toMatch(/\n\s+at /);
    expect(await readdir(readOnly)).toEqual([]);
  }, 20_000);

  it('start with a writable DATA_DIR, answer /healthz, /readyz and a command, pass the HEALTHCHECK, and stop on SIGTERM', async () => {
    const dataDir = path.join(root, 'data-volume');
    await mkdir(dataDir);
    if (asImageUser) await chown(dataDir, IMAGE_UID, IMAGE_UID);
    const before = await listTree(appDir);
    const port = await freePort();
    const started = startBot(appDir, {
      SLACK_BOT_TOKEN: 'xoxb-runtime-test',
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: fake.apiUrl,
      PORT: String(port),
      DATA_DIR: dataDir,
    });
    try {
      const base = `http://127.0.0.1:${port}`;
      expect(await waitFor200(`${base}/healthz`, started)).toEqual({ status: 'ok' });
      // Ready once the fake Slack has answered auth.test: SLACK_API_URL reached the compiled WebClient.
      expect(await waitFor200(`${base}/readyz`, started)).toMatchObject({ status: 'ready' });

      const answered = await postSigned(`${base}/slack/events`, {
        secret: SIGNING_SECRET,
        body: slashCommandBody({ text: 'ephemeral containers', response_url: fake.responseUrl('runtime') }),
      });
      expect(answered.status).toBe(200);
      const reply =
        answered.text === ''
          ? JSON.stringify((await fake.waitForCall('response_url', (c) => c.responseId === 'runtime', 10_000)).args)
          : answered.text;
      expect(reply).toMatch(/Ephemeral Containers/i);

      expect(await runHealthcheck({ PORT: String(port), HEALTH_PORT: String(await freePort()) })).toBe(0);

      started.child.kill('SIGTERM');
      const timer = setTimeout(() => started.child.kill('SIGKILL'), 12_000);
      expect(await started.exited, started.output()).toBe(0);
      clearTimeout(timer);
      // The bot wrote nothing outside DATA_DIR, and left no probe file in it.
      expect(await listTree(appDir)).toEqual(before);
      expect(await readdir(dataDir)).toEqual([]);
      expect(started.output()).not.toContain('xoxb-runtime-test');
    } finally {
      if (started.child.exitCode === null) started.child.kill('SIGKILL');
    }
    expect(await runHealthcheck({ PORT: String(port), HEALTH_PORT: String(await freePort()) }), 'fails once the bot is gone').toBe(1);
  }, 60_000);
});
