import { ErrorCode, type WebAPICallError } from '@slack/web-api';
import type { CallFailure } from '../../digest/poster.ts';

/** A Web API error as the poster reads it: may Slack have acted on the call, and may it be tried again? */
export function classifyFailure(error: unknown): CallFailure {
  const coded = (error ?? {}) as WebAPICallError;
  switch (coded.code) {
    case ErrorCode.RateLimitedError:
      return { kind: 'rate-limited', retryAfterMs: coded.retryAfter * 1000, reason: 'ratelimited' };
    case ErrorCode.PlatformError:
      return { kind: 'refused', reason: coded.data.error, fix: howToFix(coded.data.error) };
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
