import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ProblemDetails } from '@app/core';
import {
  Open311Format,
  Open311Root,
  Open311Value,
  OPEN311_MEDIA_TYPES,
  renderOpen311,
} from './domain/open311-document';
import { errorsOf } from './domain/open311-views';

export function sendOpen311(reply: FastifyReply, root: Open311Root, value: Open311Value, format: Open311Format): void {
  void reply.type(OPEN311_MEDIA_TYPES[format]).send(renderOpen311(root, value, format));
}

/**
 * Any failure of an Open311 route, in the specification's shape (`<errors><error><code/><description/>`), in the
 * format the path asked for (XML, the mandatory one, when it named none we know): one error a wrong parameter.
 */
export function renderOpen311Error(problem: ProblemDetails, request: FastifyRequest, reply: FastifyReply): void {
  const format: Open311Format = request.url.split('?')[0].endsWith('.json') ? 'json' : 'xml';
  const descriptions = problem.errors?.length
    ? problem.errors.map((error) => `${error.field} ${error.message}`)
    : [problem.status >= 500 ? `${problem.detail} (request ${request.id})` : problem.detail];
  void reply
    .status(problem.status)
    .type(OPEN311_MEDIA_TYPES[format])
    .send(renderOpen311('errors', errorsOf(problem.status, descriptions), format));
}
