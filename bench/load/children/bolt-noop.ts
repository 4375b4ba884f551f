import type { AddressInfo } from 'node:net';
import { App, type Logger, LogLevel } from '@slack/bolt';
import { BOT_TOKEN, SIGNING_SECRET } from '../fixture.ts';
import { countingWrite, noLogCounts } from './log-counts.ts';
import { serve } from './serve.ts';

/**
 * A Slack app that does nothing, written the way Bolt's documentation writes one: Bolt's
 * defaults throughout (HTTPReceiver, its signature check, its token authorization and
 * conversation store, global fetch for respond()), one listener that acks then answers.
 * The least any Bolt app answering /kubecon costs; the bot is judged against it.
 */
export async function runBoltNoOp(): Promise<void> {
  const counts = noLogCounts();
  // Not a default: the bench counts what the app logs instead of printing it.
  const log =
    (level: 'warn' | 'error') =>
    (...args: unknown[]) =>
      countingWrite(counts)(JSON.stringify({ level, msg: args.map(String).join(' ') }));
  const logger: Logger = {
    debug: () => {},
    info: () => {},
    warn: log('warn'),
    error: log('error'),
    setLevel: () => {},
    getLevel: () => LogLevel.INFO,
    setName: () => {},
  };
  const app = new App({
    signingSecret: SIGNING_SECRET,
    token: BOT_TOKEN,
    logger,
    // Not a default either: the fake Slack stands in for slack.com.
    clientOptions: { slackApiUrl: process.env.BENCH_SLACK_API_URL ?? '' },
  });
  app.command('/kubecon', async ({ ack, respond }) => {
    await ack();
    await respond({ text: 'ok', response_type: 'ephemeral' });
  });
  const server = await app.start({ port: 0, host: '127.0.0.1' });
  serve(`http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`, counts);
}
