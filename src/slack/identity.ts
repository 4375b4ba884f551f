import { ErrorCode, type WebAPIPlatformError } from '@slack/web-api';
import pRetry, { AbortError } from 'p-retry';
import type { Logger } from '../log/logger.ts';

/** Who the bot is in Slack, from auth.test: to ignore its own messages and strip its mention. */
export interface BotIdentity {
  readonly botUserId: string;
  readonly botId?: string | undefined;
}

/**
 * auth.test's answers that no retry can change, each with what it means: only a new
 * SLACK_BOT_TOKEN helps. Every other failure (network, timeout, 5xx, 429, Slack's own
 * internal_error) may pass, so it is retried.
 */
const REFUSALS: Readonly<Record<string, string>> = {
  invalid_auth: 'the token is not a valid one: mistyped, cut short, or from another workspace',
  not_authed: 'no token reached Slack',
  token_revoked: 'the token was revoked: the app was uninstalled, or its token regenerated',
  token_expired: 'the token expired: token rotation is on for this app, which a long-running bot cannot follow',
  account_inactive: 'the bot user or its workspace was deactivated',
};

/** Slack refused the bot token for good: the bot cannot work until SLACK_BOT_TOKEN is fixed. */
export class SlackTokenRefusedError extends Error {
  override readonly name = 'SlackTokenRefusedError';
  readonly code = 'slack_token_refused';
  /** Slack's error code: invalid_auth, token_revoked, ... */
  readonly reason: string;
  constructor(reason: string, cause: unknown) {
    super(
      `Slack refused SLACK_BOT_TOKEN (${reason}): ${REFUSALS[reason]}. Copy the Bot User OAuth Token ("xoxb-...") from ` +
        'OAuth & Permissions of the Slack app (reinstall the app if it has none), set it as SLACK_BOT_TOKEN, and start the bot again.',
      { cause },
    );
    this.reason = reason;
  }
}

function refusal(error: unknown): string | undefined {
  if ((error as { code?: unknown } | null)?.code !== ErrorCode.PlatformError) return undefined;
  const reason = (error as WebAPIPlatformError).data.error;
  return Object.hasOwn(REFUSALS, reason) ? reason : undefined;
}

export interface IdentityProbe {
  /** Set once auth.test answered; /readyz is 503 until then. */
  readonly current: BotIdentity | undefined;
  /** Settles only if Slack refuses the token for good, after which nothing is retried. */
  readonly refused: Promise<SlackTokenRefusedError>;
  /** Calls auth.test, and again with exponential backoff while the failure may pass (or until stop()). */
  start(): void;
  stop(): void;
}

export interface IdentityProbeOptions {
  readonly authTest: () => Promise<{ user_id?: string; bot_id?: string }>;
  readonly logger: Logger;
  readonly initialDelayMs: number;
  readonly maxDelayMs: number;
}

/**
 * A Slack that does not answer at start-up is a reason to stay unready and retry, not to
 * crash; a Slack that refuses the token is a reason to stop, since no retry would change it.
 */
export function createIdentityProbe({ authTest, logger, initialDelayMs, maxDelayMs }: IdentityProbeOptions): IdentityProbe {
  let current: BotIdentity | undefined;
  const stopped = new AbortController();
  let failures = 0;
  let refuse: (error: SlackTokenRefusedError) => void = () => {};
  const refused = new Promise<SlackTokenRefusedError>((resolve) => (refuse = resolve));

  async function identify(): Promise<BotIdentity> {
    const result = await authTest().catch((error: unknown) => {
      const reason = refusal(error);
      throw reason ? new AbortError(new SlackTokenRefusedError(reason, error)) : error;
    });
    if (!result.user_id) throw new Error('auth.test answered without a user_id');
    return { botUserId: result.user_id, botId: result.bot_id };
  }

  return {
    get current() {
      return current;
    },
    refused,
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
              'check that Slack, or SLACK_API_URL, is reachable.',
            { error },
          );
        },
      }).then(
        (identity) => {
          current = identity;
          if (failures > 0) logger.info('Slack answered auth.test; the app is ready', { attempts: failures + 1 });
        },
        // Besides a refusal, only a stop ends the retries.
        (error: unknown) => {
          if (!(error instanceof SlackTokenRefusedError)) return;
          logger.error(error.message, { error: error.cause, reason: error.reason });
          refuse(error);
        },
      );
    },
    stop() {
      stopped.abort();
    },
  };
}
