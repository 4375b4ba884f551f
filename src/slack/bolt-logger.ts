import { type Logger as BoltLogger, LogLevel } from '@slack/web-api';
import type { LogContext, Logger } from '../log/logger.ts';

/** Bolt and its clients log `...args`; ours logs a message and fields, so errors keep their name and code. */
function entry(args: unknown[]): [string, LogContext] {
  const words: string[] = [];
  const context: LogContext = {};
  for (const arg of args) {
    if (arg instanceof Error) context.error = arg;
    else if (typeof arg === 'string') words.push(arg);
    else words.push(JSON.stringify(arg) ?? String(arg));
  }
  return [words.join(' ') || (context.error as Error | undefined)?.message || '(no message)', context];
}

/**
 * Bolt, WebClient and SocketModeClient log through our logger, with its level, format and
 * secret scrubbing. Their debug lines are dropped: they dump raw payloads, that is user text.
 */
export function boltLogger(logger: Logger): BoltLogger {
  const log = logger.child({ component: 'slack-sdk' });
  return {
    debug: () => {},
    info: (...args: unknown[]) => log.info(...entry(args)),
    warn: (...args: unknown[]) => log.warn(...entry(args)),
    // The socket-mode client's "WebSocket error!" lines carry no reason; socket-guard.ts logs the drop with one.
    error: (...args: unknown[]) => {
      if (typeof args[0] === 'string' && args[0].startsWith('WebSocket error')) return;
      log.error(...entry(args));
    },
    // Our level comes from LOG_LEVEL; Bolt's constructor tries to impose its own default.
    setLevel: () => {},
    getLevel: () => ({ debug: LogLevel.DEBUG, info: LogLevel.INFO, warn: LogLevel.WARN, error: LogLevel.ERROR })[logger.level],
    setName: () => {},
  };
}
