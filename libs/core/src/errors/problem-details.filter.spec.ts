import { BadRequestException, ForbiddenException, HttpException, NotFoundException } from '@nestjs/common';
import { DatabaseError } from 'pg';
import { QueryFailedError } from 'typeorm';
import { DomainError, DomainErrorKind, invalid } from './domain-error';
import { PROBLEM_TYPE_BASE, toProblem } from './problem-details.filter';

const GENERIC_DETAIL = 'An unexpected error occurred.';

/** A Fastify client error: an Error (or SyntaxError) with a `statusCode`. */
function withStatusCode<E extends Error>(error: E, statusCode: number): E & { statusCode: number } {
  return Object.assign(error, { statusCode });
}

describe('toProblem', () => {
  it('uses the documented problem type base', () => {
    expect(PROBLEM_TYPE_BASE).toBe('https://contact-centre.gdansk.pl/problems/');
  });

  describe('for a DomainError', () => {
    it.each<[DomainErrorKind, number, string]>([
      ['invalid', 400, 'Bad Request'],
      ['unauthenticated', 401, 'Unauthorized'],
      ['forbidden', 403, 'Forbidden'],
      ['not_found', 404, 'Not Found'],
      ['conflict', 409, 'Conflict'],
      ['precondition_failed', 412, 'Precondition Failed'],
      ['unprocessable', 422, 'Unprocessable Entity'],
      ['precondition_required', 428, 'Precondition Required'],
      ['too_many_requests', 429, 'Too Many Requests'],
      ['unavailable', 503, 'Service Unavailable'],
    ])('maps kind %s to %i %s, keeping the message', (kind, status, title) => {
      expect(toProblem(new DomainError('some_thing_wrong', 'What went wrong.', kind))).toStrictEqual({
        problem: {
          type: 'https://contact-centre.gdansk.pl/problems/some-thing-wrong',
          title,
          status,
          detail: 'What went wrong.',
          code: 'some_thing_wrong',
        },
        retryAfterSeconds: undefined,
      });
    });

    it('maps kind internal to 500 with a generic detail that does not leak the message', () => {
      const { problem } = toProblem(new DomainError('db_exploded', 'row 42 of residents: Jan Kowalski', 'internal'));
      expect(problem).toStrictEqual({
        type: 'https://contact-centre.gdansk.pl/problems/db-exploded',
        title: 'Internal Server Error',
        status: 500,
        detail: GENERIC_DETAIL,
        code: 'db_exploded',
      });
      expect(JSON.stringify(problem)).not.toContain('Kowalski');
    });

    it('defaults to kind internal', () => {
      expect(toProblem(new DomainError('oops', 'secret detail')).problem).toMatchObject({
        status: 500,
        detail: GENERIC_DETAIL,
      });
    });

    it.each([
      ['invalid_transition', 'https://contact-centre.gdansk.pl/problems/invalid-transition'],
      ['received_at_in_future', 'https://contact-centre.gdansk.pl/problems/received-at-in-future'],
      ['conflict', 'https://contact-centre.gdansk.pl/problems/conflict'],
    ])('turns the code %s into the type %s', (code, type) => {
      expect(toProblem(new DomainError(code, 'x', 'conflict')).problem.type).toBe(type);
    });

    it('passes the field errors through', () => {
      const errors = [
        { field: 'resident.phone', message: 'must be a phone number' },
        { field: 'subject', message: 'must not be empty' },
      ];
      expect(toProblem(invalid('validation_failed', 'Not valid.', errors)).problem.errors).toEqual(errors);
    });

    it('has no errors member when there are none', () => {
      expect(toProblem(invalid('validation_failed', 'Not valid.')).problem).not.toHaveProperty('errors');
    });

    it('passes retryAfterSeconds through', () => {
      const error = new DomainError('too_many_logins', 'Slow down.', 'too_many_requests', { retryAfterSeconds: 37.5 });
      expect(toProblem(error)).toMatchObject({ problem: { status: 429 }, retryAfterSeconds: 37.5 });
    });
  });

  describe('for Fastify client errors', () => {
    it('turns a SyntaxError with statusCode 400 into "not valid JSON"', () => {
      const error = withStatusCode(new SyntaxError('Unexpected token } in JSON at position 17'), 400);
      expect(toProblem(error)).toStrictEqual({
        problem: {
          type: 'about:blank',
          title: 'Bad Request',
          status: 400,
          detail: 'The request body is not valid JSON.',
        },
      });
    });

    it.each([
      [413, 'Payload Too Large', 'Request body is too large'],
      [415, 'Unsupported Media Type', 'Unsupported Media Type: text/plain'],
    ])('keeps status %i (%s) and the message of other client errors', (status, title, message) => {
      expect(toProblem(withStatusCode(new Error(message), status))).toStrictEqual({
        problem: { type: 'about:blank', title, status, detail: message },
      });
    });

    it.each([399, 500, 503])('does not trust a statusCode of %i', (status) => {
      expect(toProblem(withStatusCode(new Error('upstream said 10.0.0.7 failed'), status)).problem).toStrictEqual({
        type: 'about:blank',
        title: 'Internal Server Error',
        status: 500,
        detail: GENERIC_DETAIL,
      });
    });
  });

  describe('for Nest HttpExceptions', () => {
    it.each([
      ['NotFoundException', new NotFoundException('Cannot GET /nope'), 404, 'Not Found', 'Cannot GET /nope'],
      ['ForbiddenException', new ForbiddenException(), 403, 'Forbidden', 'Forbidden'],
      [
        'BadRequestException',
        new BadRequestException(['a is wrong', 'b is wrong']),
        400,
        'Bad Request',
        'a is wrong; b is wrong',
      ],
      ['HttpException', new HttpException('I am a teapot', 418), 418, "I'm a Teapot", 'I am a teapot'],
    ])('maps a %s to %i', (_label, error, status, title, detail) => {
      expect(toProblem(error)).toStrictEqual({ problem: { type: 'about:blank', title, status, detail } });
    });
  });

  describe('when the database is unavailable', () => {
    /** What node-postgres raises for an error message of the server. */
    function serverError(code: string, message: string): DatabaseError {
      return Object.assign(new DatabaseError(message, message.length, 'error'), { code, severity: 'FATAL' });
    }
    /** What a socket raises. */
    function socketError(code: string, message: string): Error {
      return Object.assign(new Error(message), { code, syscall: 'connect' });
    }
    const refused = socketError('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432');

    it.each<[string, unknown]>([
      ['a refused connection', refused],
      ['a refused connection to every address of the host', new AggregateError([refused, refused], '')],
      ['an unknown host', socketError('ENOTFOUND', 'getaddrinfo ENOTFOUND db.internal')],
      ['a connection reset', socketError('ECONNRESET', 'read ECONNRESET')],
      ['a connection cut mid-query', new Error('Connection terminated unexpectedly')],
      ['a connection timeout', new Error('Connection terminated due to connection timeout')],
      ["pg-pool's wait for a connection timing out", new Error('timeout exceeded when trying to connect')],
      [
        'a client that lost its connection',
        new Error('Client has encountered a connection error and is not queryable'),
      ],
      ['57P01 admin_shutdown', serverError('57P01', 'terminating connection due to administrator command')],
      ['57P02 crash_shutdown', serverError('57P02', 'terminating connection because of crash of another process')],
      ['57P03 cannot_connect_now', serverError('57P03', 'the database system is starting up')],
      ['08006 connection_failure', serverError('08006', 'connection failure')],
      ['08001 unable to connect', serverError('08001', 'could not connect to server')],
      ['53300 too_many_connections', serverError('53300', 'sorry, too many clients already')],
      [
        'a TypeORM QueryFailedError wrapping 57P01',
        new QueryFailedError('SELECT 1', [], serverError('57P01', 'terminating connection')),
      ],
      [
        'a TypeORM QueryFailedError wrapping a cut connection',
        new QueryFailedError('SELECT 1', [], new Error('Connection terminated unexpectedly')),
      ],
      ['an error whose cause is a refused connection', new Error('could not load', { cause: refused })],
    ])('maps %s to 503 database-unavailable with Retry-After', (_label, error) => {
      expect(toProblem(error)).toStrictEqual({
        problem: {
          type: 'https://contact-centre.gdansk.pl/problems/database-unavailable',
          title: 'Service Unavailable',
          status: 503,
          detail: 'The database is unavailable for a moment; try again shortly.',
          code: 'database_unavailable',
        },
        retryAfterSeconds: 5,
      });
    });

    it.each<[string, unknown]>([
      ['23505 unique_violation', serverError('23505', 'duplicate key value violates unique constraint "cases_pkey"')],
      ['42601 syntax_error', serverError('42601', 'syntax error at or near "SELEC"')],
      ['57014 query_canceled', serverError('57014', 'canceling statement due to statement timeout')],
      ['a QueryFailedError of a broken statement', new QueryFailedError('x', [], serverError('42P01', 'no table'))],
      ['an Error merely mentioning a connection', new Error('Connection to the mail server failed')],
    ])('still maps %s to a plain 500', (_label, error) => {
      expect(toProblem(error)).toStrictEqual({
        problem: { type: 'about:blank', title: 'Internal Server Error', status: 500, detail: GENERIC_DETAIL },
      });
    });

    it('does not leak the host or the message', () => {
      const { problem } = toProblem(socketError('ENOTFOUND', 'getaddrinfo ENOTFOUND secret-db.internal'));
      expect(JSON.stringify(problem)).not.toContain('secret-db');
    });

    it('lets a DomainError keep its own status', () => {
      const error = Object.assign(new DomainError('conflict', 'Changed meanwhile.', 'conflict'), { code: '08006' });
      expect(toProblem(error).problem.status).toBe(409);
    });
  });

  describe('for anything else', () => {
    it.each([
      ['an Error', new Error('password=hunter2 for Jan Kowalski')],
      ['a TypeError', new TypeError("Cannot read properties of undefined (reading 'secret')")],
      ['a SyntaxError without a status code', new SyntaxError('Unexpected token')],
      ['a string', 'boom'],
      ['null', null],
      ['undefined', undefined],
    ])('maps %s to a 500 without leaking the message', (_label, error) => {
      expect(toProblem(error)).toStrictEqual({
        problem: { type: 'about:blank', title: 'Internal Server Error', status: 500, detail: GENERIC_DETAIL },
      });
    });
  });
});
