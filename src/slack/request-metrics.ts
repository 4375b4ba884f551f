import { AsyncLocalStorage } from 'node:async_hooks';
import type { Logger } from '../log/logger.ts';
import type { Metrics, RequestKind } from '../metrics/metrics.ts';

/**
 * Counts and times every Slack request. Listeners answer failures with an apology and an
 * error in the log rather than a throw, so "failed" means: its handling logged an error.
 */
const current = new AsyncLocalStorage<{ failed: boolean; answers: Promise<unknown>[] }>();

/** The kind of request a Bolt body is; the fields read are the ones Slack always sends. */
export function requestKind(body: unknown): RequestKind {
  const fields = (typeof body === 'object' && body !== null ? body : {}) as {
    command?: unknown;
    type?: unknown;
    event?: { type?: unknown };
  };
  if (typeof fields.command === 'string') return 'command';
  if (fields.type === 'block_actions') return 'action';
  switch (fields.event?.type) {
    case 'app_mention':
      return 'mention';
    case 'message':
      return 'direct_message';
    case 'app_home_opened':
      return 'home';
    default:
      return 'other';
  }
}

/** Counts a request once its handler and every answer it started (followAnswer) are done. */
export async function measureRequest(metrics: Metrics, body: unknown, handle: () => Promise<void>): Promise<void> {
  const state = { failed: false, answers: [] as Promise<unknown>[] };
  const start = performance.now();
  // Read now: the count waits for the request's answers, and must not keep its body alive until then.
  const kind = requestKind(body);
  try {
    await current.run(state, handle);
  } catch (error) {
    state.failed = true;
    throw error;
  } finally {
    void Promise.allSettled(state.answers).then(() =>
      metrics.request(kind, state.failed ? 'error' : 'ok', (performance.now() - start) / 1000),
    );
  }
}

/** An answer the request being handled started, to finish after Bolt is done with the request. */
export function followAnswer(answered: Promise<unknown>): void {
  current.getStore()?.answers.push(answered);
}

/**
 * The work, to run later in the request being handled now: the answer queue starts answers
 * from whichever request's turn its pump runs in, and an answer's errors must mark its own
 * request. Only the request's state is kept, not its whole async context.
 */
export function inThisRequest<T>(work: () => Promise<T>): () => Promise<T> {
  const state = current.getStore();
  return state === undefined ? work : () => current.run(state, work);
}

/** A logger whose errors mark the request being handled, if any, as failed. */
export function failureMarkingLogger(logger: Logger): Logger {
  return {
    level: logger.level,
    debug: (message, context) => logger.debug(message, context),
    info: (message, context) => logger.info(message, context),
    warn: (message, context) => logger.warn(message, context),
    error: (message, context) => {
      const state = current.getStore();
      if (state) state.failed = true;
      logger.error(message, context);
    },
    child: (context) => failureMarkingLogger(logger.child(context)),
  };
}
