import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiResponse, getSchemaPath, HeadersObject, ResponseObject } from '@nestjs/swagger';
import { PROBLEM_MEDIA_TYPE, ProblemDetailsDto } from './problem-details.dto';

export type ProblemStatus = 400 | 401 | 403 | 404 | 409 | 412 | 413 | 415 | 422 | 428 | 429 | 500 | 503;

/** What each problem status means anywhere in this API; a route may say more about its own case. */
const MEANING: Record<ProblemStatus, string> = {
  400: 'The request is not valid: malformed JSON, or `errors` names each field, parameter or header that is wrong.',
  401: 'No bearer token, or one that is invalid, expired or of a disabled account.',
  403: 'Your role may not do this.',
  404: 'There is no such resource, or it is not yours to see.',
  409: 'The request conflicts with the current state of the resource.',
  412: 'If-Match names a version that is no longer current: read the resource again.',
  413: 'The request body is larger than 1 MiB.',
  415: 'The request body is not `application/json`.',
  422: 'The Idempotency-Key was already used for a different request.',
  428: 'If-Match is required: send the ETag of the version you read.',
  429: 'Too many requests: try again after Retry-After seconds.',
  500: 'An unexpected error; quote the `requestId` to support.',
  503: 'The database is unavailable for a moment: try again after Retry-After seconds.',
};

const RETRY_AFTER_HEADER: HeadersObject = {
  'Retry-After': {
    description: 'Seconds to wait before trying again.',
    required: true,
    schema: { type: 'integer', minimum: 1 },
  },
};

/** The response object of one problem answer, as every route documents it. */
export function problemResponse(status: ProblemStatus, description = MEANING[status]): ResponseObject {
  return {
    description,
    content: { [PROBLEM_MEDIA_TYPE]: { schema: { $ref: getSchemaPath(ProblemDetailsDto) } } },
    ...(status === 429 || status === 503 ? { headers: RETRY_AFTER_HEADER } : {}),
  };
}

/**
 * Documents the problem answers of a route (or of every route of a controller): `@ApiProblems(404, 409)`, or
 * `@ApiProblems({ status: 409, description: 'Not allowed from the current status.' })` where the route says more.
 * The answers every route shares (401 with a bearer token, 400/413/415 with a body, 500, 503) are added to the
 * document by {@link createApiDocument}; this decorator is for the rest.
 */
export function ApiProblems(...problems: (ProblemStatus | { status: ProblemStatus; description: string })[]) {
  return applyDecorators(
    ApiExtraModels(ProblemDetailsDto),
    ...problems.map((problem) => {
      const { status, description } =
        typeof problem === 'number' ? { status: problem, description: undefined } : problem;
      return ApiResponse({ status, ...problemResponse(status, description) });
    }),
  );
}
