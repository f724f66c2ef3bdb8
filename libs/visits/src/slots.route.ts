import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { getSchemaPath, PathItemObject } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { problemResponse, sendProblem } from '@app/core';
import { CATALOGUE_CODE_SCHEMA } from '@app/catalogue';
import { AccessTokenVerifier } from '@app/identity';
import { readSlotsQuery } from './domain/slots-query';
import { DATE_SCHEMA } from './dto/office.dto';
import { SlotDto, SlotListDto } from './dto/visit.dto';
import { VisitsService } from './visits.service';

const TEXT = { type: 'string' } as const;
/** How a slot list is written (Fastify compiles it into a serializer); the OpenAPI document's `SlotListDto` agrees. */
const SLOT_LIST_JSON = {
  type: 'object',
  properties: {
    officeCode: TEXT,
    serviceCode: TEXT,
    date: TEXT,
    items: {
      type: 'array',
      items: { type: 'object', properties: { start: TEXT, end: TEXT, free: { type: 'integer' } } },
    },
  },
} as const;

/**
 * The public's slot list is served as a plain Fastify route beside Nest's, as the residents' look-up is (ADR 0018):
 * it is the public's busiest read (everyone looking for a free hour), and Nest's per-request pipeline cost it half
 * its throughput. It checks its query as the validation pipe would, reads a staff token if one is sent (staff also
 * see today), and answers its problems through the one problem writer. Its place in the OpenAPI document is
 * {@link describeSlotsRoute}.
 */
export function mountSlotsRoute(app: NestFastifyApplication, prefix: string): void {
  const visits = app.get(VisitsService);
  const tokens = app.get(AccessTokenVerifier);
  app
    .getHttpAdapter()
    .getInstance()
    .get(
      `/${prefix}/visits/slots`,
      { schema: { response: { 200: SLOT_LIST_JSON } } },
      async (request: FastifyRequest, reply) => {
        try {
          const query = readSlotsQuery(request.query);
          // A token is optional; one that is sent must be valid (401 otherwise).
          const staff = request.headers.authorization !== undefined;
          if (staff) tokens.verifyBearer(request.headers.authorization);
          return await visits.slots(query, staff);
        } catch (error) {
          sendProblem(error, request, reply);
          return reply;
        }
      },
    );
}

/** The route as the OpenAPI document shows it (what decorators would say of a Nest route), with its models. */
export function describeSlotsRoute(prefix: string): {
  paths: Record<string, PathItemObject>;
  models: (typeof SlotListDto | typeof SlotDto)[];
} {
  const code = (name: string, description: string) => ({
    name,
    in: 'query' as const,
    required: true,
    description,
    schema: { type: 'string' as const, pattern: CATALOGUE_CODE_SCHEMA.pattern, minLength: 2, maxLength: 64 },
  });
  return {
    models: [SlotListDto, SlotDto],
    paths: {
      [`/${prefix}/visits/slots`]: {
        get: {
          operationId: 'VisitsController_slots',
          tags: ['visits'],
          summary: "A day's slots of a service at an office, with the desks still free",
          description:
            'No token needed. Residents may book from tomorrow up to 14 days ahead (Europe/Warsaw); staff with a ' +
            "token also today's slots that have not begun. A closed day, a public holiday or a day outside the " +
            'window has no slots. Full slots are listed with `free` 0.',
          security: [{}, { bearer: [] }],
          parameters: [
            code('officeCode', 'The office.'),
            code('serviceCode', 'The visit service: its length is the slots’ length.'),
            {
              name: 'date',
              in: 'query',
              required: true,
              description: 'A Europe/Warsaw date.',
              schema: { type: 'string', format: 'date', pattern: DATE_SCHEMA.pattern },
            },
          ],
          responses: {
            200: {
              description: 'The slots one may book that day.',
              content: { 'application/json': { schema: { $ref: getSchemaPath(SlotListDto) } } },
            },
            400: problemResponse(400, 'A query parameter is not valid (see `errors`).'),
            401: problemResponse(401, 'A token was sent and is not valid.'),
            404: problemResponse(404, 'There is no such office or service, or the office does not book the service.'),
          },
        },
      },
    },
  };
}
