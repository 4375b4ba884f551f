import path from 'node:path';
import { performance } from 'node:perf_hooks';
// Not `from 'node:http'`: see src/http/node-http.ts.
import { http } from '../../src/http/node-http.ts';
import { compile } from './compile.ts';
import { deployedV8Flags } from './deployed-flags.ts';
import type { Flags } from './flags.ts';
import type { Role } from './protocol.ts';
import { spawner } from './spawn.ts';

/** The audit's attack: this many 4 MB bodies at once, from someone who has not the signing secret. */
const BODIES = 100;
const BODY_BYTES = 4 * 1024 * 1024;
/** The bot's target: peak RSS under that attack within this multiple of its idle RSS. */
const TARGET_RATIO = 1.2;

type Outcome = string;

/** Sends one 4 MB body with `headers`, all of it unless the server answers or closes first. */
function hostile(url: string, body: Buffer, headers: Record<string, string>): Promise<Outcome> {
  return new Promise((resolve) => {
    const req = http.request(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Content-Length': String(body.length), ...headers },
      timeout: 30_000,
    });
    req.on('response', (res) => {
      res.resume();
      resolve(String(res.statusCode));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
    req.end(body);
  });
}

function count(outcomes: Outcome[]): string {
  const byOutcome = new Map<Outcome, number>();
  for (const outcome of outcomes) byOutcome.set(outcome, (byOutcome.get(outcome) ?? 0) + 1);
  return [...byOutcome].map(([outcome, n]) => `${n}x ${outcome}`).join(', ');
}

/**
 * bench:load --bodies: peak RSS while 100 bodies of 4 MB arrive at once, with no signature
 * headers and then with a forged signature, for the bot and, side by side, for the no-op Bolt
 * app and for the bot checking signatures Bolt's way (which reads every body before it checks).
 */
export async function runBodies(flags: Flags): Promise<void> {
  const started = performance.now();
  const root = path.resolve(import.meta.dirname, '..', '..');
  process.env.BENCH_ROOT = root;
  const source = path.join(root, 'bench', 'load.ts');
  const spawn = spawner(flags.fromSource ? source : compile(root, source));
  const fake = await spawn('fake');
  const body = Buffer.alloc(BODY_BYTES, 0x61);
  const execArgv = (flags.botNodeOptions ?? deployedV8Flags(root)).split(' ').filter(Boolean);
  const servers: { name: string; role: Role; env?: Record<string, string>; argv?: string[] }[] = [
    { name: 'Bolt no-op', role: 'bolt' },
    { name: 'kubecon-bot, bolt-signature', role: 'bot', env: { BENCH_VARIANT: 'bolt-signature' }, argv: execArgv },
    { name: 'kubecon-bot', role: 'bot', argv: execArgv },
  ];
  console.log(`bench:load --bodies: ${BODIES} bodies of 4 MB at once, unsigned, then with a forged signature; peak RSS against idle RSS`);
  let pass = true;
  try {
    for (const server of servers) {
      const child = await spawn(server.role, { BENCH_SLACK_API_URL: `${fake.url}/api/`, ...server.env }, server.argv);
      const url = `${child.url.replace(/\/slack\/events$/, '')}/slack/events`;
      const at = () => String(Math.floor(Date.now() / 1000));
      const unsigned = await Promise.all(Array.from({ length: BODIES }, () => hostile(url, body, {})));
      const forged = await Promise.all(
        Array.from({ length: BODIES }, () =>
          hostile(url, body, { 'X-Slack-Request-Timestamp': at(), 'X-Slack-Signature': `v0=${'0'.repeat(64)}` }),
        ),
      );
      const { stats } = await child.ask('stats');
      child.stop();
      const ratio = stats.sampledPeakRss / stats.idleRss;
      const judged = server.name === 'kubecon-bot';
      if (judged && ratio > TARGET_RATIO) pass = false;
      console.log(
        `${server.name.padEnd(28)} idle ${(stats.idleRss / 1e6).toFixed(0)} MB, peak ${(stats.sampledPeakRss / 1e6).toFixed(0)} MB: ${ratio.toFixed(2)}x` +
          `${judged ? `  (target <= ${TARGET_RATIO}x: ${ratio <= TARGET_RATIO ? 'pass' : 'FAIL'})` : ''}`,
      );
      console.log(`${''.padEnd(28)} unsigned: ${count(unsigned)}; forged: ${count(forged)}`);
    }
  } finally {
    fake.stop();
  }
  console.log(`whole run ${((performance.now() - started) / 1000).toFixed(1)} s`);
  if (!pass) process.exitCode = 1;
}
