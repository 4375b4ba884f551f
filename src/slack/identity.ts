import pRetry from 'p-retry';
import type { Logger } from '../log/logger.ts';

/** Who the bot is in Slack, from auth.test: to ignore its own messages and strip its mention. */
export interface BotIdentity {
  readonly botUserId: string;
  readonly botId?: string | undefined;
}

export interface IdentityProbe {
  /** Set once auth.test answered; /readyz is 503 until then. */
  readonly current: BotIdentity | undefined;
  /** Calls auth.test, and again with exponential backoff until it answers (or stop()). */
  start(): void;
  stop(): void;
}

export interface IdentityProbeOptions {
  readonly authTest: () => Promise<{ user_id?: string; bot_id?: string }>;
  readonly logger: Logger;
  readonly initialDelayMs: number;
  readonly maxDelayMs: number;
}

/** A Slack that does not answer at start-up is a reason to stay unready and retry, not to crash. */
export function createIdentityProbe({ authTest, logger, initialDelayMs, maxDelayMs }: IdentityProbeOptions): IdentityProbe {
  let current: BotIdentity | undefined;
  const stopped = new AbortController();
  let failures = 0;

  async function identify(): Promise<BotIdentity> {
    const result = await authTest();
    if (!result.user_id) throw new Error('auth.test answered without a user_id');
    return { botUserId: result.user_id, botId: result.bot_id };
  }

  return {
    get current() {
      return current;
    },
    start() {
      pRetry(identify, {
        retries: Number.POSITIVE_INFINITY,
        factor: 2,
        minTimeout: initialDelayMs,
        maxTimeout: maxDelayMs,
        signal: stopped.signal,
        // A pending retry must not keep a stopping process alive.
        unref: true,
        onFailedAttempt: ({ error, attemptNumber, retryDelay }) => {
          failures = attemptNumber;
          logger.error(
            `Slack did not answer auth.test (attempt ${attemptNumber}); retrying in ${Math.round(retryDelay / 100) / 10} s. /readyz stays 503 until it does: ` +
              'check SLACK_BOT_TOKEN (a revoked or mistyped token says invalid_auth) and that Slack, or SLACK_API_URL, is reachable.',
            { error },
          );
        },
      }).then(
        (identity) => {
          current = identity;
          if (failures > 0) logger.info('Slack answered auth.test; the app is ready', { attempts: failures + 1 });
        },
        // Only a stop ends the retries.
        () => {},
      );
    },
    stop() {
      stopped.abort();
    },
  };
}
