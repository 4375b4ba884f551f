/** Slack retries an event up to three times, the last about 5 minutes after the first. */
export const EVENT_TTL_MS = 10 * 60_000;
const MAX_EVENTS = 10_000;

export type Outcome = 'answered' | 'failed' | 'duplicate';

export interface EventDeduplicator {
  /**
   * Runs `work` for an event unless an earlier delivery of it was answered. `work` resolves
   * true once the user got their answer; false or a throw forgets the event, so that Slack's
   * retry (then the only copy left) is answered. A retry that arrives while the first
   * delivery is still running waits for its outcome.
   */
  once(key: string, work: () => Promise<boolean>): Promise<Outcome>;
  readonly size: number;
}

export interface DeduplicatorOptions {
  readonly ttlMs?: number;
  /** Memory stays bounded under a flood of events: the oldest are forgotten first. */
  readonly maxEntries?: number;
  readonly now?: () => number;
}

interface Entry {
  readonly expires: number;
  readonly answered: Promise<boolean>;
}

/** The key Slack's retries share: an event id is unique within a workspace. */
export function eventKey(teamId: string, eventId: string): string {
  return `${teamId}:${eventId}`;
}

export function createEventDeduplicator({
  ttlMs = EVENT_TTL_MS,
  maxEntries = MAX_EVENTS,
  now = Date.now,
}: DeduplicatorOptions = {}): EventDeduplicator {
  const entries = new Map<string, Entry>();

  // Insertion order is expiry order (one TTL for all), so expired entries are at the front.
  function sweep(): void {
    const time = now();
    for (const [key, entry] of entries) {
      if (entry.expires > time && entries.size <= maxEntries) break;
      entries.delete(key);
    }
  }

  return {
    get size() {
      return entries.size;
    },

    async once(key, work) {
      for (;;) {
        sweep();
        const earlier = entries.get(key);
        if (earlier === undefined) break;
        if (await earlier.answered) return 'duplicate';
        // The earlier delivery failed and forgot itself; look again in case another retry took over meanwhile.
      }
      let settle: (answered: boolean) => void = () => {};
      const entry: Entry = { expires: now() + ttlMs, answered: new Promise<boolean>((resolve) => (settle = resolve)) };
      entries.set(key, entry);
      sweep();
      const forget = () => {
        if (entries.get(key) === entry) entries.delete(key);
        settle(false);
      };
      try {
        const answered = await work();
        if (!answered) {
          forget();
          return 'failed';
        }
        settle(true);
        return 'answered';
      } catch (error) {
        forget();
        throw error;
      }
    },
  };
}
