import { Counter, Histogram, Registry } from 'prom-client';
import type { Searcher } from '../search/searcher.ts';

/** What a request to the bot was, as Slack sent it. */
export type RequestKind = 'command' | 'mention' | 'direct_message' | 'action' | 'home' | 'other';
export type RequestOutcome = 'ok' | 'error';
export type DigestOutcome = 'posted' | 'failed';

/**
 * The bot's own figures, for Prometheus. No default process metrics: they carry the
 * runtime's version and host details, and an operator who wants them has node_exporter.
 */
export interface Metrics {
  readonly registry: Registry;
  request(kind: RequestKind, outcome: RequestOutcome, seconds: number): void;
  search(seconds: number): void;
  digest(outcome: DigestOutcome): void;
  /** An event de-duplicated in this process's memory only, because Redis did not answer. */
  dedupeFallback(): void;
}

export function createMetrics(): Metrics {
  const registry = new Registry();
  const requests = new Counter({
    name: 'kubecon_requests_total',
    help: 'Slack requests handled, by kind and outcome',
    labelNames: ['kind', 'outcome'] as const,
    registers: [registry],
  });
  const answers = new Histogram({
    name: 'kubecon_answer_duration_seconds',
    help: 'Time from a Slack request to its answer having been sent, by kind',
    labelNames: ['kind'] as const,
    buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const searches = new Histogram({
    name: 'kubecon_search_duration_seconds',
    help: 'Time to search the catalogue for one query',
    buckets: [0.0001, 0.0005, 0.001, 0.005, 0.01, 0.05, 0.1],
    registers: [registry],
  });
  const digests = new Counter({
    name: 'kubecon_digests_total',
    help: 'Weekly digests, by outcome (posted or failed)',
    labelNames: ['outcome'] as const,
    registers: [registry],
  });
  const fallbacks = new Counter({
    name: 'kubecon_dedupe_fallbacks_total',
    help: 'Events de-duplicated by this replica alone because Redis did not answer (a retry on another replica may be answered twice)',
    registers: [registry],
  });
  // Zeroes from the start, so a dashboard or an alert sees the series before the first event.
  for (const outcome of ['posted', 'failed'] as const) digests.inc({ outcome }, 0);

  return {
    registry,
    request(kind, outcome, seconds) {
      requests.inc({ kind, outcome });
      answers.observe({ kind }, seconds);
    },
    search: (seconds) => searches.observe(seconds),
    digest: (outcome) => digests.inc({ outcome }),
    dedupeFallback: () => fallbacks.inc(),
  };
}

/** The same searcher, timed. */
export function timedSearcher(searcher: Searcher, metrics: Metrics): Searcher {
  return {
    ...searcher,
    search(query) {
      const start = performance.now();
      try {
        return searcher.search(query);
      } finally {
        metrics.search((performance.now() - start) / 1000);
      }
    },
  };
}
