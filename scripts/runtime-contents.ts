/**
 * The contents of the Dockerfile's runtime stage, built without Docker: production
 * dependencies from a clean install, the compiled output, the catalogue and package.json.
 * The one source of truth for the image's size budget (`npm run size:runtime`) and for
 * test/deploy/runtime.test.ts, which starts the bot from these contents.
 *
 * Keep in step with the Dockerfile: RUNTIME_COPIES lists its runtime stage's COPY lines,
 * PROD_INSTALL_ARGS its prod-deps `npm ci`, and test/deploy/runtime.test.ts fails when
 * the two drift apart.
 *
 *   node scripts/runtime-contents.ts build <dir>   the runtime stage's /app, into <dir> (must not exist or be empty)
 *   node scripts/runtime-contents.ts size [dir]    its size against the budget; builds into a temporary directory unless given one
 */
import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);

export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The runtime stage's COPY lines, as written in the Dockerfile: `COPY [--from=<stage>] <source> <target>`, relative to WORKDIR /app. */
export const RUNTIME_COPIES: readonly { readonly stage?: string; readonly source: string; readonly target: string }[] = [
  { stage: 'prod-deps', source: '/app/node_modules', target: './node_modules' },
  { stage: 'build', source: '/app/dist', target: './dist' },
  { source: 'data', target: './data' },
  { source: 'package.json', target: './package.json' },
];

/** The prod-deps stage's install. No dependency needs an install script; skipping them keeps a compromised one from running at build time. */
export const PROD_INSTALL_ARGS: readonly string[] = ['ci', '--omit=dev', '--ignore-scripts'];

/** What the budget counts: the "production node_modules + compiled output", before the base image. */
export const BUDGETED = ['node_modules', 'dist'] as const;
export const BUDGET_BYTES = 40_000_000;

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
/** Same packages as the Dockerfile (the lockfile pins versions and hashes); these only change what npm prints and whether it asks the registry what the cache already has. */
const QUIET = ['--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'];

/** Builds the runtime stage's /app into `dir`, as the Dockerfile does. */
export async function buildRuntimeContents(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  if ((await readdir(dir)).length > 0) throw new Error(`${dir} is not empty: the runtime contents are built into a new directory`);

  // The two stages are independent, as in Docker's build: both at once.
  await Promise.all([
    (async () => {
      // prod-deps stage: COPY package.json package-lock.json, then npm ci --omit=dev.
      await cp(path.join(PROJECT_ROOT, 'package.json'), path.join(dir, 'package.json'));
      await cp(path.join(PROJECT_ROOT, 'package-lock.json'), path.join(dir, 'package-lock.json'));
      await run(npm, [...PROD_INSTALL_ARGS, ...QUIET], { cwd: dir, env: { ...process.env, NODE_ENV: 'production' } });
      // The runtime stage copies node_modules and package.json from there, not the lockfile.
      await rm(path.join(dir, 'package-lock.json'));
    })(),
    // build stage: `npm run build` (tsc -p tsconfig.build.json), its output sent straight to dir/dist.
    run(npm, ['run', '--silent', 'build', '--', '--outDir', path.join(dir, 'dist')], { cwd: PROJECT_ROOT }),
  ]);

  // COPY data ./data (the .dockerignore keeps nothing out of data/).
  await cp(path.join(PROJECT_ROOT, 'data'), path.join(dir, 'data'), { recursive: true });
}

/** Bytes of every file under `target` (apparent size, as in the image's layers, not disk blocks). */
export async function sizeOf(target: string): Promise<number> {
  const info = await stat(target);
  if (!info.isDirectory()) return info.size;
  let total = 0;
  for (const entry of await readdir(target, { withFileTypes: true })) {
    const child = path.join(target, entry.name);
    if (entry.isDirectory()) total += await sizeOf(child);
    else if (entry.isFile()) total += (await stat(child)).size;
  }
  return total;
}

/** Each package under node_modules (scoped ones one by one), biggest first. */
export async function packageSizes(nodeModules: string): Promise<{ name: string; bytes: number }[]> {
  const sizes: { name: string; bytes: number }[] = [];
  for (const entry of await readdir(nodeModules, { withFileTypes: true })) {
    if (!entry.isDirectory() || entry.name.startsWith('.')) continue;
    const names = entry.name.startsWith('@')
      ? (await readdir(path.join(nodeModules, entry.name))).map((name) => `${entry.name}/${name}`)
      : [entry.name];
    for (const name of names) sizes.push({ name, bytes: await sizeOf(path.join(nodeModules, name)) });
  }
  return sizes.sort((a, b) => b.bytes - a.bytes);
}

const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;

export async function sizeReport(dir: string): Promise<{ text: string; budgeted: number }> {
  const parts = await Promise.all(BUDGETED.map(async (name) => ({ name, bytes: await sizeOf(path.join(dir, name)) })));
  const budgeted = parts.reduce((sum, part) => sum + part.bytes, 0);
  const biggest = (await packageSizes(path.join(dir, 'node_modules'))).slice(0, 8);
  const lines = [
    'Runtime stage contents (1 MB = 1,000,000 bytes, file sizes as in the image layer):',
    ...parts.map((part) => `  ${part.name.padEnd(14)} ${mb(part.bytes).padStart(9)}`),
    `  ${'total'.padEnd(14)} ${mb(budgeted).padStart(9)}   budget ${mb(BUDGET_BYTES)}: ${budgeted <= BUDGET_BYTES ? 'within' : 'OVER'}`,
    `  (not counted: data/ ${mb(await sizeOf(path.join(dir, 'data')))}, package.json; the node base image)`,
    'Biggest production packages:',
    ...biggest.map((p) => `  ${p.name.padEnd(28)} ${mb(p.bytes).padStart(9)}`),
  ];
  return { text: lines.join('\n'), budgeted };
}

async function main(args: readonly string[]): Promise<number> {
  const [command, dir] = args;
  if (command === 'build' && dir) {
    await buildRuntimeContents(path.resolve(dir));
    return 0;
  }
  if (command === 'size') {
    const target = dir ? path.resolve(dir) : await mkdtemp(path.join(tmpdir(), 'kubecon-runtime-'));
    try {
      if (!dir) await buildRuntimeContents(target);
      const { text, budgeted } = await sizeReport(target);
      console.log(text);
      return budgeted <= BUDGET_BYTES ? 0 : 1;
    } finally {
      if (!dir) await rm(target, { recursive: true, force: true });
    }
  }
  console.error('Usage: node scripts/runtime-contents.ts build <dir> | size [dir]');
  return 2;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = await main(process.argv.slice(2));
}
