import type { AddressInfo } from 'node:net';
import { App, HTTPReceiver, SocketModeReceiver } from '@slack/bolt';
import { type RetryOptions, WebClient, type WebClientOptions } from '@slack/web-api';
import PQueue from 'p-queue';
import type { Bot } from '../bot/answer.ts';
import type { Config } from '../config.ts';
import type { Feedback } from '../feedback/feedback.ts';
import { healthRoutes, type ReadinessChecks } from '../http/health.ts';
import type { Server } from '../http/node-http.ts';
import { DEFAULT_API_URL, type ResponseUrlRetry, retryingResponseUrls } from '../http/response-url-fetch.ts';
import { type RouteServer, startRouteServer } from '../http/route-server.ts';
import { slackFetch } from '../http/slack-fetch.ts';
import type { Logger } from '../log/logger.ts';
import { createMetrics, type Metrics } from '../metrics/metrics.ts';
import { createAnswerQueue } from './answer-queue.ts';
import { BODY_LIMIT, BODY_TIMEOUT_MS, guardRequests } from './body-guard.ts';
import { boltLogger } from './bolt-logger.ts';
import { createClockCheck } from './clock.ts';
import { createEventDeduplicator, type EventDeduplicator } from './dedupe.ts';
import type { ListenerDeps } from './deps.ts';
import { createIdentityProbe, type SlackTokenRefusedError } from './identity.ts';
import { createLanguageResolver, LANGUAGE_WAIT_MS } from './language.ts';
import { registerListeners } from './listeners/index.ts';
import { failureMarkingLogger, followAnswer, inThisRequest, measureRequest } from './request-metrics.ts';
import { cappedDispatcher, guardSocketMode } from './socket-guard.ts';

/** Retry and time budgets; production uses the defaults, tests shrink them. */
export interface SlackTuning {
  /** Calls made while a user waits for an answer: a couple of quick retries, then an apology. */
  readonly webApiRetry: RetryOptions;
  /** Each response_url post (answer or apology) on 5xx, 429 and network errors. */
  readonly responseUrlRetry: ResponseUrlRetry;
  /** Per HTTP attempt, Web API and response_url alike: a hung call must not hang a handler. */
  readonly requestTimeoutMs: number;
  /** apps.connections.open, which the socket-mode client calls again on every reconnect. */
  readonly socketRetry: RetryOptions;
  /** Ping timeout of the Socket Mode link, also its first reconnect delay. */
  readonly socketPingTimeoutMs: number;
  /** Reconnect delays double, with jitter, up to this. */
  readonly socketReconnectMaxMs: number;
  readonly authTestBackoff: { readonly initialMs: number; readonly maxMs: number };
  /**
   * In-flight and queued work gets this long after SIGTERM; main.ts exits 18 s after it
   * whatever happens, within Kubernetes' 20 s grace period (deployment.yaml).
   */
  readonly shutdownTimeoutMs: number;
  /** A request body still arriving after this is cut. */
  readonly bodyTimeoutMs: number;
  /** How long an answer waits for the user's language before it uses BOT_LANGUAGE. */
  readonly languageWaitMs: number;
}

/** Where Slack posts events, commands and interactions in HTTP mode. */
const EVENTS_PATH = '/slack/events';

/**
 * Answers in progress at once: each mostly waits on Slack, a few keep the CPU busy without
 * starving the acks (64 at once cut bench:load's throughput by two thirds). An answer waiting
 * out a retry lends its slot (answer-queue.ts): without that, eight answers sleeping through
 * Retry-After left 19% of users unanswered a minute into bench:load --faults 30.
 */
const ANSWER_CONCURRENCY = 8;

export const DEFAULT_TUNING: SlackTuning = {
  webApiRetry: { retries: 2, factor: 2, minTimeout: 250, maxTimeout: 1000 },
  responseUrlRetry: { retries: 4, factor: 2, minTimeout: 250, maxTimeout: 4000, maxRetryAfterMs: 10_000 },
  requestTimeoutMs: 5000,
  // About four minutes of attempts: long enough for a Slack blip, short enough to fail a broken deploy.
  socketRetry: { retries: 8, factor: 2, minTimeout: 1000, maxTimeout: 60_000 },
  socketPingTimeoutMs: 5000,
  socketReconnectMaxMs: 60_000,
  authTestBackoff: { initialMs: 1000, maxMs: 60_000 },
  shutdownTimeoutMs: 15_000,
  bodyTimeoutMs: BODY_TIMEOUT_MS,
  languageWaitMs: LANGUAGE_WAIT_MS,
};

