import fastifyCookie from '@fastify/cookie';
import helmet from 'helmet';
import { INestApplication, NestApplicationOptions } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, OpenAPIObject, PathsObject, SwaggerModule } from '@nestjs/swagger';
import { errorCodes, FastifyReply, FastifyRequest, LogController } from 'fastify';
import type { Logger } from 'pino';
import {
  APP_CONFIG,
  AppConfig,
  CSV_MEDIA_TYPE,
  createApiDocument,
  FORM_MEDIA_TYPE,
  loggablePathOf,
  parseFormBody,
  READS_FORM,
  createValidationPipe,
  PinoNestLogger,
  ProblemDetailsFilter,
  READS_CSV_STREAM,
  SafeInputPipe,
  sendProblem,
} from '@app/core';
import { describeTrackingRoute, mountTrackingRoute } from '@app/tracking';
import { describeSlotsRoute, mountSlotsRoute } from '@app/visits';
import { mountAdminPages } from './admin/admin-pages';
import { mountWebPages } from './web/web-pages';

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

/**
 * Everything an api process (or an end-to-end test) sets up on top of the module graph. Returns the api's OpenAPI
 * document (served at /api/docs-json when API docs are on), which the end-to-end tests hold every answer to.
 */
export function configureHttpApp(app: NestFastifyApplication): OpenAPIObject {
  prefixRoutes(app);
  app.useGlobalPipes(new SafeInputPipe(), createValidationPipe());
  app.useGlobalFilters(new ProblemDetailsFilter());
  // Exit rather than re-raise the signal, so that exit handlers (the log flush) run.
  app.enableShutdownHooks(undefined, { useProcessExit: true });

  const fastify = app.getHttpAdapter().getInstance();
  // JSON is the only body this API reads; anything else (Fastify also parses text/plain by default) is 415.
  fastify.removeContentTypeParser('text/plain');
  // Except CSV for the routes that ask for it (`ReadsCsvStream()`: the case import): handed over unread, as a stream,
  // so a file of 100 MB is never held in memory; such a route counts what it reads against its own limit.
  fastify.addContentTypeParser(
    CSV_MEDIA_TYPE,
    onlyWhereAsked(READS_CSV_STREAM, (payload) => payload),
  );
  // And forms for the routes that take them (`ReadsForm()`: Open311's POST, whose clients send forms).
  fastify.addContentTypeParser(
    FORM_MEDIA_TYPE,
    { parseAs: 'string' },
    onlyWhereAsked(READS_FORM, (body) => parseFormBody(body as string)),
  );
  fastify.addHook('onRequest', (request, reply, done) => {
    reply.header(REQUEST_ID_HEADER, request.id);
    done();
  });
  // Method, path and status only: query strings (search terms, tracking codes), bodies and headers may hold
  // personal data or secrets; so may some paths (a visit's code), which are named by their route's pattern.
  fastify.addHook('onResponse', (request, reply, done) => {
    const level = reply.statusCode >= 500 ? 'error' : 'info';
    const { method } = request;
    request.log[level](
      { method, path: loggablePathOf(request), status: reply.statusCode, ms: Math.round(reply.elapsedTime) },
      'request',
    );
    done();
  });

  // Cookies are read only where asked for (the staff session of /admin), not parsed on every request.
  void fastify.register(fastifyCookie, { hook: false });
  mountAdminPages(app);
  mountTrackingRoute(app, API_PREFIX);
  mountSlotsRoute(app, API_PREFIX);
  mountWebPages(app);

  const document = describeApi(app);
  if (app.get<AppConfig>(APP_CONFIG).apiDocs) {
    SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
  }
  return document;
}

/**
 * A body parser for the routes whose config sets `flag`; every other route refuses the media type (415). A parse
 * that throws answers as any error does (a DomainError keeps its status).
 */
function onlyWhereAsked(flag: string, parse: (body: unknown) => unknown) {
  return (request: FastifyRequest, body: unknown, done: (error: Error | null, parsed?: unknown) => void): void => {
    if (Reflect.get(request.routeOptions.config ?? {}, flag) !== true) {
      done(new errorCodes.FST_ERR_CTP_INVALID_MEDIA_TYPE(), undefined);
      return;
    }
    try {
      done(null, parse(body));
    } catch (error) {
      done(error as Error, undefined);
    }
  };
}

/** Every route lives under /api/v1 but the health check, which load balancers call, and Open311 (its own paths). */
export function prefixRoutes(app: INestApplication): void {
  app.setGlobalPrefix(API_PREFIX, { exclude: ['health', 'open311/v2/{*path}'] });
}

