// Load: the real bot in HTTP mode, on the real catalogue, against the local fake Slack Web API,
// next to two references: a bare node:http server that only checks the same signature and
// answers 200 (the upper bound on this machine), and a no-op Bolt app with Bolt's defaults that
// acks then answers "ok" on the response_url (what any Bolt app answering /kubecon costs; the
// bot's targets are relative to it). Each server runs in a child process of its own, so its RSS
// is its own and it shares no event loop with the load generator or the fake Slack; everything
// listens on 127.0.0.1. What is timed is the ack: from sending a request to the end of its HTTP
// answer. The answers posted after the ack to each response_url are counted and checked, per
// server, by the fake Slack, in its own process. The modules are in bench/load/.
//
// Usage: npm run bench:load [-- --requests 5000 --concurrency 50 --timeout 50] [-- --smoke]
//   --profile                writes a V8 CPU profile of the bot's measured run to $TMPDIR/kubecon-bot-bench/
//                            (open it in Chrome DevTools, Performance tab)
//   --bot-node-options=...   node/V8 flags for the bot process only; by default the V8 sizing flags
//                            (--max-*) of the Dockerfile's CMD, so the bot is measured as it is deployed
//   --from-source            runs the servers from the .ts sources instead of compiling them first
//                            (quicker to start; RSS then includes Node's type stripper)
//   --variant <name>         after the bot, measures it again with a variant of bench/load/variants.ts,
//                            in a fresh process, exactly as the bot; repeatable; not judged
//   --faults N               the bot alone against a Slack failing N% of calls (500, or 429 with Retry-After):
//                            counts who got an answer, only an apology, or nothing (target: nothing = 0)
//   --bodies                 100 bodies of 4 MB at once without the secret: peak RSS against idle RSS
//                            (target <= 1.2x), beside the no-op Bolt app and the bot with Bolt's check
// Exits 1 when a target is missed, 2 when the run overran its time bound.
//
// This file is also every child's entry (--role): each loads only the module of its role, so that
// a server's RSS holds nothing of the others.
import { parseFlags } from './load/flags.ts';

const flags = parseFlags();

if (flags.role !== 'main') {
  process.on('message', (message: { type?: string }) => {
    if (message.type === 'exit') process.exit(0);
  });
  process.on('disconnect', () => process.exit(0));
}

switch (flags.role) {
  case 'bot':
    await (await import('./load/children/bot.ts')).runBot();
    break;
  case 'bolt':
    await (await import('./load/children/bolt-noop.ts')).runBoltNoOp();
    break;
  case 'bare':
    await (await import('./load/children/bare.ts')).runBare();
    break;
  case 'fake':
    await (await import('./load/children/fake-slack.ts')).runFakeSlack();
    break;
  default:
    if (flags.bodies) await (await import('./load/bodies.ts')).runBodies(flags);
    else if (flags.faults > 0) await (await import('./load/faults.ts')).runWithFaults(flags);
    else await (await import('./load/main.ts')).run(flags);
}
