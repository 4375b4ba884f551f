import { ErrorCode } from '@slack/web-api';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/log/logger.ts';
import { createLanguageResolver, languageOfLocale } from '../../src/slack/language.ts';

describe('user language', () => {
  it('maps Slack locales, falling back to the bot language', () => {
    expect(languageOfLocale('fr-FR', 'en')).toBe('fr');
    expect(languageOfLocale('fr-CA', 'en')).toBe('fr');
    expect(languageOfLocale('en-GB', 'fr')).toBe('en');
    expect(languageOfLocale('de-DE', 'fr')).toBe('fr');
    expect(languageOfLocale(undefined, 'en')).toBe('en');
  });

  it('asks Slack once per user within the TTL, and again after it', async () => {
    // A clock that starts past 0, as real ones do: lru-cache takes a start time of 0 for "no TTL".
    let now = 1_000_000;
    const asked: string[] = [];
    const languages = createLanguageResolver({
      fallback: 'en',
      logger: silentLogger,
      now: () => now,
      ttlMs: 1000,
      lookupLocale: async (user) => {
        asked.push(user);
        return user === 'UFR' ? 'fr-FR' : 'en-US';
      },
    });
    expect(await Promise.all([languages.forUser('UFR'), languages.forUser('UFR')])).toEqual(['fr', 'fr']);
    expect(await languages.forUser('UEN')).toBe('en');
    now += 1001;
    await languages.forUser('UFR');
    expect(asked).toEqual(['UFR', 'UEN', 'UFR']);
  });

  it('falls back silently when users.info fails, without caching the failure', async () => {
    let fail = true;
    const languages = createLanguageResolver({
      fallback: 'fr',
      logger: silentLogger,
      lookupLocale: async () => {
        if (fail) throw new Error('ratelimited');
        return 'en-US';
      },
    });
    expect(await languages.forUser('U1')).toBe('fr');
    fail = false;
    expect(await languages.forUser('U1')).toBe('en');
  });

  it('keeps at most maxEntries users', async () => {
    const asked: string[] = [];
    const languages = createLanguageResolver({
      fallback: 'en',
      logger: silentLogger,
      maxEntries: 2,
      lookupLocale: async (user) => {
        asked.push(user);
        return 'en-US';
      },
    });
    for (const user of ['U1', 'U2', 'U3', 'U1']) await languages.forUser(user);
    expect(asked).toEqual(['U1', 'U2', 'U3', 'U1']);
  });
});

describe('user language when Slack is slow or busy', () => {
  it('answers in the default language when users.info is slow, and remembers the answer that comes later', async () => {
    let answer: (locale: string) => void = () => {};
    const languages = createLanguageResolver({
      fallback: 'en',
      logger: silentLogger,
      waitMs: 20,
      lookupLocale: () => new Promise((resolve) => (answer = resolve)),
    });
    expect(await languages.forUser('UFR')).toBe('en');
    answer('fr-FR');
    await new Promise((resolve) => setImmediate(resolve));
    expect(await languages.forUser('UFR')).toBe('fr');
  });

  it('asks nobody while Slack rate-limits users.info, then asks again', async () => {
    let now = 1_000_000;
    const asked: string[] = [];
    const languages = createLanguageResolver({
      fallback: 'en',
      logger: silentLogger,
      now: () => now,
      lookupLocale: async (user) => {
        asked.push(user);
        if (asked.length === 1) throw Object.assign(new Error('rate limited'), { code: ErrorCode.RateLimitedError, retryAfter: 20 });
        return 'fr-FR';
      },
    });
    expect(await languages.forUser('U1')).toBe('en');
    expect(await Promise.all(['U2', 'U3', 'U1'].map((user) => languages.forUser(user)))).toEqual(['en', 'en', 'en']);
    expect(asked).toEqual(['U1']);
    now += 20_001;
    expect(await languages.forUser('U2')).toBe('fr');
    expect(asked).toEqual(['U1', 'U2']);
  });

  it('starts the lookup when asked to prefetch, and counts the wait from then', async () => {
    const asked: string[] = [];
    const languages = createLanguageResolver({
      fallback: 'en',
      logger: silentLogger,
      lookupLocale: async (user) => {
        asked.push(user);
        return 'fr-FR';
      },
    });
    languages.prefetch('U1');
    expect(asked).toEqual(['U1']);
    expect(await languages.forUser('U1')).toBe('fr');
    expect(asked).toEqual(['U1']);
  });
});
