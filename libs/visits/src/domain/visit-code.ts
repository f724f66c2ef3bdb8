import { hashAccessCode } from '@app/core';

/** Kept apart from tracking codes' hashes: a visit code never matches a case. */
const VISIT_CODE_PURPOSE = 'visit:';

/** A visit code as it is kept: an access code's keyed hash, with the visits' own purpose. */
export function hashVisitCode(code: string, secret: string): string {
  return hashAccessCode(code, secret, VISIT_CODE_PURPOSE);
}
