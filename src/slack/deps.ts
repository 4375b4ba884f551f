import type { Feedback } from '../feedback/feedback.ts';
import type { Logger } from '../log/logger.ts';
import type { EventDeduplicator } from './dedupe.ts';
import type { LanguageResolver } from './language.ts';
import type { ReplyDependencies } from './reply.ts';

/** What every listener gets, passed in by app.ts: no listener reaches for a module-level singleton. */
export interface ListenerDeps extends ReplyDependencies {
  readonly languages: LanguageResolver;
  readonly events: EventDeduplicator;
  readonly logger: Logger;
  /**
   * Runs an answer once Slack has its ack, off Bolt's request: what Bolt holds for a request
   * (the HTTP request and response, the parsed body) is freed at once rather than kept while
   * the answer waits its turn. Graceful shutdown and the metrics still wait for it.
   */
  readonly answerLater: (work: () => Promise<unknown>) => void;
  /** Ratings and search gaps, in the digest's store; absent where the bot runs without one. */
  readonly feedback?: Feedback | undefined;
}
