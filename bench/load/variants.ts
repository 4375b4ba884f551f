import type { SlackAppOptions } from '../../src/slack/app.ts';

/** What a variant may change in the bot; logger, port and host are how the bench measures it. */
export type Variant = Partial<Omit<SlackAppOptions, 'config' | 'bot' | 'metrics' | 'logger' | 'port' | 'host'>>;

/**
 * The bot with one of our mechanisms swapped for the library's, measured beside it in the
 * same run (--variant <name>): the figures a decision record in docs/decisions/ cites.
 */
export const variants: Readonly<Record<string, Variant>> = {
  // The SDK's own HTTP client, Node's fetch, instead of slackFetch (src/http/slack-fetch.ts),
  // with the same per-attempt timeout.
  'global-fetch': {
    fetch:
      (timeoutMs) =>
      (input, init = {}) =>
        fetch(input, { ...init, signal: init.signal ?? AbortSignal.timeout(timeoutMs) }),
  },
  // Bolt's HTTPReceiver checks signatures and ssl_check itself instead of src/slack/body-guard.ts.
  'bolt-signature': { signatureCheck: 'bolt' },
};
