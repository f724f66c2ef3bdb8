import { LoggerService } from '@nestjs/common';
import pino, { Logger } from 'pino';

const LOG_FLUSH_INTERVAL_MS = 1000;

/**
 * One pino logger per process, writing JSON lines. Fastify logs requests through it (one line per request, from a
 * hook: no per-request middleware or AsyncLocalStorage, which cost a third of the api's throughput) and Nest's own
 * messages are forwarded to it by {@link PinoNestLogger}.
 */
export function createRootLogger(level = process.env.LOG_LEVEL || 'info'): Logger {
  if (level === 'silent') return pino({ level });
  // Buffered asynchronous writes: one write(2) per 4 KiB of log instead of one per line. A quiet process still shows
  // its lines within a second; pino writes out the rest at exit (entry points exit, not die, on SIGTERM/SIGINT).
  const destination = pino.destination({ dest: 1, sync: false, minLength: 4096 });
  setInterval(() => destination.flush(), LOG_FLUSH_INTERVAL_MS).unref();
  return pino({ level, base: { pid: process.pid }, timestamp: pino.stdTimeFunctions.isoTime }, destination);
}

/** Nest's logger interface over pino: `(message, context)` becomes `{context, msg}`. */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, context?: string): void {
    this.write('info', message, context);
  }

  error(message: unknown, stackOrContext?: string, context?: string): void {
    // Nest passes (message, stack, context) for errors, (message, context) otherwise.
    const stack = context === undefined ? undefined : stackOrContext;
    this.write('error', message, context ?? stackOrContext, stack);
  }

  warn(message: unknown, context?: string): void {
    this.write('warn', message, context);
  }

  debug(message: unknown, context?: string): void {
    this.write('debug', message, context);
  }

  verbose(message: unknown, context?: string): void {
    this.write('trace', message, context);
  }

  fatal(message: unknown, context?: string): void {
    this.write('fatal', message, context);
  }

  private write(level: pino.Level, message: unknown, context?: string, stack?: string): void {
    if (!this.logger.isLevelEnabled(level)) return;
    if (message instanceof Error) {
      this.logger[level]({ context, err: message }, message.message);
    } else if (typeof message === 'object' && message !== null) {
      this.logger[level]({ context, ...(stack ? { stack } : {}), ...(message as object) });
    } else {
      this.logger[level]({ context, ...(stack ? { stack } : {}) }, String(message));
    }
  }
}

/**
 * For failures that repeat while an outage lasts (every request, every reconnect): says whether now is the time to
 * log again, at most once per `intervalMs`, so that an outage gives a few lines instead of thousands.
 */
export function atMostEvery(intervalMs: number): () => boolean {
  let last = -Infinity;
  return () => {
    const now = Date.now();
    if (now - last < intervalMs) return false;
    last = now;
    return true;
  };
}
