import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus } from '@nestjs/common';
import { STATUS_CODES } from 'node:http';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { isDatabaseUnavailable } from '../database/pg-errors';
import { errorRendererOf } from '../http/route-options';
import { atMostEvery } from '../logging/logger';
import { DomainError, DomainErrorKind, FieldError } from './domain-error';

const STATUS_BY_KIND: Record<DomainErrorKind, number> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  precondition_failed: 412,
  payload_too_large: 413,
  unsupported_media_type: 415,
  unprocessable: 422,
  precondition_required: 428,
  too_many_requests: 429,
  unavailable: 503,
  internal: 500,
};

export const PROBLEM_TYPE_BASE = 'https://contact-centre.gdansk.pl/problems/';

/** RFC 9457 problem details, the one error shape of the API (sent with the `requestId` of the request added). */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  code?: string;
  errors?: FieldError[];
}

/** Fastify's own client errors (malformed JSON, body too large, wrong media type) carry a status code. */
function clientErrorStatus(error: unknown): number | undefined {
  const status = (error as { statusCode?: unknown })?.statusCode;
  return typeof status === 'number' && status >= 400 && status < 500 ? status : undefined;
}

export function toProblem(error: unknown): { problem: ProblemDetails; retryAfterSeconds?: number } {
  if (error instanceof DomainError) {
    const status = STATUS_BY_KIND[error.kind];
    return {
      problem: {
        type: PROBLEM_TYPE_BASE + error.code.replace(/_/g, '-'),
        title: STATUS_CODES[status] ?? 'Error',
        status,
        detail: error.kind === 'internal' ? 'An unexpected error occurred.' : error.message,
        code: error.code,
        ...(error.details.errors ? { errors: error.details.errors } : {}),
      },
      retryAfterSeconds: error.details.retryAfterSeconds,
    };
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const response = error.getResponse();
    const message =
      typeof response === 'string' ? response : ((response as { message?: unknown }).message ?? error.message);
    return { problem: plainProblem(status, Array.isArray(message) ? message.join('; ') : String(message)) };
  }
  const status = clientErrorStatus(error);
  if (status) {
    const detail = error instanceof SyntaxError ? 'The request body is not valid JSON.' : (error as Error).message;
    return { problem: plainProblem(status, detail) };
  }
  if (isDatabaseUnavailable(error)) {
    return { problem: DATABASE_UNAVAILABLE, retryAfterSeconds: DATABASE_RETRY_AFTER_SECONDS };
  }
  return { problem: plainProblem(HttpStatus.INTERNAL_SERVER_ERROR, 'An unexpected error occurred.') };
}

/** How long a client is asked to wait when the database is down or restarting (a restart takes seconds). */
export const DATABASE_RETRY_AFTER_SECONDS = 5;
/**
 * The database is down, restarting or unreachable (see isDatabaseUnavailable): a 503 the client may retry, not a 500.
 * A write may or may not have been stored, so a creation is retried with its Idempotency-Key.
 */
const DATABASE_UNAVAILABLE: ProblemDetails = {
  type: PROBLEM_TYPE_BASE + 'database-unavailable',
  title: 'Service Unavailable',
  status: 503,
  detail: 'The database is unavailable for a moment; try again shortly.',
  code: 'database_unavailable',
};

function plainProblem(status: number, detail: string): ProblemDetails {
  return { type: 'about:blank', title: STATUS_CODES[status] ?? 'Error', status, detail };
}

/**
 * Answers a failed request with its problem: the request id in the body (so that a caller can quote it to support)
 * and, for server errors, one log line on the request's own logger (which carries the same id).
 */
export function sendProblem(error: unknown, request: FastifyRequest, reply: FastifyReply): void {
  const { problem, retryAfterSeconds } = toProblem(error);
  // Message and stack only: driver errors keep row values (possibly personal data) in other fields.
  const { name, message, stack } = error instanceof Error ? error : new Error(String(error));
  if (problem.code === DATABASE_UNAVAILABLE.code) {
    // Every request fails alike while the database is away: a line now and then says so; each request's own line
    // (status 503, with its id) is still written.
    if (databaseOutageLogDue()) request.log.warn({ err: { type: name, message } }, `Database unavailable: ${message}`);
  } else if (problem.status >= 500) {
    request.log.error({ err: { type: name, message, stack } }, `Unhandled ${name}: ${message}`);
  }
  if (retryAfterSeconds !== undefined) reply.header('Retry-After', String(Math.max(1, Math.ceil(retryAfterSeconds))));
  const renderOwnWay = errorRendererOf(request);
  if (renderOwnWay) return renderOwnWay(problem, request, reply);
  void reply
    .status(problem.status)
    .header('Content-Type', 'application/problem+json; charset=utf-8')
    .send({ ...problem, requestId: request.id });
}

const databaseOutageLogDue = atMostEvery(10_000);

@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    sendProblem(error, http.getRequest<FastifyRequest>(), http.getResponse<FastifyReply>());
  }
}
