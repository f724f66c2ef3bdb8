import { invalid } from '@app/core';
import { dammCheckDigit, isDammValid } from './damm';

/** `YYYY-NNNNNN-C`: business year, per-year sequence (at least 6 digits), Damm check digit over both. */
export const CASE_NUMBER_PATTERN = /^(\d{4})-(\d{6,15})-(\d)$/;
const MIN_SEQUENCE_DIGITS = 6;
/** Sequences stay below 10^15 so that every number formatted here parses back (the pattern allows 15 digits). */
const SEQUENCE_LIMIT = 10 ** 15;

export interface CaseNumberParts {
  year: number;
  sequence: number;
}

export function formatCaseNumber(year: number, sequence: number): string {
  if (!Number.isInteger(year) || year < 1000 || year > 9999) throw new RangeError(`Bad case year ${year}`);
  if (!Number.isInteger(sequence) || sequence < 1 || sequence >= SEQUENCE_LIMIT) {
    throw new RangeError(`Bad case sequence ${sequence}`);
  }
  const yearDigits = String(year);
  const sequenceDigits = String(sequence).padStart(MIN_SEQUENCE_DIGITS, '0');
  return `${yearDigits}-${sequenceDigits}-${dammCheckDigit(yearDigits + sequenceDigits)}`;
}

/** Parses a case number; a malformed one or one with a wrong check digit is a client error. */
export function parseCaseNumber(text: string, field = 'number'): CaseNumberParts {
  const match = CASE_NUMBER_PATTERN.exec(text);
  if (!match) {
    throw invalid('invalid_case_number', `"${text}" is not a case number (YYYY-NNNNNN-C).`, [
      { field, message: 'must look like YYYY-NNNNNN-C' },
    ]);
  }
  const [, year, sequence, check] = match;
  if (!isDammValid(year + sequence + check)) {
    throw invalid('invalid_case_number', `The check digit of ${text} is wrong; was the number mistyped?`, [
      { field, message: 'wrong check digit' },
    ]);
  }
  return { year: Number(year), sequence: Number(sequence) };
}
