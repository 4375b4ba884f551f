import { LRUCache } from 'lru-cache';

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
  /** Memory stays bounded under a flood of events: the least recently seen are forgotten first. */
  readonly maxEntries?: number;
  readonly now?: () => number;
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
  // Whether each event's delivery answered, as a promise so that a retry can wait for it.
  const entries = new LRUCache<string, Promise<boolean>>({ max: maxEntries, ttl: ttlMs, ttlResolution: 0, perf: { now } });

  return {
    get size() {
      return entries.size;
    },

    async once(key, work) {
      for (;;) {
        const earlier = entries.get(key);
        if (earlier === undefined) break;
        if (await earlier) return 'duplicate';
        // The earlier delivery failed and forgot itself; look again in case another retry took over meanwhile.
      }
      let settle: (answered: boolean) => void = () => {};
      const answered = new Promise<boolean>((resolve) => (settle = resolve));
      entries.set(key, answered);
      const forget = () => {
        if (entries.get(key) === answered) entries.delete(key);
        settle(false);
      };
      try {
        if (!(await work())) {
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
