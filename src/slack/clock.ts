import type { Logger } from '../log/logger.ts';

/**
 * Slack signs each request with its own clock, and the body guard refuses one signed more
 * than 5 minutes away from ours: with this machine's clock that far off, every request is
 * refused as stale, which looks like forgery. The Date header of Slack's own answers tells
 * how far off we are, so the bot can say so and stop looking ready.
 */
export interface ClockCheck {
  /** This machine's clock minus Slack's, from the last answer that said; undefined until one has. */
  readonly skewMs: number | undefined;
  /** False once the skew is so large that Slack's requests are refused as stale. */
  readonly ok: boolean;
  /** Wraps the fetch of every Slack call, to read the Date header of what Slack answers. */
  watch(fetchFn: typeof fetch): typeof fetch;
}

/** The body guard's replay window (300 s), less the Date header's one-second resolution and a margin. */
export const MAX_SKEW_MS = 290_000;
/** Worth a warning well before requests are refused. */
const WARN_SKEW_MS = 60_000;

export function createClockCheck(log: Logger, now: () => number = Date.now): ClockCheck {
  let skewMs: number | undefined;
  let reported: 'fine' | 'drifting' | 'refusing' = 'fine';

  function observe(date: string | null, sentAt: number, receivedAt: number): void {
    const slackMs = date === null ? Number.NaN : Date.parse(date);
    if (Number.isNaN(slackMs)) return;
    // The header has whole seconds: Slack's clock read somewhere in that second, between send and receipt.
    skewMs = Math.round((sentAt + receivedAt) / 2 - (slackMs + 500));
    const size = Math.abs(skewMs);
    const state = size > MAX_SKEW_MS ? 'refusing' : size > WARN_SKEW_MS ? 'drifting' : 'fine';
    if (state === reported) return;
    reported = state;
    const seconds = Math.round(size / 1000);
    const direction = skewMs > 0 ? 'ahead of' : 'behind';
    if (state === 'refusing')
      log.error(
        `This machine's clock is ${seconds} s ${direction} Slack's: every request Slack signs looks stale and is refused; /readyz says 503 until the clock is fixed (NTP)`,
        { skewMs },
      );
    else if (state === 'drifting')
      log.warn(`This machine's clock is ${seconds} s ${direction} Slack's; at 300 s Slack's requests will be refused`, { skewMs });
    else log.info("This machine's clock agrees with Slack's again", { skewMs });
  }

  return {
    get skewMs() {
      return skewMs;
    },
    get ok() {
      return skewMs === undefined || Math.abs(skewMs) <= MAX_SKEW_MS;
    },
    watch(fetchFn) {
      return async (input, init) => {
        const sentAt = now();
        const response = await fetchFn(input, init);
        observe(response.headers.get('date'), sentAt, now());
        return response;
      };
    },
  };
}
