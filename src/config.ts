import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import dotenv from 'dotenv';
import { z } from 'zod';
import { LANGUAGES, type Language } from './catalogue/vocabulary.ts';
import { ConfigError } from './config-error.ts';
import { PROJECT_ROOT } from './project-root.ts';

export { PROJECT_ROOT };

export type Mode = 'console' | 'socket' | 'http';

export interface Config {
  readonly mode: Mode;
  readonly slack: {
    readonly botToken: string;
    readonly appToken?: string | undefined;
    readonly signingSecret?: string | undefined;
    /** Web API base URL ending in "/", for tests, proxies and Enterprise setups. */
    readonly apiUrl?: string | undefined;
  };
  /** HTTP mode: the port Slack posts to (and /healthz, /readyz). */
  readonly port: number;
  /** Socket Mode: the port of /healthz and /readyz. */
  readonly healthPort: number;
  readonly language: Language;
  readonly catalogueDir: string;
  readonly dataDir: string;
  readonly logLevel: 'debug' | 'info' | 'warn' | 'error';
  readonly digest: {
    readonly cron: string;
    readonly timezone: string;
    readonly channels: readonly string[];
    readonly scheduler: boolean;
  };
  readonly metricsPort?: number | undefined;
  /** When set, replicas share event de-duplication and the digest's state here instead of DATA_DIR and memory. */
  readonly redisUrl?: string | undefined;
  /** SEARCH_GAPS=on: the words of searches that found nothing are kept, without user or channel, for 90 days. */
  readonly searchGaps: boolean;
}

/** An empty variable (`PORT=`) counts as unset, as it does for most tools. */
const optional = <T extends z.ZodType>(schema: T) => z.preprocess((value) => (value === '' ? undefined : value), schema.optional());

const port = (name: string) =>
  z.coerce
    .number({ error: `${name} must be a port number, e.g. 3000` })
    .int(`${name} must be a whole number`)
    .min(1, `${name} must be between 1 and 65535`)
    .max(65535, `${name} must be between 1 and 65535`);

export function isValidTimezone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const EnvSchema = z.object({
  SLACK_BOT_TOKEN: optional(
    z
      .string()
      .regex(/^xoxb-\S+$/, 'SLACK_BOT_TOKEN must be a bot token starting with "xoxb-" (OAuth & Permissions page of your Slack app)'),
  ),
  SLACK_APP_TOKEN: optional(
    z
      .string()
      .regex(
        /^xapp-\S+$/,
        'SLACK_APP_TOKEN must be an app-level token starting with "xapp-" with the connections:write scope (Basic Information > App-Level Tokens)',
      ),
  ),
  SLACK_SIGNING_SECRET: optional(
    z
      .string()
      .regex(/^[0-9a-zA-Z]{16,}$/, 'SLACK_SIGNING_SECRET must be the signing secret shown under Basic Information > App Credentials'),
  ),
  SLACK_API_URL: optional(z.url({ protocol: /^https?$/, error: 'SLACK_API_URL must be an http(s) URL such as https://slack.com/api/' })),
  PORT: optional(port('PORT')),
  HEALTH_PORT: optional(port('HEALTH_PORT')),
  METRICS_PORT: optional(port('METRICS_PORT')),
  REDIS_URL: optional(
    z
      .string()
      .refine(
        (value) => /^rediss?:\/\/[^/]/.test(value) && URL.canParse(value),
        'REDIS_URL must be a redis:// (or rediss:// for TLS) URL such as redis://:password@redis:6379/0; a password with @, : or / must be percent-encoded',
      ),
  ),
  BOT_LANGUAGE: optional(z.enum(LANGUAGES, { error: `BOT_LANGUAGE must be one of: ${LANGUAGES.join(', ')}` })),
  CATALOGUE_DIR: optional(z.string()),
  DATA_DIR: optional(z.string()),
  LOG_LEVEL: optional(z.enum(['debug', 'info', 'warn', 'error'], { error: 'LOG_LEVEL must be one of: debug, info, warn, error' })),
  DIGEST_CRON: optional(
    z
      .string()
      .refine(
        (value) => value.trim().split(/\s+/).length >= 5 && value.trim().split(/\s+/).length <= 6,
        'DIGEST_CRON must be a cron expression with 5 or 6 fields, e.g. "30 9 * * 1" (Mondays 09:30)',
      ),
  ),
  DIGEST_TIMEZONE: optional(z.string().refine(isValidTimezone, 'DIGEST_TIMEZONE must be an IANA time zone such as Europe/Paris')),
  DIGEST_CHANNELS: optional(
    z
      .string()
      .refine(
        (value) => value.split(',').every((id) => /^[CGD][A-Z0-9]{2,}$/.test(id.trim())),
        'DIGEST_CHANNELS must be comma-separated Slack channel ids such as C0123ABCD,C0456EFGH (not channel names)',
      ),
  ),
  DIGEST_SCHEDULER: optional(z.enum(['on', 'off'], { error: 'DIGEST_SCHEDULER must be "on" or "off"' })),
  SEARCH_GAPS: optional(z.enum(['on', 'off'], { error: 'SEARCH_GAPS must be "on" or "off" (off by default)' })),
});

export interface LoadConfigOptions {
  readonly env?: NodeJS.ProcessEnv;
  /** A dotenv file whose values fill in what the environment does not set. */
  readonly envFile?: string | undefined;
  /**
   * `serve` (the bot) receives from Slack and needs what each transport verifies with;
   * `post` (`npm run digest`) only calls the Web API, so the bot token is enough.
   */
  readonly purpose?: 'serve' | 'post';
  /**
   * Told about a value that was repaired rather than refused (never the value itself). Until
   * LOG_LEVEL is read there is no logger, so main.ts collects these and logs them once it has one.
   */
  readonly warn?: (message: string) => void;
}

