import { DomainError } from '@app/core';

/** The entity tag of a case: its version, quoted (a strong tag). */
export function etagOf(version: number): string {
  return `"${version}"`;
}

/** The versions an `If-Match` accepts; undefined when any version will do. */
export type AcceptedVersions = readonly number[] | undefined;

/** A strong tag as this API writes them: a quoted version without leading zeros. */
const OUR_STRONG_TAG = /^"([1-9]\d{0,8})"$/;

/**
 * Reads `If-Match` (RFC 9110 §13.1.1): `*` or no header accepts any version; otherwise the comma-separated list of
 * tags accepts the versions named by strong tags of ours. Weak or foreign tags accept nothing, so the precondition
 * fails (412) rather than the request being malformed.
 */
export function optionalIfMatch(header: string | undefined): AcceptedVersions {
  const value = header?.trim();
  if (!value || value === '*') return undefined;
  return value
    .split(',')
    .map((tag) => OUR_STRONG_TAG.exec(tag.trim()))
    .flatMap((match) => (match ? [Number(match[1])] : []));
}

/** As {@link optionalIfMatch}, but a missing header is refused (428): edits must say which version they change. */
export function requireIfMatch(header: string | undefined): AcceptedVersions {
  if (!header?.trim()) {
    throw new DomainError(
      'if_match_required',
      "Send If-Match with the ETag of the case you read, so that nobody else's change is overwritten.",
      'precondition_required',
    );
  }
  return optionalIfMatch(header);
}
