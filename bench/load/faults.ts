import path from 'node:path';
import { performance } from 'node:perf_hooks';
// Not `from 'node:http'`: see src/http/node-http.ts.
import { http } from '../../src/http/node-http.ts';
import { responseId } from './answers.ts';
import { compile } from './compile.ts';
import { deployedV8Flags } from './deployed-flags.ts';
import { fire } from './fire.ts';
import type { Flags } from './flags.ts';
import { commandTexts, prepare } from './requests.ts';
import { spawner } from './spawn.ts';

/** Retries wait out Retry-After and backoff: each user's answer may take some seconds to land. */
const ANSWERS_GRACE_MS = 60_000;

/**
 * bench:load --faults N: the bot alone, against a fake Slack that fails N% of calls (500, or
 * 429 with Retry-After). What is counted is what people get: an answer, only an apology, or
 * nothing at all (the target: nobody).
 */
export async function runWithFaults(flags: Flags): Promise<void> {
  const { requests, concurrency, faults } = flags;
  const startedAt = performance.now();
  const root = path.resolve(import.meta.dirname, '..', '..');
  process.env.BENCH_ROOT = root;
  const source = path.join(root, 'bench', 'load.ts');
  const spawn = spawner(flags.fromSource ? source : compile(root, source));
  const fake = await spawn('fake', { BENCH_FAULTS: String(faults) });
  const bot = await spawn(
    'bot',
    { BENCH_SLACK_API_URL: `${fake.url}/api/` },
    (flags.botNodeOptions ?? deployedV8Flags(root)).split(' ').filter(Boolean),
  );
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  try {
    console.log(
      `bench:load --faults ${faults}: ${requests} signed /kubecon requests at concurrency ${concurrency}; ${faults}% of Slack calls fail (500, or 429 with Retry-After 1 s)`,
    );
    const prepared = prepare(requests, commandTexts(root), (i) => `${fake.url}/response/${responseId('faults', i)}`, 0);
    const run = await fire(bot.url, agent, prepared, concurrency, performance.now() + flags.timeoutS * 1000);
    const tally = async () => (await fake.ask('answers')).answers.byRun.faults;
    const settled = async () => {
      const t = await tally();
      return (t?.withAnswer ?? 0) + (t?.apologisedOnly ?? 0) >= run.sent;
    };
    const by = performance.now() + ANSWERS_GRACE_MS;
    while (!(await settled()) && performance.now() < by) await new Promise((resolve) => setTimeout(resolve, 250));
    const t = await tally();
    const answered = t?.withAnswer ?? 0;
    const apologised = t?.apologisedOnly ?? 0;
    const nothing = run.sent - answered - apologised;
    const stats = (await bot.ask('stats')).stats;
    const share = (n: number) => `${((n / Math.max(1, run.sent)) * 100).toFixed(2)}%`;
    console.log('');
    console.log(`acked                      ${run.sent}/${requests} (non-200 ${run.non200}, network ${run.network})`);
    console.log(`answered                   ${answered} (${share(answered)})`);
    console.log(`apologised, no answer      ${apologised} (${share(apologised)})`);
    console.log(`nothing at all             ${nothing} (${share(nothing)})   target 0   ${nothing === 0 ? 'pass' : 'FAIL'}`);
    console.log(`response_url posts         ${(t?.posts ?? 0) + (t?.faulted ?? 0)}, of which failed by the fake ${t?.faulted ?? 0}`);
    console.log(`bot log warnings / errors  ${stats.warnings} / ${stats.errors}; peak RSS ${(stats.sampledPeakRss / 1e6).toFixed(0)} MB`);
    console.log(`whole run ${((performance.now() - startedAt) / 1000).toFixed(1)} s`);
    if (nothing > 0 || run.sent < requests) process.exitCode = 1;
  } finally {
    agent.destroy();
    bot.stop();
    fake.stop();
  }
}
