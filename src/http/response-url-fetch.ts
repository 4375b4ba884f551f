import pRetry, { AbortError } from 'p-retry';
import { Response } from 'undici';

/** Slack's Web API, when SLACK_API_URL does not say otherwise. */
export const DEFAULT_API_URL = 'https://slack.com/api/';

export interface ResponseUrlRetry {
  readonly retries: number;
  /** The first wait; each next one `factor` times longer, up to `maxTimeout`. */
  readonly minTimeout: number;
  readonly factor: number;
  readonly maxTimeout: number;
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
 * network error is tried again, within `retry`. A response_url takes 5 posts in 30 minutes;
 * a post Slack answered 5xx or 429 was not taken, so it does not count against them. With
 * 30% of posts failing, five attempts at the answer and five at the apology leave about one
 * user in 170,000 with neither (bench:load --faults 30 counts them).
 */
export function retryingResponseUrls(
  fetchFn: typeof fetch,
  apiUrl: string,
  retry: ResponseUrlRetry,
  /** Wraps each wait between attempts: the answer queue lends the waiting answer's slot meanwhile. */
  whileWaiting: <T>(wait: Promise<T>) => Promise<T> = (wait) => wait,
): typeof fetch {
  const { factor, minTimeout, maxTimeout } = retry;
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
        retries: retry.retries,
        // The waits are made here, not by p-retry: the backoff, or Slack's Retry-After when longer.
        minTimeout: 0,
        maxTimeout: 0,
        onFailedAttempt: async ({ error, attemptNumber, retriesLeft }) => {
          if (retriesLeft === 0) return;
          const backoff = Math.min(maxTimeout, minTimeout * factor ** (attemptNumber - 1));
          const ms = Math.max(backoff, error instanceof Retryable ? error.retryAfterMs : 0);
          await whileWaiting(new Promise((resolve) => setTimeout(resolve, ms)));
        },
      },
    ).catch((error: unknown) => {
      // Out of retries on a status: hand Bolt the answer it can report, as without retries.
      if (error instanceof Retryable) return new Response(null, { status: error.status }) as unknown as Awaited<ReturnType<typeof fetch>>;
      throw error;
    });
  };
}
