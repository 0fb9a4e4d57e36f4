/**
 * Bolt and the Web API client log through `@slack/logger`'s interface; this bridges it to our pino
 * child logger so Slack's lines share the app's format and redaction.
 */
import { type Logger as BoltLogger, LogLevel } from '@slack/bolt';
import type { Logger } from '../../logger.js';

const PINO_TO_SLACK: Record<string, LogLevel> = {
  trace: LogLevel.DEBUG,
  debug: LogLevel.DEBUG,
  info: LogLevel.INFO,
  warn: LogLevel.WARN,
  error: LogLevel.ERROR,
  fatal: LogLevel.ERROR,
  silent: LogLevel.ERROR,
};

function line(parts: unknown[]): string {
  return parts
    .map((p) => (p instanceof Error ? p.message : typeof p === 'string' ? p : JSON.stringify(p)))
    .join(' ');
}

export function toSlackLogger(logger: Logger): BoltLogger {
  return {
    debug: (...msg: unknown[]) => logger.debug(line(msg)),
    info: (...msg: unknown[]) => logger.info(line(msg)),
    warn: (...msg: unknown[]) => logger.warn(line(msg)),
    error: (...msg: unknown[]) => logger.error(line(msg)),
    // The level is owned by our configuration (LOG_LEVEL), not by Bolt's defaults.
    setLevel: () => {},
    getLevel: () => PINO_TO_SLACK[logger.level] ?? LogLevel.INFO,
    setName: () => {},
  };
}
