import { hashAccessCode } from '@app/core';

/** A case's tracking code is an access code (core) with no purpose prefix: the hashes stored since issue #2. */
export {
  ACCESS_CODE_LENGTH as TRACKING_CODE_LENGTH,
  ACCESS_CODE_PATTERN as TRACKING_CODE_PATTERN,
  generateAccessCode as generateTrackingCode,
  normalizeAccessCode as normalizeTrackingCode,
} from '@app/core';

export function hashTrackingCode(code: string, secret: string): string {
  return hashAccessCode(code, secret);
}
