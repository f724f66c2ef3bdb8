import { NestApplicationOptions } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { FastifyReply, FastifyRequest, LogController } from 'fastify';
import type { Logger } from 'pino';
import {
  AppConfig,
  createValidationPipe,
  PinoNestLogger,
  ProblemDetailsFilter,
  SafeInputPipe,
  sendProblem,
} from '@app/core';

export const API_PREFIX = 'api/v1';
/** Largest accepted request body; a case with its longest description is far below it. */
export const BODY_LIMIT_BYTES = 1024 * 1024;

/**
 * Options for creating the api application. Nest's body parsers are off: Fastify's own JSON parser (with the limit
 * above) is the only one, so any other media type is refused with 415 instead of being half-parsed.
 */
export function apiAppOptions(logger: Logger): NestApplicationOptions {
  return { logger: new PinoNestLogger(logger), bodyParser: false };
}

const REQUEST_ID_HEADER = 'X-Request-Id';
/** A client's own request id is kept when it is short and plain enough to put in logs and headers as it is. */
const SANE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** The id of a request: the client's `X-Request-Id` when sane, else a fresh UUID. */
export function requestIdOf(request: IncomingMessage): string {
  const offered = request.headers['x-request-id'];
  return typeof offered === 'string' && SANE_REQUEST_ID.test(offered) ? offered : randomUUID();
}

export function createHttpAdapter(config: AppConfig, logger: Logger): FastifyAdapter {
  return new FastifyAdapter({
    bodyLimit: BODY_LIMIT_BYTES,
    trustProxy: config.trustProxy,
    loggerInstance: logger,
    // One line per request from the hook below instead of Fastify's two.
    logController: new LogController({ disableRequestLogging: true, requestIdLogLabel: 'requestId' }),
    // Errors Fastify raises before Nest sees the request (a malformed URL, an overlong path parameter).
    frameworkErrors: (error: Error, request: FastifyRequest, reply: FastifyReply) => {
      reply.header(REQUEST_ID_HEADER, request.id);
      sendProblem(error, request, reply);
    },
    genReqId: requestIdOf,
  });
}

/** Everything an api process (or an end-to-end test) sets up on top of the module graph. */
export function configureHttpApp(app: NestFastifyApplication): void {
  app.setGlobalPrefix(API_PREFIX, { exclude: ['health'] });
  app.useGlobalPipes(new SafeInputPipe(), createValidationPipe());
  app.useGlobalFilters(new ProblemDetailsFilter());
  // Exit rather than re-raise the signal, so that exit handlers (the log flush) run.
  app.enableShutdownHooks(undefined, { useProcessExit: true });

  const fastify = app.getHttpAdapter().getInstance();
  // JSON is the only body this API reads; anything else (Fastify also parses text/plain by default) is 415.
  fastify.removeContentTypeParser('text/plain');
  fastify.addHook('onRequest', (request, reply, done) => {
    reply.header(REQUEST_ID_HEADER, request.id);
    done();
  });
  // Method, path and status only: query strings (search terms, tracking codes), bodies and headers may hold
  // personal data or secrets.
  fastify.addHook('onResponse', (request, reply, done) => {
    const level = reply.statusCode >= 500 ? 'error' : 'info';
    const { method } = request;
    request.log[level](
      { method, path: request.url.split('?')[0], status: reply.statusCode, ms: Math.round(reply.elapsedTime) },
      'request',
    );
    done();
  });

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('City hall contact centre')
      .setDescription('Cases logged by the contact centre, routed to the units that settle them, tracked by residents.')
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
}