export interface SlackAppOptions {
  readonly config: Pick<Config, 'mode' | 'slack' | 'port' | 'healthPort' | 'language'>;
  readonly bot: Bot;
  readonly logger: Logger;
  /** Where request counts and latencies go; served on METRICS_PORT by main.ts when it is set. */
  readonly metrics?: Metrics | undefined;
  /** Overrides config.port (HTTP) or config.healthPort (Socket Mode); 0 picks a free port. */
  readonly port?: number | undefined;
  /** The interface to listen on; every interface by default. */
  readonly host?: string | undefined;
  readonly tuning?: Partial<SlackTuning> | undefined;
  /**
   * The HTTP client of every Slack call, given a per-attempt timeout: slackFetch by default
   * (docs/decisions/0006-slack-fetch.md); bench:load measures the bot with the SDK's own.
   */
  readonly fetch?: ((timeoutMs: number) => typeof fetch) | undefined;
  /** Who checks request signatures in HTTP mode: ours by default (docs/decisions/0007-signature-check.md), or Bolt's. */
  readonly signatureCheck?: 'ours' | 'bolt' | undefined;
  /** Event de-duplication: this process's memory by default, Redis when replicas share it (src/compose.ts). */
  readonly events?: EventDeduplicator | undefined;
  /** Readiness checks of what the app is given (Redis, say), beside its own. */
  readonly readiness?: (() => ReadinessChecks) | undefined;
  /** Ratings and search gaps (src/feedback/), kept in the digest's store; without it 👍 and 👎 count nothing. */
  readonly feedback?: Feedback | undefined;
}

export interface SlackApp {
  /** Listens (HTTP) or connects (Socket Mode); readiness follows once Slack answers auth.test. */
  start(): Promise<void>;
  /**
   * Stops taking new work, lets in-flight handlers finish (up to shutdownTimeoutMs), then
   * closes everything. Safe to call at any time, more than once.
   */
  shutdown(): Promise<void>;
  /** The port of /healthz and /readyz: the Events API port in HTTP mode, HEALTH_PORT in Socket Mode. */
  readonly port: number | undefined;
  readiness(): ReadinessChecks;
  /**
   * Settles only if auth.test says the bot token is refused for good (invalid_auth,
   * token_revoked...): the app cannot answer anything, and main.ts exits 1 on it.
   */
  readonly tokenRefused: Promise<SlackTokenRefusedError>;
}

