import { LRUCache } from 'lru-cache';
import type { Language } from '../catalogue/schema.ts';
import type { Logger } from '../log/logger.ts';

export interface LanguageResolver {
  /** The user's language from their Slack locale; the bot's default when Slack does not say. */
  forUser(userId: string): Promise<Language>;
}

export interface LanguageResolverOptions {
  readonly fallback: Language;
  /** users.info with include_locale: the locale ("fr-FR"), or undefined when Slack gives none. */
  readonly lookupLocale: (userId: string) => Promise<string | undefined>;
  readonly logger: Logger;
  readonly ttlMs?: number;
  readonly maxEntries?: number;
  readonly now?: () => number;
}

/** Locales change rarely; an hour keeps users.info off the path of almost every answer. */
const TTL_MS = 60 * 60_000;
const MAX_USERS = 5_000;

export function languageOfLocale(locale: string | undefined, fallback: Language): Language {
  const lower = locale?.toLowerCase() ?? '';
  if (lower.startsWith('fr')) return 'fr';
  if (lower.startsWith('en')) return 'en';
  return fallback;
}

export function createLanguageResolver({
  fallback,
  lookupLocale,
  logger,
  ttlMs = TTL_MS,
  maxEntries = MAX_USERS,
  now = Date.now,
}: LanguageResolverOptions): LanguageResolver {
  const cache = new LRUCache<string, Promise<Language>>({ max: maxEntries, ttl: ttlMs, ttlResolution: 0, perf: { now } });

  return {
    forUser(userId) {
      const cached = cache.get(userId);
      if (cached) return cached;
      // One lookup per user even when several answers need it at once; a failure is not cached.
      const language: Promise<Language> = lookupLocale(userId).then(
        (locale) => languageOfLocale(locale, fallback),
        (error: unknown) => {
          if (cache.get(userId) === language) cache.delete(userId);
          logger.debug('users.info failed; answering in the default language', { user: userId, error });
          return fallback;
        },
      );
      cache.set(userId, language);
      return language;
    },
  };
}
