import { FieldError, invalid } from '@app/core';
import { TRACKING_CODE_INPUT, TRACKING_CODE_INPUT_MAX_LENGTH } from './code-input';

/**
 * The query of a look-up, checked as the validation pipe checks every other route's (the route is served without
 * Nest's pipeline, for speed): `code` alone, one string, in a form a code may be typed in; anything else is 400.
 */
export function readTrackingQuery(query: unknown): { code: string } {
  const fields = (typeof query === 'object' && query !== null ? query : {}) as Record<string, unknown>;
  const errors: FieldError[] = Object.keys(fields)
    .filter((name) => name !== 'code')
    .map((name) => ({ field: name, message: 'unknown field' }));
  const code = fields.code;
  if (typeof code !== 'string') {
    errors.push({ field: 'code', message: 'code must be a string' });
  } else if (code.length > TRACKING_CODE_INPUT_MAX_LENGTH || !TRACKING_CODE_INPUT.test(code)) {
    errors.push({ field: 'code', message: 'code must be the 8 characters of a tracking code' });
  }
  if (errors.length) throw invalid('validation_failed', 'The request is not valid; see errors.', errors);
  return { code: code as string };
}
