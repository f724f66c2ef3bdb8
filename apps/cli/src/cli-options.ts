import { DomainError } from '@app/core';

/** A refused command (a domain error) prints one line and exits 2; anything else is a crash with its stack. */
export function reportDomainError(error: Error): void {
  if (!(error instanceof DomainError)) throw error;
  console.error(`✗ ${error.message}`);
  process.exitCode = 2;
}

export const CLI_OPTIONS = { serviceErrorHandler: reportDomainError };
