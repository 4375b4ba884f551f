import path from 'node:path';
import { compose } from '../../../src/compose.ts';
import { loadConfig } from '../../../src/config.ts';
import { createLogger } from '../../../src/log/logger.ts';
import { BOT_TOKEN, SIGNING_SECRET } from '../fixture.ts';
import { variants } from '../variants.ts';
import { countingWrite, noLogCounts } from './log-counts.ts';
import { serve } from './serve.ts';

/** The bot as main.ts composes it in HTTP mode: production tuning and log level, with a variant's overrides if one is named. */
export async function runBot(): Promise<void> {
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
  const counts = noLogCounts();
  const logger = createLogger({ level: config.logLevel, write: countingWrite(counts) });
  const variant = process.env.BENCH_VARIANT === undefined ? {} : variants[process.env.BENCH_VARIANT];
  if (variant === undefined) throw new Error(`bench:load: no variant ${process.env.BENCH_VARIANT}`);
  const app = slackApp({ ...variant, logger, port: 0, host: '127.0.0.1' });
  await app.start();
  while (!app.readiness().slack) await new Promise((resolve) => setTimeout(resolve, 10));
  serve(`http://127.0.0.1:${app.port}/slack/events`, counts);
}
