import { ErrorCode, type WebAPICallError, WebClient } from '@slack/web-api';
import type { Config } from '../config.ts';
import type { Logger } from '../log/logger.ts';
import { boltLogger } from '../slack/bolt-logger.ts';

/** Per HTTP attempt: a hung call must not hold up the other channels' digests. */
const REQUEST_TIMEOUT_MS = 10_000;

/**
 * The digest's own Web API client. No retries of its own (the SDK's default retries a 5xx
 * for half an hour, and a 5xx may hide a message Slack did post) and rate limits come back
 * as errors: the poster retries, asking Slack first whether the message went out.
 */
export function createDigestClient(slack: Config['slack'], logger: Logger): WebClient {
  return new WebClient(slack.botToken, {
    slackApiUrl: slack.apiUrl,
    logger: boltLogger(logger),
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout: REQUEST_TIMEOUT_MS,
  });
}

/** Why a Web API call failed, as far as retrying it is concerned. */
export type CallFailure =
  /** HTTP 429: nothing was done; try again after `retryAfterMs`. */
  | { readonly kind: 'rate-limited'; readonly retryAfterMs: number; readonly reason: string }
  /** A 5xx, a timeout, a broken connection: Slack may or may not have acted on it. */
  | { readonly kind: 'ambiguous'; readonly reason: string }
  /** Slack answered no (`ok: false`) or the request was malformed: the same call would get the same answer. */
  | { readonly kind: 'refused'; readonly reason: string };

export function classifyFailure(error: unknown): CallFailure {
  const coded = (error ?? {}) as WebAPICallError;
  switch (coded.code) {
    case ErrorCode.RateLimitedError:
      return { kind: 'rate-limited', retryAfterMs: coded.retryAfter * 1000, reason: 'ratelimited' };
    case ErrorCode.PlatformError:
      return { kind: 'refused', reason: coded.data.error };
    case ErrorCode.HTTPError:
      return coded.statusCode >= 500 || coded.statusCode === 408
        ? { kind: 'ambiguous', reason: `HTTP ${coded.statusCode}` }
        : { kind: 'refused', reason: `HTTP ${coded.statusCode}` };
    default:
      // Request errors and anything unforeseen: assume the worst, that Slack may have acted.
      return { kind: 'ambiguous', reason: error instanceof Error ? error.message : String(error) };
  }
}

/** Slack errors an operator can fix, and how; the digest logs this beside the error. */
export function howToFix(reason: string): string | undefined {
  switch (reason) {
    case 'not_in_channel':
    case 'channel_not_found':
      return 'Invite the bot to the channel (/invite @kubecon in it); a private channel shows as channel_not_found until then. Or unsubscribe the channel (/kubecon digest unsubscribe, or remove it from DIGEST_CHANNELS)';
    case 'is_archived':
      return 'The channel is archived: unarchive it, or unsubscribe it (remove it from DIGEST_CHANNELS if it is listed there)';
    case 'missing_scope':
      return 'Add the scopes listed in manifest.yml to the Slack app (OAuth & Permissions) and reinstall it';
    case 'invalid_auth':
    case 'not_authed':
    case 'token_revoked':
    case 'account_inactive':
      return 'Check SLACK_BOT_TOKEN: copy the Bot User OAuth Token again from OAuth & Permissions';
    default:
      return undefined;
  }
}
