import formBody from '@fastify/formbody';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter as BullBoardFastifyAdapter } from '@bull-board/fastify';
import { Logger } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, sendProblem, toProblem } from '@app/core';
import { Role, StaffSessions, StaffUser, USERNAME_PATTERN } from '@app/identity';
import { QueueBoard } from './queue-board';
import { SIGN_IN_PAGE_CSP, signInPage } from './sign-in-page';

export const SIGN_IN_PATH = '/admin/sign-in';
export const QUEUE_BOARD_PATH = '/admin/queues';
/** Who may open the board: it shows every job and re-drives failed ones. */
const BOARD_ROLES: readonly Role[] = ['supervisor', 'admin'];
/**
 * The only changes the board may make: retrying one job, or every failed job of a queue. Everything else it offers
 * (adding jobs, editing their data, removing job schedulers, cleaning, emptying, pausing) could lose or forge work
 * that the outbox and the sweeps are there to keep; it is refused (403).
 */
const BOARD_CHANGES = new Set([
  `PUT ${QUEUE_BOARD_PATH}/api/queues/:queueName/:jobId/retry`,
  `PUT ${QUEUE_BOARD_PATH}/api/queues/:queueName/retry/:queueStatus`,
]);
const boardLogger = new Logger('QueueBoard');
/** Bull Board's page loads its scripts, styles and translations from here and sets inline styles (React). */
const BOARD_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
  "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; " +
  "frame-ancestors 'none'";
/** A username and a password, form-encoded, fit many times over. */
const FORM_BODY_LIMIT_BYTES = 4096;
const MAX_PASSWORD_LENGTH = 256;
const WRONG_CREDENTIALS = 'The username or password is wrong.';

/**
 * The staff pages under /admin, outside the JSON API and its document (ADR 0014): the sign-in page, and Bull Board at
 * /admin/queues behind the staff session cookie (supervisors and administrators). Registered as Fastify plugins
 * before the app starts; each keeps its parsers, hooks and error handler to itself.
 */
export function mountAdminPages(app: NestFastifyApplication): void {
  const fastify = app.getHttpAdapter().getInstance();
  const sessions = app.get(StaffSessions);
  void fastify.register(signInPages(sessions));
  void fastify.register(queueBoardPages(sessions, app.get(QueueBoard)));
}

/** GET shows the form; POST (form-encoded: only here, the JSON API still answers 415) signs in as the API does. */
function signInPages(sessions: StaffSessions) {
  return async (scope: FastifyInstance): Promise<void> => {
    scope.removeAllContentTypeParsers();
    await scope.register(formBody, { bodyLimit: FORM_BODY_LIMIT_BYTES });
    scope.setErrorHandler((error, request, reply) => sendProblem(error, request, reply));

    scope.get(SIGN_IN_PATH, (_request, reply) => showPage(reply, 200));

    scope.post(SIGN_IN_PATH, async (request, reply) => {
      // A page of another site may not sign a browser in (to an account of its choosing).
      if (!fromThisSite(request)) return showPage(reply, 403, 'Sign in from this site’s own sign-in page.');
      const { username, password } = formFields(request.body);
      // No account has such a name, nor such a password: refused before anything is counted, as the API does.
      if (!USERNAME_PATTERN.test(username) || !password || password.length > MAX_PASSWORD_LENGTH) {
        return showPage(reply, 401, WRONG_CREDENTIALS, username);
      }
      try {
        await sessions.start(username, password, request.ip, reply);
      } catch (error) {
        const { problem, retryAfterSeconds } = toProblem(error);
        if (problem.status >= 500) {
          sendProblem(error, request, reply);
          return reply;
        }
        if (retryAfterSeconds !== undefined) {
          reply.header('Retry-After', String(Math.max(1, Math.ceil(retryAfterSeconds))));
        }
        // The sign-in's own messages: a wrong password and an unknown user alike, a disabled account, too many tries.
        return showPage(reply, problem.status, problem.detail, username);
      }
      return reply.redirect(QUEUE_BOARD_PATH, 303);
    });
  };
}

