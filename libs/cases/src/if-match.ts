import { DomainError } from '@app/core';

/** The entity tag of a case: its version, quoted (a strong tag). */
export function etagOf(version: number): string {
  return `"${version}"`;
}

/** No case has version 0: an If-Match that names no current version of ours compares as this, and fails (412). */
const MATCHES_NO_VERSION = 0;

/**
 * The version `If-Match` asks for, or undefined when any version will do (`*` or, where optional, no header).
 * Only a strong tag of ours can match; a weak tag or a foreign value is a precondition that fails (RFC 9110 §13.1.1).
 */
export function optionalIfMatch(header: string | undefined): number | undefined {
  if (header === undefined || header.trim() === '*') return undefined;
  const match = /^"(\d{1,9})"$/.exec(header.trim());
  return match ? Number(match[1]) : MATCHES_NO_VERSION;
}

/** As {@link optionalIfMatch}, but a missing header is refused (428): edits must say which version they change. */
export function requireIfMatch(header: string | undefined): number | undefined {
  if (header === undefined || header.trim() === '') {
    throw new DomainError(
      'if_match_required',
      "Send If-Match with the ETag of the case you read, so that nobody else's change is overwritten.",
      'precondition_required',
    );
  }
  return optionalIfMatch(header);
}
