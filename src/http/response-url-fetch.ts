import type { RetryOptions } from '@slack/web-api';
import pRetry, { AbortError } from 'p-retry';
import { Response } from 'undici';

/** Slack's Web API, when SLACK_API_URL does not say otherwise. */
export const DEFAULT_API_URL = 'https://slack.com/api/';

export interface ResponseUrlRetry extends RetryOptions {
  /** A Retry-After longer than this is cut to it: the user is looking at a spinner. */
  readonly maxRetryAfterMs: number;
}

class Retryable extends Error {
  readonly status: number;
  readonly retryAfterMs: number;
  constructor(status: number, retryAfterMs: number) {
    super(`response_url answered ${status}`);
    this.status = status;
    this.retryAfterMs = retryAfterMs;
  }
}

/**
 * The fetch Bolt's respond() uses, with retries for response_url posts only (Web API calls
 * have the client's own retry policy): a 5xx, a 429 (after its Retry-After, capped) or a
 * network error is tried again, within `retry`. A response_url takes 5 posts in 30 minutes,
 * and answers and apologies each make up to `retry.retries + 1`: with the default 2, a
 * failed answer and its apology stay within them when Slack counts failed posts too.
 */
export function retryingResponseUrls(fetchFn: typeof fetch, apiUrl: string, retry: ResponseUrlRetry): typeof fetch {
  return (input, init) => {
    const url = String(input instanceof Request ? input.url : input);
    if (url.startsWith(apiUrl)) return fetchFn(input, init);
    return pRetry(
      async () => {
        let response: Awaited<ReturnType<typeof fetch>>;
        try {
          response = await fetchFn(input, init);
        } catch (error) {
          // A signal the caller gave, aborted on purpose: nothing to retry.
          if (init?.signal?.aborted) throw new AbortError(error instanceof Error ? error : String(error));
          throw error;
        }
        if (response.status >= 500 || response.status === 429) {
          const seconds = Number(response.headers.get('retry-after'));
          throw new Retryable(response.status, Number.isFinite(seconds) ? Math.min(seconds * 1000, retry.maxRetryAfterMs) : 0);
        }
        return response;
      },
      {
        retries: retry.retries ?? 2,
        factor: retry.factor ?? 2,
        minTimeout: retry.minTimeout ?? 500,
        maxTimeout: retry.maxTimeout ?? 4000,
        // Slack's Retry-After, when longer than our own backoff, is the wait.
        onFailedAttempt: async ({ error, retriesLeft, retryDelay }) => {
          const extra = error instanceof Retryable ? error.retryAfterMs - retryDelay : 0;
          if (retriesLeft > 0 && extra > 0) await new Promise((resolve) => setTimeout(resolve, extra));
        },
      },
    ).catch((error: unknown) => {
      // Out of retries on a status: hand Bolt the answer it can report, as without retries.
      if (error instanceof Retryable) return new Response(null, { status: error.status }) as unknown as Awaited<ReturnType<typeof fetch>>;
      throw error;
    });
  };
}