function showPage(reply: FastifyReply, status: number, error?: string, username?: string): FastifyReply {
  return reply
    .status(status)
    .header('Content-Security-Policy', SIGN_IN_PAGE_CSP)
    .header('Cache-Control', 'no-store')
    .type('text/html; charset=utf-8')
    .send(signInPage({ action: SIGN_IN_PATH, error, username }));
}

function formFields(body: unknown): { username: string; password: string } {
  const fields = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const text = (value: unknown) => (typeof value === 'string' ? value : '');
  return { username: text(fields.username), password: text(fields.password) };
}

/** Browsers send `Origin` with every form post; a post from another site's page names that site. */
function fromThisSite(request: FastifyRequest): boolean {
  const origin = request.headers.origin;
  if (origin === undefined) return true;
  try {
    return new URL(origin).host === request.host;
  } catch {
    return false;
  }
}

/**
 * Bull Board under /admin/queues, every page, file and API call of it behind the session cookie: without a valid
 * one a browser is sent to the sign-in page (303) and anything else gets 401; roles other than supervisor and
 * admin get 403.
 */
function queueBoardPages(sessions: StaffSessions, board: QueueBoard) {
  return async (scope: FastifyInstance): Promise<void> => {
    scope.addHook('onRequest', (request, reply, done) => {
      let user: StaffUser;
      try {
        user = sessions.userOf(request);
      } catch (error) {
        if (error instanceof DomainError && error.kind === 'unauthenticated' && acceptsHtml(request)) {
          void reply.header('Cache-Control', 'no-store').redirect(SIGN_IN_PATH, 303);
        } else {
          sendProblem(error, request, reply);
        }
        return;
      }
      if (!BOARD_ROLES.includes(user.role)) {
        const message = 'Only supervisors and administrators may open the queue board.';
        sendProblem(new DomainError('forbidden', message, 'forbidden'), request, reply);
        return;
      }
      if (request.method !== 'GET' && request.method !== 'HEAD') {
        const change = `${request.method} ${request.routeOptions.url}`;
        const params = request.params as { queueStatus?: string };
        if (!BOARD_CHANGES.has(change) || (params.queueStatus !== undefined && params.queueStatus !== 'failed')) {
          const message = 'The queue board only retries failed jobs.';
          sendProblem(new DomainError('board_read_only', message, 'forbidden'), request, reply);
          return;
        }
        // Who re-drove what: staff usernames and queue/job ids only.
        boardLogger.log(`${user.username}: ${request.method} ${request.url}`);
      }
      // Without Redis the board's calls would fail one by one; its page and files are still served.
      if (request.routeOptions.url?.startsWith(`${QUEUE_BOARD_PATH}/api/`) && !board.reachable) {
        const message = 'The queues cannot be read while Redis is unreachable; try again shortly.';
        sendProblem(
          new DomainError('queues_unavailable', message, 'unavailable', { retryAfterSeconds: 5 }),
          request,
          reply,
        );
        return;
      }
      done();
    });
    // After every onRequest hook, the api's own security headers included: the board's page needs more than JSON does.
    scope.addHook('preHandler', (_request, reply, done) => {
      reply.header('Content-Security-Policy', BOARD_CSP);
      done();
    });

    const serverAdapter = new BullBoardFastifyAdapter().setBasePath(QUEUE_BOARD_PATH);
    createBullBoard({
      queues: board.queues.map((queue) => new BullMQAdapter(queue)),
      serverAdapter,
      options: { uiConfig: { boardTitle: 'Contact centre' } },
    });
    await scope.register(serverAdapter.registerPlugin(), { prefix: QUEUE_BOARD_PATH });
  };
}

function acceptsHtml(request: FastifyRequest): boolean {
  return /\btext\/html\b/i.test(request.headers.accept ?? '');
}
