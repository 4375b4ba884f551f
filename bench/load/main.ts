import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
// Not `from 'node:http'`: see src/http/node-http.ts.
import { http } from '../../src/http/node-http.ts';
import { BOT_ANSWER, NO_OP_ANSWER, responseId } from './answers.ts';
import { compile } from './compile.ts';
import { cpuBusy } from './cpu-busy.ts';
import { deployedV8Flags } from './deployed-flags.ts';
import { fire, type RunFigures } from './fire.ts';
import type { Flags } from './flags.ts';
import type { AnswerTally, Role } from './protocol.ts';
import { report } from './report.ts';
import { commandTexts, prepare } from './requests.ts';
import { type Child, spawner } from './spawn.ts';
import type { Measured } from './stats.ts';

const ANSWERS_GRACE_MS = 15_000;

/** Shares of --timeout: the references are quick, the bot gets most of it, and as much again for each variant. */
const SHARES = { bare: 0.15, bolt: 0.2, bot: 0.45, paced: 0.2 } as const;

/**
 * Each server in turn, in a child process of its own, under the same load: the bare server, the
 * no-op Bolt app, the bot, then the bot again for each --variant. The fake Slack answers them all.
 */
export async function run(flags: Flags): Promise<void> {
  const { requests, concurrency, timeoutS } = flags;
  const startedAt = performance.now();
  const boundS = timeoutS * (1 + flags.variants.length * (SHARES.bot + SHARES.paced)) + 30;
  const hardStop = setTimeout(() => {
    console.error(`bench:load: still running ${boundS.toFixed(0)} s after it started; giving up`);
    process.exit(2);
  }, boundS * 1000);
  hardStop.unref();

  const root = path.resolve(import.meta.dirname, '..', '..');
  process.env.BENCH_ROOT = root;
  const source = path.join(root, 'bench', 'load.ts');
  const compileStarted = performance.now();
  const spawn = spawner(flags.fromSource ? source : compile(root, source));
  const compileS = (performance.now() - compileStarted) / 1000;
  const texts = commandTexts(root);
  // Long enough for the generator’s own JIT too: the first server measured must not pay for it.
  const warmup = Math.min(2000, Math.max(200, Math.ceil(requests / 5)));
  const profileDir = path.join(tmpdir(), 'kubecon-bot-bench');
  const until = (share: number) => performance.now() + share * timeoutS * 1000;

  const fake = await spawn('fake');
  const answersTo = async (key: string): Promise<AnswerTally | undefined> => (await fake.ask('answers')).answers.byRun[key];
  // Every ack promises an answer on its response_url: wait for them all, bounded.
  const waitForAnswers = async (key: string, count: number) => {
    const answersBy = performance.now() + ANSWERS_GRACE_MS;
    while (((await answersTo(key))?.answered ?? 0) < count && performance.now() < answersBy)
      await new Promise((resolve) => setTimeout(resolve, 100));
  };

  /** Warm-up (JIT, connections, users.info cache), then the measured run, then `rest` while the server still runs. */
  const measure = async <T>(
    role: Role,
    key: string,
    share: number,
    rest: (server: Child, run: RunFigures, more: (count: number, ratePerS: number) => Promise<RunFigures>) => Promise<T>,
    options: { env?: Record<string, string>; execArgv?: string[]; profile?: boolean } = {},
  ): Promise<T> => {
    const server = await spawn(role, options.env, options.execArgv);
    const responseUrl = (i: number) => `${fake.url}/response/${responseId(key, i)}`;
    // One pool of keep-alive connections for every phase, so the measured run starts on open connections.
    const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
    try {
      await fire(server.url, agent, prepare(warmup, texts, responseUrl, 0), concurrency, until(share / 4));
      if (options.profile) await server.ask('profiling');
      const run = await fire(server.url, agent, prepare(requests, texts, responseUrl, warmup), concurrency, until(share));
      let next = warmup + requests;
      const more = (count: number, ratePerS: number) => {
        const prepared = prepare(count, texts, responseUrl, next);
        next += count;
        return fire(server.url, agent, prepared, concurrency, until(SHARES.paced), ratePerS);
      };
      return await rest(server, run, more);
    } finally {
      agent.destroy();
      server.stop();
    }
  };

  const execArgv = (flags.botNodeOptions ?? deployedV8Flags(root)).split(' ').filter(Boolean);
  /** The bot, then the same bot below saturation: what an ack costs when nothing queues. */
  const measureBot = (name: string, key: string, variant: string | undefined, pacedRate: number | undefined) =>
    measure(
      'bot',
      key,
      SHARES.bot,
      async (server, run, more): Promise<Measured> => {
        await waitForAnswers(key, warmup + run.sent);
        const stats = (await server.ask('stats')).stats;
        // At half the rate the bot just sustained; a variant at the bot's, so that the two compare.
        const rate = pacedRate ?? Math.max(1, (run.sent / run.elapsedMs) * 1000 * 0.5);
        const paced = await more(Math.ceil(requests / 4), rate);
        const expected = warmup + run.sent + paced.sent;
        await waitForAnswers(key, expected);
        const tally = await answersTo(key);
        const lastAckAt = Math.max(run.lastAckAt, paced.lastAckAt);
        return { name, run, stats, answers: { tally, expected, shape: BOT_ANSWER, lastAckAt }, paced: { run: paced, rate } };
      },
      {
        env: {
          BENCH_SLACK_API_URL: `${fake.url}/api/`,
          BENCH_PROFILE_DIR: profileDir,
          BENCH_PROFILE_NAME: variant === undefined ? 'bot' : `bot-${variant}`,
          ...(variant === undefined ? {} : { BENCH_VARIANT: variant }),
        },
        execArgv,
        profile: flags.profile,
      },
    );

  try {
    console.log(
      `bench:load: ${requests} signed /kubecon requests at concurrency ${concurrency} on keep-alive connections, after ${warmup} warm-up; ${texts.length} distinct texts; node ${process.version}, ${availableParallelism()} CPUs`,
    );
    console.log(
      flags.fromSource
        ? 'servers run from the TypeScript sources (--from-source): their RSS includes Node’s type stripper, which production does not load'
        : `servers run compiled to JavaScript, as in the container (compiled in ${compileS.toFixed(1)} s)`,
    );
    // Figures from a machine busy with something else are not comparable: say so.
    const busy = await cpuBusy(1000);
    if (busy > 0.15)
      console.log(`warning: the CPUs were ${(busy * 100).toFixed(0)}% busy before the bench started: other processes compete with it`);

    const bare = await measure('bare', 'bare', SHARES.bare, async (server, run) => ({
      name: 'bare node:http',
      run,
      stats: (await server.ask('stats')).stats,
    }));
    const bolt = await measure(
      'bolt',
      'bolt',
      SHARES.bolt,
      async (server, run): Promise<Measured> => {
        const expected = warmup + run.sent;
        await waitForAnswers('bolt', expected);
        const stats = (await server.ask('stats')).stats;
        const answers = { tally: await answersTo('bolt'), expected, shape: NO_OP_ANSWER, lastAckAt: run.lastAckAt };
        return { name: 'Bolt no-op (ack, respond)', run, stats, answers };
      },
      { env: { BENCH_SLACK_API_URL: `${fake.url}/api/` } },
    );
    console.log(
      `kubecon-bot runs with node ${execArgv.join(' ') || '(no flags)'}${flags.botNodeOptions === undefined ? ', as the Dockerfile starts it' : ''}`,
    );
    const bot = await measureBot('kubecon-bot', 'bot', undefined, undefined);
    const variants: Measured[] = [];
    for (const [n, variant] of flags.variants.entries())
      variants.push(await measureBot(`kubecon-bot, ${variant}`, `variant${n}`, variant, bot.paced?.rate));
    report({
      requests,
      concurrency,
      smoke: flags.smoke,
      bare,
      bolt,
      bot,
      variants,
      otherCalls: (await fake.ask('answers')).answers.otherCalls,
      totalS: (performance.now() - startedAt) / 1000,
    });
  } finally {
    fake.stop();
  }
}