async function within(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => (timer = setTimeout(resolve, ms, false)));
  try {
    return await Promise.race([
      promise.then(
        () => true,
        () => true,
      ),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The Bolt app over one of two transports, Socket Mode when SLACK_APP_TOKEN is set, HTTP
 * otherwise. Transport only: every listener is in ./listeners, every message in src/blocks.
 */
export function createSlackApp(options: SlackAppOptions): SlackApp {
  const { config, bot } = options;
  const metrics = options.metrics ?? createMetrics();
  const logger = failureMarkingLogger(options.logger);
  const tuning: SlackTuning = { ...DEFAULT_TUNING, ...options.tuning };
  const log = logger.child({ component: 'slack', mode: config.mode });
  const sdkLogger = boltLogger(logger);
  const clock = createClockCheck(log);
  const httpFetch = clock.watch((options.fetch ?? slackFetch)(tuning.requestTimeoutMs));
  const base: WebClientOptions = {
    slackApiUrl: config.slack.apiUrl,
    logger: sdkLogger,
    timeout: tuning.requestTimeoutMs,
    // Bolt's respond() has no timeout of its own; it uses this fetch too, so this gives it one.
    fetch: httpFetch,
  };

  // auth.test and users.info have a fallback (retry later, default language): no retries of
  // their own, and a rate limit is an answer, not a wait (the client would sleep out Retry-After).
  const quick = new WebClient(config.slack.botToken, { ...base, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true });
  const identity = createIdentityProbe({
    authTest: () => quick.auth.test(),
    logger: log,
    initialDelayMs: tuning.authTestBackoff.initialMs,
    maxDelayMs: tuning.authTestBackoff.maxMs,
  });
  // Requests Bolt is handling, unbounded: counted so that a graceful shutdown can wait for them.
  const inFlight = new PQueue();
  const answerQueue = createAnswerQueue({ concurrency: ANSWER_CONCURRENCY });
  const answerLater = (work: () => Promise<unknown>): void => {
    const answered = answerQueue.run(inThisRequest(work));
    followAnswer(answered);
    answered.catch((error: unknown) => log.error('An answer failed', { error }));
  };
  const deps: ListenerDeps = {
    bot,
    logger,
    events: options.events ?? createEventDeduplicator(),
    feedback: options.feedback,
    answerLater,
    languages: createLanguageResolver({
      fallback: config.language,
      waitMs: tuning.languageWaitMs,
      logger: log,
      lookupLocale: async (user) => (await quick.users.info({ user, include_locale: true })).user?.locale,
    }),
  };

  let draining = false;
  const readiness = (): ReadinessChecks => ({
    catalogue: bot.catalogue.talks.length > 0,
    slack: identity.current !== undefined,
    accepting: !draining,
    clock: clock.ok,
    ...(link === undefined ? {} : { socket: link.up }),
    ...options.readiness?.(),
  });
  const routes = healthRoutes(readiness);

  const boltChecksSignatures = options.signatureCheck === 'bolt';
  const socketHttp = config.mode === 'socket' ? cappedDispatcher(BODY_LIMIT) : undefined;
  const receiver =
    socketHttp !== undefined
      ? new SocketModeReceiver({
          appToken: config.slack.appToken ?? '',
          dispatcher: socketHttp.dispatcher,
          logger: sdkLogger,
          clientPingTimeout: tuning.socketPingTimeoutMs,
          // Explicit, or the socket-mode client writes its own 100-retry policy in.
          installerOptions: { clientOptions: { ...base, retryConfig: tuning.socketRetry } },
        })
      : new HTTPReceiver({
          signingSecret: config.slack.signingSecret ?? '',
          signatureVerification: boltChecksSignatures,
          endpoints: EVENTS_PATH,
          logger: sdkLogger,
          customRoutes: routes,
        });
  const link =
    receiver instanceof SocketModeReceiver
      ? guardSocketMode(receiver.client, log, {
          initialDelayMs: tuning.socketPingTimeoutMs,
          maxDelayMs: tuning.socketReconnectMaxMs,
          onClose: () => socketHttp?.destroySocket(),
        })
      : undefined;
  if (receiver instanceof HTTPReceiver)
    receiver.requestListener = guardRequests(receiver.requestListener, {
      endpoint: EVENTS_PATH,
      log,
      signingSecret: boltChecksSignatures ? undefined : (config.slack.signingSecret ?? ''),
      bodyTimeoutMs: tuning.bodyTimeoutMs,
    });

  const app = new App({
    receiver,
    logger: sdkLogger,
    // Bolt's own authorize calls auth.test once, in this constructor, and if that fails it
    // fails every request forever. Ours answers with the token alone until identity.ts has
    // the bot's ids: a request that comes first is still answered (Bolt acks events before
    // authorize succeeds or not, so a refused one would be lost), only its mention is
    // stripped less precisely and the listeners, not Bolt, skip bot messages.
    authorize: async () => ({ botToken: config.slack.botToken, ...identity.current }),
    // No conversation state is kept; Bolt's default store would build a rejected Error for every request.
    convoStore: false,
    // Rate-limited answers fail fast into an apology rather than keep a user waiting a minute.
    clientOptions: {
      ...base,
      // respond() posts with this fetch too: response_url posts and apologies get retries of their own.
      fetch: retryingResponseUrls(httpFetch, config.slack.apiUrl ?? DEFAULT_API_URL, tuning.responseUrlRetry, (wait) =>
        answerQueue.whileWaiting(wait),
      ),
      retryConfig: tuning.webApiRetry,
      rejectRateLimitedCalls: true,
    },
  });
  app.use(({ next, body }) => inFlight.add(() => measureRequest(metrics, body, next)));
  app.error(async (error) => {
    log.error('A Slack listener failed', { error });
  });
  registerListeners(app, deps);

  let server: Server | undefined;
  let healthServer: RouteServer | undefined;
  let port: number | undefined;
  let shuttingDown: Promise<void> | undefined;

  async function start(): Promise<void> {
    identity.start();
    try {
      if (receiver instanceof HTTPReceiver) {
        server = await receiver.start({ port: options.port ?? config.port, host: options.host });
        port = (server.address() as AddressInfo).port;
        log.info('Listening for Slack requests on /slack/events, health on /healthz and /readyz', { port });
      } else {
        healthServer = await startRouteServer(routes, options.port ?? config.healthPort, options.host);
        port = healthServer.port;
        await receiver.start();
        log.info('Connected to Slack over Socket Mode; health on /healthz and /readyz', { healthPort: port });
      }
    } catch (error) {
      await shutdown();
      throw error;
    }
  }

  function shutdown(): Promise<void> {
    shuttingDown ??= (async () => {
      draining = true;
      answerQueue.drain();
      identity.stop();
      const deadline = Date.now() + tuning.shutdownTimeoutMs;
      const left = () => Math.max(0, deadline - Date.now());
      log.info('Shutting down: taking no new work, finishing what is in flight', {
        inFlight: inFlight.pending,
        answers: answerQueue.pending,
      });
      const stopped =
        receiver instanceof HTTPReceiver ? (server === undefined ? Promise.resolve() : receiver.stop()) : receiver.client.disconnect();
      if (!(await within(Promise.all([inFlight.onIdle(), answerQueue.idle()]), left()))) {
        log.warn('Shutdown deadline reached with handlers still running', { inFlight: inFlight.pending, answers: answerQueue.pending });
      }
      // Keep-alive connections would hold the HTTP server open; nothing more is expected on them.
      server?.closeAllConnections();
      await within(stopped, left());
      await healthServer?.close();
      log.info('Slack app stopped');
    })();
    return shuttingDown;
  }

  return {
    start,
    shutdown,
    readiness,
    tokenRefused: identity.refused,
    get port() {
      return port;
    },
  };
}
