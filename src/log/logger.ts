export const LEVELS = ['debug', 'info', 'warn', 'error'] as const;
export type Level = (typeof LEVELS)[number];

export type LogContext = Record<string, unknown>;

export interface Logger {
  debug(message: string, context?: LogContext): void;
  info(message: string, context?: LogContext): void;
  warn(message: string, context?: LogContext): void;
  error(message: string, context?: LogContext): void;
  /** A logger that adds `context` to every line, e.g. { component: 'digest' }. */
  child(context: LogContext): Logger;
  readonly level: Level;
}

export interface LoggerOptions {
  readonly level?: Level;
  /** 'json': one object a line (production); 'pretty': for a person at a terminal. */
  readonly format?: 'json' | 'pretty';
  readonly write?: (line: string) => void;
  readonly now?: () => Date;
}

/**
 * Tokens and secrets must never reach a log, even inside an error message from a library:
 * anything shaped like a Slack token is masked on the way out.
 */
const SECRET = /\b(xox[abposr]|xapp)-[A-Za-z0-9-]+/g;
/** Keys whose values are never logged, whatever they hold (user text, credentials). */
const HIDDEN_KEYS = new Set([
  'token',
  'text',
  'signingSecret',
  'signing_secret',
  'authorization',
  'password',
  'secret',
  'botToken',
  'appToken',
]);

function scrub(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return value.replace(SECRET, '$1-***');
  if (value instanceof Error)
    return { name: value.name, message: scrub(value.message), ...('code' in value ? { code: (value as { code: unknown }).code } : {}) };
  if (Array.isArray(value)) return depth > 4 ? '[array]' : value.map((v) => scrub(v, depth + 1));
  if (value && typeof value === 'object') {
    if (depth > 4) return '[object]';
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, HIDDEN_KEYS.has(k) ? '[hidden]' : scrub(v, depth + 1)]));
  }
  return value;
}

export function createLogger(
  { level = 'info', format = 'json', write = (line) => process.stderr.write(`${line}\n`), now = () => new Date() }: LoggerOptions = {},
  bound: LogContext = {},
): Logger {
  const threshold = LEVELS.indexOf(level);
  const emit = (lvl: Level, message: string, context: LogContext = {}) => {
    if (LEVELS.indexOf(lvl) < threshold) return;
    const fields = scrub({ ...bound, ...context }) as LogContext;
    const time = now().toISOString();
    if (format === 'json') {
      write(JSON.stringify({ level: lvl, time, msg: scrub(message), ...fields }));
      return;
    }
    const extra = Object.entries(fields)
      .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
      .join(' ');
    write(`${time.slice(11, 19)} ${lvl.toUpperCase().padEnd(5)} ${scrub(message) as string}${extra ? `  ${extra}` : ''}`);
  };
  return {
    level,
    debug: (message, context) => emit('debug', message, context),
    info: (message, context) => emit('info', message, context),
    warn: (message, context) => emit('warn', message, context),
    error: (message, context) => emit('error', message, context),
    child: (context) => createLogger({ level, format, write, now }, { ...bound, ...context }),
  };
}

/** For tests and tools that must stay quiet. */
export const silentLogger: Logger = createLogger({ level: 'error', write: () => {} });
