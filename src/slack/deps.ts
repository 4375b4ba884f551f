import type { Logger } from '../log/logger.ts';
import type { AnswerQueue } from './answer-queue.ts';
import type { EventDeduplicator } from './dedupe.ts';
import type { LanguageResolver } from './language.ts';
import type { ReplyDependencies } from './reply.ts';

/** What every listener gets, passed in by app.ts: no listener reaches for a module-level singleton. */
export interface ListenerDeps extends ReplyDependencies {
  readonly languages: LanguageResolver;
  readonly events: EventDeduplicator;
  readonly logger: Logger;
  /** Every answer runs through it, after the ack. */
  readonly answers: AnswerQueue;
}