/** The variables that hold credentials: copied and pasted, or echoed into a Secret, by hand. */
const SECRETS = ['SLACK_BOT_TOKEN', 'SLACK_APP_TOKEN', 'SLACK_SIGNING_SECRET', 'REDIS_URL'] as const;

/**
 * No Slack token or secret has spaces, quotes or line breaks, but a Kubernetes Secret made
 * with `echo` ends in a newline, and `docker --env-file` keeps quotes: removed from both ends,
 * layer after layer, so that only a value wrong in itself is refused.
 */
function unwrapSecret(name: string, value: string): { value: string; warning?: string } {
  let inner = value;
  for (;;) {
    const trimmed = inner.trim();
    const unquoted = /^(["'])(.*)\1$/s.exec(trimmed)?.[2];
    if (unquoted === undefined) {
      inner = trimmed;
      break;
    }
    inner = unquoted;
  }
  if (inner === value) return { value };
  const around = value.replace(inner, '');
  const found = [
    ...(/["']/.test(around) ? ['quotes'] : []),
    ...(/[\r\n]/.test(around) ? ['a line break'] : []),
    ...(/[^\S\r\n]/.test(around) ? ['spaces'] : []),
  ];
  const list = found.length > 1 ? `${found.slice(0, -1).join(', ')} and ${found.at(-1)}` : found.join('');
  return {
    value: inner,
    warning:
      `${name} had ${list} around its value, which the bot removed. Set it without them: \`echo -n\` or ` +
      '`kubectl create secret generic --from-literal` for a Kubernetes Secret, no quotes in a `docker --env-file` file',
  };
}

/**
 * Reads and validates the environment once, at start-up; the only reader of process.env.
 * With no Slack variable at all the bot runs as a local console.
 */
export function loadConfig({
  env = process.env,
  envFile = path.join(process.cwd(), '.env'),
  purpose = 'serve',
  warn = (message) => process.stderr.write(`Warning: ${message}\n`),
}: LoadConfigOptions = {}): Config {
  const fromFile = envFile && existsSync(envFile) ? dotenv.parse(readFileSync(envFile)) : {};
  const merged: Record<string, string | undefined> = { ...fromFile, ...env };
  for (const name of SECRETS) {
    const raw = merged[name];
    if (raw === undefined) continue;
    const { value, warning } = unwrapSecret(name, raw);
    if (warning) warn(warning);
    merged[name] = value;
  }
  const parsed = EnvSchema.safeParse(merged);
  const problems: string[] = parsed.success ? [] : parsed.error.issues.map((issue) => issue.message);
  const values = parsed.success ? parsed.data : ({} as Partial<z.infer<typeof EnvSchema>>);

  const has = (name: keyof z.infer<typeof EnvSchema>) => typeof merged[name] === 'string' && merged[name] !== '';
  const anySlack = has('SLACK_BOT_TOKEN') || has('SLACK_APP_TOKEN') || has('SLACK_SIGNING_SECRET');
  const mode: Mode = !anySlack ? 'console' : has('SLACK_APP_TOKEN') ? 'socket' : 'http';
  if (mode !== 'console' && !has('SLACK_BOT_TOKEN')) {
    problems.push(
      'SLACK_BOT_TOKEN is missing: copy the Bot User OAuth Token ("xoxb-...") from OAuth & Permissions; it is needed in both HTTP and Socket Mode',
    );
  }
  if (purpose === 'serve' && mode === 'http' && !has('SLACK_SIGNING_SECRET')) {
    problems.push(
      'SLACK_SIGNING_SECRET is missing: HTTP mode needs it to verify requests (Basic Information > App Credentials); or set SLACK_APP_TOKEN to use Socket Mode',
    );
  }
  if (problems.length > 0) throw new ConfigError(problems);

  const resolve = (dir: string | undefined, fallback: string) => path.resolve(dir ?? fallback);
  const apiUrl = values.SLACK_API_URL;
  const config: Config = {
    mode,
    slack: {
      botToken: values.SLACK_BOT_TOKEN ?? '',
      appToken: values.SLACK_APP_TOKEN,
      signingSecret: values.SLACK_SIGNING_SECRET,
      apiUrl: apiUrl && !apiUrl.endsWith('/') ? `${apiUrl}/` : apiUrl,
    },
    port: values.PORT ?? 3000,
    healthPort: values.HEALTH_PORT ?? 3001,
    language: values.BOT_LANGUAGE ?? 'en',
    catalogueDir: resolve(values.CATALOGUE_DIR, path.join(PROJECT_ROOT, 'data')),
    dataDir: resolve(values.DATA_DIR, path.join(PROJECT_ROOT, '.data')),
    logLevel: values.LOG_LEVEL ?? 'info',
    digest: {
      cron: values.DIGEST_CRON?.trim() ?? '30 9 * * 1',
      timezone: values.DIGEST_TIMEZONE ?? 'Europe/Paris',
      channels: (values.DIGEST_CHANNELS ?? '')
        .split(',')
        .map((id) => id.trim())
        .filter(Boolean),
      scheduler: values.DIGEST_SCHEDULER !== 'off',
    },
    metricsPort: values.METRICS_PORT,
    redisUrl: values.REDIS_URL,
    searchGaps: values.SEARCH_GAPS === 'on',
  };
  return deepFreeze(config);
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}
