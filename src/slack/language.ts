import { ErrorCode } from '@slack/web-api';
import { LRUCache } from 'lru-cache';
import type { Language } from '../catalogue/vocabulary.ts';
import type { Logger } from '../log/logger.ts';

export interface LanguageResolver {
  /**
   * Starts looking up a user's language, if it is not known yet, so that the lookup runs
   * while the answer waits its turn rather than during it.
   */
  prefetch(userId: string): void;
  /**
   * The user's language from their Slack locale; the bot's default when Slack does not say,
   * fails, is rate-limited or is slow: an answer never waits more than `waitMs` for it.
   */
  forUser(userId: string): Promise<Language>;
}

export interface LanguageResolverOptions {
  readonly fallback: Language;
  /** users.info with include_locale: the locale ("fr-FR"), or undefined when Slack gives none. */
  readonly lookupLocale: (userId: string) => Promise<string | undefined>;
  readonly logger: Logger;
  /** How long after a lookup starts an answer may wait for it. */
  readonly waitMs?: number;
  readonly ttlMs?: number;
  readonly maxEntries?: number;
  readonly now?: () => number;
}

/** Locales change rarely; an hour keeps users.info off the path of almost every answer. */
const TTL_MS = 60 * 60_000;
const MAX_USERS = 5_000;
/** users.info answers in a few hundred milliseconds when Slack is well. */
export const LANGUAGE_WAIT_MS = 1000;

export function languageOfLocale(locale: string | undefined, fallback: Language): Language {
  const lower = locale?.toLowerCase() ?? '';
  if (lower.startsWith('fr')) return 'fr';
  if (lower.startsWith('en')) return 'en';
  return fallback;
}

/** Seconds Slack asked us to wait, when it rate-limited the call (the client rejects rather than waits). */
function retryAfterOf(error: unknown): number | undefined {
  const { code, retryAfter } = (error ?? {}) as { code?: unknown; retryAfter?: unknown };
  return code === ErrorCode.RateLimitedError && typeof retryAfter === 'number' ? retryAfter : undefined;
}

export function createLanguageResolver({
  fallback,
  lookupLocale,
  logger,
  waitMs = LANGUAGE_WAIT_MS,
  ttlMs = TTL_MS,
  maxEntries = MAX_USERS,
  now = Date.now,
}: LanguageResolverOptions): LanguageResolver {
  const known = new LRUCache<string, Language>({ max: maxEntries, ttl: ttlMs, ttlResolution: 0, perf: { now } });
  // One lookup per user even when several answers need it at once; a failure is not remembered.
  const lookups = new Map<string, { readonly language: Promise<Language | undefined>; readonly startedAt: number }>();
  // While Slack rate-limits users.info, nobody's lookup is tried: everyone gets the default at once.
  let pausedUntil = 0;

  function lookup(userId: string) {
    const running = lookups.get(userId);
    if (running || known.has(userId) || now() < pausedUntil) return running;
    const language = lookupLocale(userId).then(
      (locale) => {
        const found = languageOfLocale(locale, fallback);
        known.set(userId, found);
        return found;
      },
      (error: unknown) => {
        const retryAfter = retryAfterOf(error);
        if (retryAfter !== undefined) pausedUntil = Math.max(pausedUntil, now() + retryAfter * 1000);
        logger.debug('users.info failed; answering in the default language', { user: userId, error, retryAfter });
        return undefined;
      },
    );
    const started = { language, startedAt: now() };
    lookups.set(userId, started);
    language.finally(() => lookups.delete(userId));
    return started;
  }

  return {
    prefetch(userId) {
      lookup(userId);
    },
    async forUser(userId) {
      const cached = known.get(userId);
      if (cached !== undefined) return cached;
      const running = lookup(userId);
      if (running === undefined) return fallback;
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<undefined>((resolve) => {
        timer = setTimeout(() => resolve(undefined), Math.max(0, running.startedAt + waitMs - now()));
      });
      try {
        return (await Promise.race([running.language, late])) ?? fallback;
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
