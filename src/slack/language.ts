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

interface Entry {
  readonly expires: number;
  readonly language: Promise<Language>;
}

export function createLanguageResolver({
  fallback,
  lookupLocale,
  logger,
  ttlMs = TTL_MS,
  maxEntries = MAX_USERS,
  now = Date.now,
}: LanguageResolverOptions): LanguageResolver {
  const cache = new Map<string, Entry>();

  function remember(userId: string, entry: Entry): void {
    cache.delete(userId);
    cache.set(userId, entry);
    for (const key of cache.keys()) {
      if (cache.size <= maxEntries) break;
      cache.delete(key);
    }
  }

  return {
    forUser(userId) {
      const cached = cache.get(userId);
      if (cached && cached.expires > now()) return cached.language;
      // One lookup per user even when several answers need it at once; a failure is not cached.
      const entry: Entry = {
        expires: now() + ttlMs,
        language: lookupLocale(userId).then(
          (locale) => languageOfLocale(locale, fallback),
          (error: unknown) => {
            if (cache.get(userId) === entry) cache.delete(userId);
            logger.debug('users.info failed; answering in the default language', { user: userId, error });
            return fallback;
          },
        ),
      };
      remember(userId, entry);
      return entry.language;
    },
  };
}
