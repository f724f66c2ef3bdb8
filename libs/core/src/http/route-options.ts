import { FASTIFY_ROUTE_CONFIG_METADATA } from '@nestjs/platform-fastify/constants';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { invalid } from '../errors/domain-error';
import type { ProblemDetails } from '../errors/problem-details.filter';

export const FORM_MEDIA_TYPE = 'application/x-www-form-urlencoded';

/** The route config key of {@link ReadsForm}, read by the api's form body parser. */
export const READS_FORM = 'readsForm';

/**
 * The route also takes an `application/x-www-form-urlencoded` body (Open311's POST): parsed into an object whose
 * repeated keys hold arrays of their values. Every other route refuses form bodies (415).
 */
export const ReadsForm = () => AddRouteConfig({ [READS_FORM]: true });

/** Writes a failed request's answer in a shape of the route's own, from the problem the API would have sent. */
export type ErrorRenderer = (problem: ProblemDetails, request: FastifyRequest, reply: FastifyReply) => void;

/** The route config key of {@link RendersErrors}, read by `sendProblem`. */
export const RENDERS_ERRORS = 'rendersErrors';

/**
 * The route answers its errors in a format of its own (Open311's `<errors>`), whatever raised them: its handler, the
 * validation pipe, or Fastify before the handler ran (body too large, media type refused).
 */
export const RendersErrors = (renderer: ErrorRenderer) => AddRouteConfig({ [RENDERS_ERRORS]: renderer });

/** The route config key of {@link SecretInPath}, read by the api's request log. */
export const SECRET_IN_PATH = 'secretInPath';

/**
 * The route's path carries a secret (a visit's code): the request log names its pattern (`/api/v1/visits/:code`)
 * instead of the path.
 */
export const SecretInPath = () => AddRouteConfig({ [SECRET_IN_PATH]: true });

/** The leading segments of a path no route matched that a log line keeps (`/api/v1/visits`). */
const UNMATCHED_SEGMENTS_LOGGED = 3;

/**
 * The path a request log line may name: the route's pattern where the path carries a secret, else the path; of a
 * path no route matched (a code with a slash after it, a wrong method), only its first segments, as it may carry a
 * secret too.
 */
export function loggablePathOf(request: FastifyRequest): string {
  const pattern = request.routeOptions?.url;
  if (Reflect.get(request.routeOptions?.config ?? {}, SECRET_IN_PATH) === true && pattern) return pattern;
  const path = request.url.split('?')[0];
  if (pattern) return path;
  const segments = path.split('/');
  return segments.length > UNMATCHED_SEGMENTS_LOGGED + 1
    ? `${segments.slice(0, UNMATCHED_SEGMENTS_LOGGED + 1).join('/')}/…`
    : path;
}

/** Like Nest's `RouteConfig`, but adds to what other decorators of the handler put there instead of replacing it. */
export function AddRouteConfig(config: Record<string, unknown>): MethodDecorator {
  return (_target, _key, descriptor: PropertyDescriptor) => {
    const handler = descriptor.value as object;
    const earlier = (Reflect.getMetadata(FASTIFY_ROUTE_CONFIG_METADATA, handler) ?? {}) as Record<string, unknown>;
    Reflect.defineMetadata(FASTIFY_ROUTE_CONFIG_METADATA, { ...earlier, ...config }, handler);
    return descriptor;
  };
}

/** A route's own error renderer, if it has one. */
export function errorRendererOf(request: FastifyRequest): ErrorRenderer | undefined {
  const renderer: unknown = Reflect.get(request.routeOptions?.config ?? {}, RENDERS_ERRORS);
  return typeof renderer === 'function' ? (renderer as ErrorRenderer) : undefined;
}

/** More fields than any form of this API has; past it a body is refused before it is read further. */
export const MAX_FORM_FIELDS = 1000;

/**
 * A form body as an object without a prototype: a key given once holds its value, a key given again holds all its
 * values in order. More than {@link MAX_FORM_FIELDS} fields: a 400.
 */
export function parseFormBody(body: string): Record<string, string | string[]> {
  const fields: Record<string, string | string[]> = Object.create(null) as Record<string, string | string[]>;
  let count = 0;
  for (const [key, value] of new URLSearchParams(body)) {
    if (++count > MAX_FORM_FIELDS) {
      throw invalid('too_many_form_fields', `A form may have at most ${MAX_FORM_FIELDS} fields.`);
    }
    const earlier = fields[key];
    if (earlier === undefined) fields[key] = value;
    else if (Array.isArray(earlier)) earlier.push(value);
    else fields[key] = [earlier, value];
  }
  return fields;
}
