import { ApiParam } from '@nestjs/swagger';
import { CASE_NUMBER_PATTERN } from './domain/case-number';

/** How every route under /cases/{number} documents the number and its problems (other features' routes too). */
export const ApiCaseNumber = () =>
  ApiParam({
    name: 'number',
    description: 'The case number, `YYYY-NNNNNN-C`: a wrong Damm check digit is refused (400).',
    schema: { type: 'string', pattern: CASE_NUMBER_PATTERN.source },
    example: '2026-000042-7',
  });
export const BAD_NUMBER = {
  status: 400,
  description: 'The case number is malformed or its check digit is wrong.',
} as const;
export const BAD_NUMBER_OR_BODY = {
  status: 400,
  description: 'The body is not valid (see `errors`), or the case number is malformed or its check digit is wrong.',
} as const;
export const NO_SUCH_CASE = { status: 404, description: 'There is no such case, or it is not in your unit.' } as const;
