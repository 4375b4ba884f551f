import { WebClient } from '@slack/web-api';
import type { Config } from '../../config.ts';
import type { Logger } from '../../log/logger.ts';
import { boltLogger } from '../bolt-logger.ts';

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
