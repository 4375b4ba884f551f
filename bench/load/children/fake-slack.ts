import { startFakeSlack } from '../../../test/helpers/fake-slack.ts';
import { answerShape, runKeyOf } from '../answers.ts';
import { TEAM_ID } from '../fixture.ts';
import { send } from '../protocol.ts';

interface RunTally {
  readonly ids: Set<string>;
  /** Ids that got an answer, and ids that got an apology. */
  readonly answerIds: Set<string>;
  readonly apologyIds: Set<string>;
  faulted: number;
  posts: number;
  readonly shapes: Record<string, number>;
  apologies: number;
  lastAt: number;
}

/** The fake Slack Web API and response_url endpoint, tallying answers by run as they come and forgetting them. */
export async function runFakeSlack(): Promise<void> {
  // bench:load --faults N: N% of calls answered 500, or 429 with Retry-After 1 s, as Slack on a bad day.
  const share = Number(process.env.BENCH_FAULTS ?? 0) / 100;
  const randomFaults = share > 0 ? { share, faults: [{ status: 500 }, { status: 429, retryAfter: 1 }] } : undefined;
  const fake = await startFakeSlack({ teamId: TEAM_ID, ...(randomFaults ? { randomFaults } : {}) });
  const byRun = new Map<string, RunTally>();
  const otherCalls: Record<string, number> = {};
  const tally = () => {
    for (const call of fake.calls) {
      if (call.method !== 'response_url') {
        otherCalls[call.method] = (otherCalls[call.method] ?? 0) + 1;
        continue;
      }
      const id = call.responseId ?? '';
      const key = runKeyOf(id);
      const run = byRun.get(key) ?? {
        ids: new Set(),
        answerIds: new Set(),
        apologyIds: new Set(),
        faulted: 0,
        posts: 0,
        shapes: {},
        apologies: 0,
        lastAt: 0,
      };
      byRun.set(key, run);
      // A post that met a fault never reached the user.
      if (call.fault !== undefined) {
        run.faulted += 1;
        continue;
      }
      run.ids.add(id);
      run.posts += 1;
      run.lastAt = Math.max(run.lastAt, call.at);
      const shape = answerShape(call.args);
      run.shapes[shape] = (run.shapes[shape] ?? 0) + 1;
      if (String(call.args.text).startsWith('Sorry')) {
        run.apologies += 1;
        run.apologyIds.add(id);
      } else run.answerIds.add(id);
    }
    // The fake records every call; thousands of answers must not pile up for the whole run.
    fake.clearCalls();
  };
  setInterval(tally, 50).unref();
  process.on('message', (message: { type?: string }) => {
    if (message.type !== 'answers') return;
    tally();
    const runs = [...byRun].map(
      ([key, { ids, answerIds, apologyIds, ...run }]) =>
        [
          key,
          {
            ...run,
            answered: ids.size,
            withAnswer: answerIds.size,
            apologisedOnly: [...apologyIds].filter((id) => !answerIds.has(id)).length,
          },
        ] as const,
    );
    send({ type: 'answers', answers: { byRun: Object.fromEntries(runs), otherCalls } });
  });
  send({ type: 'ready', url: fake.url });
}
