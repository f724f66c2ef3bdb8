import { DomainError, invalid } from '@app/core';

/** The entity tag of a case: its version, quoted. */
export function etagOf(version: number): string {
  return `"${version}"`;
}

/** Reads `If-Match: "<version>"`; undefined when absent and not required. */
export function parseIfMatch(header: string | undefined, required: boolean): number | undefined {
  if (header === undefined || header === '') {
    if (!required) return undefined;
    throw new DomainError(
      'if_match_required',
      'Send If-Match with the ETag of the case you read, so that nobody else\'s change is overwritten.',
      'precondition_required',
    );
  }
  const match = /^(?:W\/)?"(\d{1,9})"$/.exec(header.trim());
  if (!match) {
    throw invalid('invalid_if_match', 'If-Match must be the ETag of the case, e.g. "3".', [
      { field: 'If-Match', message: 'must be an ETag such as "3"' },
    ]);
  }
  return Number(match[1]);
}
