/** PostgreSQL error codes the application reacts to. */
export const PG_UNIQUE_VIOLATION = '23505';
export const PG_FOREIGN_KEY_VIOLATION = '23503';
/** An exclusion constraint refused the row (a visit's desk already taken for overlapping times). */
export const PG_EXCLUSION_VIOLATION = '23P01';
/** PostgreSQL broke a lock cycle by rolling this statement back: nothing was written, and a retry may succeed. */
export const PG_DEADLOCK_DETECTED = '40P01';

export function pgErrorCode(error: unknown): string | undefined {
  const candidate = (error as { code?: unknown; driverError?: { code?: unknown } }) ?? {};
  const code = candidate.driverError?.code ?? candidate.code;
  return typeof code === 'string' ? code : undefined;
}

export function pgConstraint(error: unknown): string | undefined {
  const candidate = (error as { constraint?: unknown; driverError?: { constraint?: unknown } }) ?? {};
  const constraint = candidate.driverError?.constraint ?? candidate.constraint;
  return typeof constraint === 'string' ? constraint : undefined;
}

/**
 * SQLSTATEs that mean "the database cannot serve us right now" rather than "this statement is wrong": class 08
 * (connection exception), 57P01 admin_shutdown, 57P02 crash_shutdown, 57P03 cannot_connect_now (starting up or
 * shutting down) and 53300 too_many_connections.
 */
const UNAVAILABLE_SQLSTATES = new Set(['57P01', '57P02', '57P03', '53300']);
/** Socket errors of a connection that cannot be made or was cut. */
const UNAVAILABLE_SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
]);
/** node-postgres and pg-pool report a lost or impossible connection with a message and no code. */
const UNAVAILABLE_MESSAGES = [
  /^Connection terminated/, // "… unexpectedly", "… due to connection timeout"
  /^timeout exceeded when trying to connect$/, // pg-pool: no connection within connectionTimeoutMillis
  /is not queryable$/, // a client that has lost its connection
];

/**
 * Whether an error means the database is unavailable (down, restarting, unreachable, out of connections), so that
 * the request may succeed if retried shortly. Looks through TypeORM's wrappers (`driverError`), `cause` and the
 * `errors` of an AggregateError (a refused connection to every address of a host).
 */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > 4) return false;
  const { code, message, driverError, cause, errors } = error as {
    code?: unknown;
    message?: unknown;
    driverError?: unknown;
    cause?: unknown;
    errors?: unknown;
  };
  if (typeof code === 'string') {
    if (/^08[0-9A-Z]{3}$/.test(code) || UNAVAILABLE_SQLSTATES.has(code) || UNAVAILABLE_SOCKET_CODES.has(code)) {
      return true;
    }
  }
  if (typeof message === 'string' && UNAVAILABLE_MESSAGES.some((pattern) => pattern.test(message))) return true;
  return (
    isDatabaseUnavailable(driverError, depth + 1) ||
    isDatabaseUnavailable(cause, depth + 1) ||
    (Array.isArray(errors) && errors.some((inner) => isDatabaseUnavailable(inner, depth + 1)))
  );
}
