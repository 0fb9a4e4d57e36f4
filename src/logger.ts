/** Structured logs (pino). Components take a child logger; nothing logs image bytes or tokens. */
import { type Logger, pino } from 'pino';

export type { Logger };

export function createLogger(options: { level?: string; destination?: NodeJS.WritableStream } = {}): Logger {
  return pino(
    {
      level: options.level ?? 'info',
      base: { app: 'organ-seg' },
      // Belt and braces: these keys never reach a log line even if a caller passes them.
      redact: {
        paths: [
          'token',
          'botToken',
          'signingSecret',
          'authorization',
          '*.authorization',
          'headers.authorization',
          'bytes',
          'image',
          'pixels',
          'patientName',
          'patientId',
        ],
        censor: '[redacted]',
      },
    },
    options.destination ?? pino.destination(2),
  );
}

/** A logger that drops everything: the default for library use and tests. */
export const silentLogger: Logger = pino({ level: 'silent' });
