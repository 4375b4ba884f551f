import { startFakeSlack } from '../../../test/helpers/fake-slack.ts';
import { answerShape, runKeyOf } from '../answers.ts';
import { TEAM_ID } from '../fixture.ts';
import { send } from '../protocol.ts';

interface RunTally {
  readonly ids: Set<string>;
  posts: number;
  readonly shapes: Record<string, number>;
  apologies: number;
  lastAt: number;
}

/** The fake Slack Web API and response_url endpoint, tallying answers by run as they come and forgetting them. */
export async function runFakeSlack(): Promise<void> {
  const fake = await startFakeSlack({ teamId: TEAM_ID });
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
      const run = byRun.get(key) ?? { ids: new Set(), posts: 0, shapes: {}, apologies: 0, lastAt: 0 };
      byRun.set(key, run);
      run.ids.add(id);
      run.posts += 1;
      run.lastAt = Math.max(run.lastAt, call.at);
      const shape = answerShape(call.args);
      run.shapes[shape] = (run.shapes[shape] ?? 0) + 1;
      if (String(call.args.text).startsWith('Sorry')) run.apologies += 1;
    }
    // The fake records every call; thousands of answers must not pile up for the whole run.
    fake.clearCalls();
  };
  setInterval(tally, 50).unref();
  process.on('message', (message: { type?: string }) => {
    if (message.type !== 'answers') return;
    tally();
    const runs = [...byRun].map(([key, { ids, ...run }]) => [key, { ...run, answered: ids.size }] as const);
    send({ type: 'answers', answers: { byRun: Object.fromEntries(runs), otherCalls } });
  });
  send({ type: 'ready', url: fake.url });
}
