import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { getSchemaPath, PathItemObject } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { problemResponse, sendProblem } from '@app/core';
import { CASE_NUMBER_PATTERN } from '@app/cases';
import { TRACKING_CODE_INPUT, TRACKING_CODE_INPUT_MAX_LENGTH } from './domain/code-input';
import { readTrackingQuery } from './domain/tracking-request';
import { PublicNoteDto, TrackedCaseDto } from './dto/tracking.dto';
import { TrackCase } from './track-case.use-case';

const TEXT = { type: 'string' } as const;
const TEXT_OR_NULL = { type: ['string', 'null'] } as const;
/**
 * How a found case is written (Fastify compiles it into a serializer): only these fields can leave, whatever the
 * use case returned, and faster than `JSON.stringify`. The OpenAPI document's `TrackedCaseDto` says the same.
 */
const TRACKED_CASE_JSON = {
  type: 'object',
  properties: {
    number: TEXT,
    status: TEXT,
    categoryName: TEXT,
    unitName: TEXT_OR_NULL,
    receivedAt: TEXT,
    updatedAt: TEXT,
    dueDate: TEXT_OR_NULL,
    resolution: TEXT_OR_NULL,
    publicNotes: { type: 'array', items: { type: 'object', properties: { at: TEXT, body: TEXT } } },
  },
} as const;

/**
 * The residents' look-up is served as a plain Fastify route, beside Nest's (ADR 0018): it is the one public read on
 * the hot path, and Nest's per-request pipeline (router context, guard, pipes, interceptor) cost it half its
 * throughput against the bare read path. It keeps what every route has from Fastify's hooks (request id, security
 * headers, the log line), checks its input as the validation pipe would, and answers its problems through the one
 * problem writer. Its place in the OpenAPI document is {@link describeTrackingRoute}.
 */
export function mountTrackingRoute(app: NestFastifyApplication, prefix: string): void {
  const trackCase = app.get(TrackCase);
  app
    .getHttpAdapter()
    .getInstance()
    .get(
      `/${prefix}/track/:number`,
      { schema: { response: { 200: TRACKED_CASE_JSON } } },
      async (request: FastifyRequest<{ Params: { number: string } }>, reply) => {
        // On every answer, problems too: nothing of it may be cached, and the address carries a secret.
        void reply.header('Cache-Control', 'no-store').header('Referrer-Policy', 'no-referrer');
        try {
          const { code } = readTrackingQuery(request.query);
          return await trackCase.execute(request.params.number, code, request.ip);
        } catch (error) {
          sendProblem(error, request, reply);
          return reply;
        }
      },
    );
}

const NOT_STORED = {
  'Cache-Control': {
    description: '`no-store`, on every answer of this route: nothing of it may be kept by a browser or proxy.',
    required: true,
    schema: { type: 'string', enum: ['no-store'] },
  },
};

/** The route as the OpenAPI document shows it (what decorators would say of a Nest route), with its models. */
export function describeTrackingRoute(prefix: string): {
  paths: Record<string, PathItemObject>;
  models: (typeof TrackedCaseDto | typeof PublicNoteDto)[];
} {
  const withNoStore = (status: 400 | 404 | 429, description: string) => {
    const response = problemResponse(status, description);
    return { ...response, headers: { ...response.headers, ...NOT_STORED } };
  };
  return {
    models: [TrackedCaseDto, PublicNoteDto],
    paths: {
      [`/${prefix}/track/{number}`]: {
        get: {
          operationId: 'TrackingController_track',
          tags: ['tracking'],
          summary: 'A resident follows their case with its number and tracking code',
          description:
            'No token: the tracking code is the key. The answer carries no personal data, description, internal ' +
            'note or staff name. An unknown number and a wrong code get the same 404. Wrong look-ups are counted ' +
            'per client address (an IPv6 address by its /64): past the hourly allowance every look-up from it is ' +
            'refused (429), right or wrong, until Retry-After. A malformed number or code (400) is not counted. ' +
            'Every answer is `Cache-Control: no-store`.',
          security: [],
          parameters: [
            {
              name: 'number',
              in: 'path',
              required: true,
              description: 'The case number, `YYYY-NNNNNN-C`: a wrong Damm check digit is refused (400).',
              schema: { type: 'string', pattern: CASE_NUMBER_PATTERN.source },
              example: '2026-000042-7',
            },
            {
              name: 'code',
              in: 'query',
              required: true,
              description:
                'The tracking code the resident was given: 8 characters, in either case; O reads as 0, I and L as ' +
                '1, hyphens are ignored.',
              schema: {
                type: 'string',
                pattern: TRACKING_CODE_INPUT.source,
                maxLength: TRACKING_CODE_INPUT_MAX_LENGTH,
              },
              example: '7KQ2-M9XD',
            },
          ],
          responses: {
            200: {
              description: 'The case as its resident sees it.',
              headers: NOT_STORED,
              content: { 'application/json': { schema: { $ref: getSchemaPath(TrackedCaseDto) } } },
            },
            400: withNoStore(400, 'The case number is malformed or its check digit is wrong, or `code` is not a code.'),
            404: withNoStore(404, 'No case has this number and tracking code: the same answer whichever is wrong.'),
            429: withNoStore(
              429,
              'Too many wrong look-ups from this address in the hour: try again after Retry-After.',
            ),
          },
        },
      },
    },
  };
}