/** The OpenAPI document of the api (its routes prefixed first), as served at /api/docs-json. */
export function describeApi(app: INestApplication): OpenAPIObject {
  return createApiDocument(
    app,
    new DocumentBuilder()
      .setTitle('City hall contact centre')
      .setDescription(
        'Cases logged by the contact centre, routed to the units that settle them, tracked by residents. ' +
          'Unknown body fields and unknown query parameters are refused (400); every answer carries `X-Request-Id`.',
      )
      .setVersion('1')
      .setLicense('MIT', 'https://opensource.org/license/mit')
      .addServer('/', 'This server')
      .addBearerAuth()
      .addSecurityRequirements('bearer')
      .addTag('auth', 'Signing in: a username and password for a bearer token, or a session cookie for /admin.')
      .addTag('cases', 'Cases: intake, reading, edits, status changes, re-routing, notes, history.')
      .addTag('catalogue', 'Units that settle cases and the categories of cases with their SLA.')
      .addTag('health', 'Whether PostgreSQL and Redis answer.')
      .addTag('bulk', 'Cases in bulk, for supervisors: CSV import of history and CSV export.')
      .addTag('users', 'Staff accounts, for administrators: disabling, enabling, changing roles.')
      .addTag('tracking', 'Residents following their case by its number and tracking code, without a token.')
      .addTag(
        'visits',
        'Visits at the resident-service offices: offices and their hours, slots, booking, codes, check-in.',
      )
      .build(),
    describeRoutesOutsideNest(),
  );
}

/** The public's hot reads, served by Fastify without Nest's pipeline (ADR 0018), as the OpenAPI document shows them. */
export function describeRoutesOutsideNest(): { paths: PathsObject; models: (new () => unknown)[] } {
  const routes: { paths: PathsObject; models: (new () => unknown)[] }[] = [
    describeTrackingRoute(API_PREFIX),
    describeSlotsRoute(API_PREFIX),
  ];
  return {
    paths: Object.assign({}, ...routes.map((route) => route.paths)) as PathsObject,
    models: routes.flatMap((route) => route.models),
  };
}

/** The headers a (helmet) middleware sets on a response, collected once from a stand-in response. */
function headersSetBy(
  middleware: (request: IncomingMessage, response: ServerResponse, next: (error?: unknown) => void) => void,
): Record<string, string> {
  const headers: Record<string, string> = {};
  const response = {
    setHeader: (name: string, value: string) => void (headers[name] = value),
    removeHeader: (name: string) => void delete headers[name],
  };
  middleware({} as IncomingMessage, response as unknown as ServerResponse, (error) => {
    if (error) throw error;
  });
  return headers;
}

/**
 * Browser-facing protection, registered before the app starts: security headers on every answer (helmet; the
 * content security policy forbids everything except to Swagger UI's pages; the web front end's pages set their own,
 * apps/api/src/web), and CORS only
 * for the origins configured (`CORS_ORIGINS`): by default no other site's page may call the api.
 */
export function protectHttpApp(app: NestFastifyApplication): void {
  const config = app.get<AppConfig>(APP_CONFIG);
  // Helmet's header values, worked out once and set in one go: running its middlewares on every request (or, as
  // @fastify/helmet does, building them anew each time) cost reads a tenth of their throughput.
  const apiHeaders = {
    ...headersSetBy(
      helmet({
        // The api answers JSON: nothing in it may load or run anything, nor be framed.
        contentSecurityPolicy: {
          useDefaults: false,
          directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] },
        },
        // Swagger UI's page is served over plain HTTP on a developer machine too.
        strictTransportSecurity: config.production,
      }),
    ),
    // Answers carry personal data: no browser or proxy keeps them (a shared desk's next user). Routes that may be
    // kept say so themselves (the web's pages and assets).
    'Cache-Control': 'no-store',
  };
  // Swagger UI's own pages run their inline start-up script and style; only they get that, from this origin alone.
  const swaggerUiHeaders = {
    ...apiHeaders,
    'Content-Security-Policy':
      "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; " +
      "img-src 'self' data:; frame-ancestors 'none'",
  };
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onRequest', (request, reply, done) => {
      const swaggerUi = request.url.startsWith('/api/docs') && !request.url.startsWith('/api/docs-json');
      reply.headers(swaggerUi ? swaggerUiHeaders : apiHeaders);
      done();
    });
  if (config.corsOrigins.length) {
    app.enableCors({
      origin: config.corsOrigins,
      methods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
      allowedHeaders: ['Authorization', 'Content-Type', 'If-Match', 'Idempotency-Key', REQUEST_ID_HEADER],
      exposedHeaders: ['ETag', 'Location', 'Retry-After', REQUEST_ID_HEADER, 'Idempotent-Replayed'],
      maxAge: 600,
    });
  }
}
