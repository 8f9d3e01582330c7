/**
 * Structured JSON logs (pino). Every object logged passes through `redact` first, so a careless call
 * cannot write a PIN or a citizen's name. Messages are fixed texts; data goes in fields.
 */
import { type DestinationStream, type Logger, pino } from 'pino';
import { redact } from './redact.ts';

export type { Logger } from 'pino';
export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace';

export interface LoggerOptions {
  readonly level?: LogLevel;
  /** Where lines go; standard output when not given. Tests pass a stream they can read. */
  readonly destination?: DestinationStream;
  readonly component?: string;
}

export function createLogger(options: LoggerOptions = {}): Logger {
  const logger = pino(
    {
      level: options.level ?? 'info',
      base: { component: options.component ?? 'cajero' },
      timestamp: pino.stdTimeFunctions.isoTime,
      // pino's own `err` serializer is bypassed: redact() keeps an error's code and detail and
      // still removes any sensitive field hung on it.
      serializers: { err: (error: unknown) => error },
      formatters: {
        level: (label) => ({ level: label }),
        log: (object) => redact(object) as Record<string, unknown>,
      },
      hooks: {
        // Extra arguments are interpolated into the message by pino; refuse that path so data can
        // only arrive as fields, where redaction sees it.
        logMethod(args, method) {
          if (args.length > 2) return method.apply(this, args.slice(0, 2) as [object, string]);
          return method.apply(this, args);
        },
      },
    },
    options.destination ?? pino.destination({ fd: 1, sync: false }),
  );
  return logger;
}

/** A logger that writes nothing: for unit tests of logic that only need the dependency. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
