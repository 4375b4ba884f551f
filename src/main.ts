import { runCli } from './cli/run.ts';
import { compose } from './compose.ts';
import { loadConfig } from './config.ts';
import { runConsole } from './console/console.ts';
import { ensureWritableDataDir } from './data-dir.ts';
import { startRouteServer } from './http/route-server.ts';
import { createLogger } from './log/logger.ts';
import { metricsRoute } from './metrics/route.ts';

/**
 * SIGTERM must end the process before Kubernetes' grace period (20 s, deployment.yaml) runs
 * out and it kills what is left; the app's own deadline (15 s) is shorter, this is the backstop.
 */
const EXIT_DEADLINE_MS = 18_000;

// Composition root: config -> compose (catalogue, search, bot, digest) -> a door (console or Slack).
await runCli(async () => {
  const warnings: string[] = [];
  const config = loadConfig({ warn: (warning) => warnings.push(warning) });
  const logger = createLogger({ level: config.logLevel, format: process.stderr.isTTY ? 'pretty' : 'json' });
  for (const warning of warnings) logger.warn(warning);
  // A promise nobody awaited, in a library or ours, must not end every answer in flight: it is
  // logged and the bot serves on. Known causes are guarded at their source (src/slack/socket-guard.ts).
  process.on('unhandledRejection', (reason) => logger.error('A promise nobody awaited failed; still serving', { error: reason }));
  // The console keeps no state; the Slack bot's digest does, and a read-only DATA_DIR must fail the start, not the first digest.
  if (config.mode !== 'console') await ensureWritableDataDir(config.dataDir);
  const composition = await compose(config);

  if (config.mode === 'console') {
    await runConsole({
      bot: composition.bot,
      language: config.language,
      input: process.stdin,
      output: process.stdout,
      interactive: Boolean(process.stdin.isTTY),
    });
    return;
  }

  const digest = composition.digest(logger);
  const redis = composition.redis(logger);
  // A state the digest cannot read stops the start (the message names where and the fix), not a digest on Monday.
  const checkState = () =>
    digest.store.read().catch((error: unknown) => {
      logger.error(error instanceof Error ? error.message : 'Cannot read the digest state', { error });
      process.exit(1);
    });
  // With Redis, that waits until it answers, while /readyz says 503: the Slack app starts first.
  if (redis === undefined) await checkState();
  const slack = composition.slackApp({ logger, digest });
  const metricsServer =
    config.metricsPort === undefined ? undefined : await startRouteServer([metricsRoute(composition.metrics.registry)], config.metricsPort);
  let stopping = false;
  const stop = (exitCode: 0 | 1) => {
    if (stopping) return;
    stopping = true;
    setTimeout(() => process.exit(exitCode), EXIT_DEADLINE_MS).unref();
    Promise.all([digest.scheduler.stop(), digest.personal.stop(), slack.shutdown(), metricsServer?.close()])
      .then(composition.close)
      .then(
        () => process.exit(exitCode),
        (error: unknown) => {
          logger.error('Shutdown failed', { error });
          process.exit(1);
        },
      );
  };
  const onSignal = (signal: NodeJS.Signals) => {
    logger.info('Signal received', { signal });
    stop(0);
  };
  process.once('SIGTERM', onSignal);
  process.once('SIGINT', onSignal);
  // The app has logged which variable to fix; running on would only keep /readyz at 503 for ever.
  slack.tokenRefused.then(() => stop(1));

  try {
    await slack.start();
  } catch (error) {
    // A signal during start-up makes start() fail; that is a clean stop, not a failure.
    if (stopping) return;
    logger.error(
      config.mode === 'socket'
        ? 'Could not connect to Slack over Socket Mode: check SLACK_APP_TOKEN (an app-level token with connections:write) and that Slack is reachable'
        : `Could not listen for Slack requests on port ${config.port}: is another process using it? Set PORT to another port`,
      { error },
    );
    process.exit(1);
  }
  if (redis !== undefined) {
    // Only a setting that waiting cannot fix (a wrong password, TLS) rejects: Redis merely down is waited for.
    const fatal = await redis.connected.then(
      () => undefined,
      (error: unknown) => error,
    );
    if (fatal !== undefined) {
      logger.error(fatal instanceof Error ? fatal.message : 'Cannot use REDIS_URL', { error: fatal });
      stop(1);
      return;
    }
    await checkState();
  }
  // People's weekly DMs come at DIGEST_CRON's time in each one's own time zone, which no single CronJob can follow: always in-process.
  if (!stopping) void digest.personal.start();
  // The in-process schedule, unless a Kubernetes CronJob runs `npm run digest -- --now` instead.
  if (config.digest.scheduler && !stopping) await digest.scheduler.start();
});
