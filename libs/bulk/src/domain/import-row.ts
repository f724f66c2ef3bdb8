import type { SlaPolicy } from '@app/catalogue';
import { CASE_STATUSES, CaseStatus } from '@app/cases';
import { CHANNELS, Channel } from '@app/core';

/*
 * The rules of the case import (`POST /imports/cases`, `import:cases`), as pure functions: the header, and each data
 * row as csv-parse hands it over. No I/O here.
 */

/** The header of an import file, exactly: these columns in this order. */
export const IMPORT_COLUMNS = [
  'external_ref',
  'received_at',
  'channel',
  'category_code',
  'subject',
  'description',
  'status',
  'resolved_at',
] as const;
export type ImportColumn = (typeof IMPORT_COLUMNS)[number];

/** What is wrong with one row (`row` 1 is the first data row, 0 the header) or one of its fields. */
export interface RowError {
  row: number;
  field: string;
  message: string;
}

/** A valid data row. */
export interface ImportRow {
  externalRef: string;
  receivedAt: Date;
  channel: Channel;
  categoryCode: string;
  subject: string;
  description: string | null;
  status: CaseStatus;
  resolvedAt: Date | null;
}

/** What the rules need to know of a category; the catalogue is read once per import. */
export interface ImportCategory {
  code: string;
  unitCode: string | null;
  sla: SlaPolicy;
}

export interface ImportContext {
  categories: ReadonlyMap<string, ImportCategory>;
  /** When the import started: nothing may have been received (or resolved) more than 5 minutes after it. */
  now: Date;
}

/**
 * The file is decoded as it is read (see decodeUtf8): once bytes that are not UTF-8 were met, every row from the one
 * they may belong to on is read with U+FFFD in their place, and a U+FFFD there is taken for them.
 */
export const REPLACEMENT_CHARACTER = '\uFFFD';

/** A row's outcome: valid, or its errors and — when it is readable — its external_ref, to find repeats with. */
export type RowOutcome = { row: ImportRow } | { errors: RowError[]; externalRef: string | null };

export const MAX_EXTERNAL_REF_LENGTH = 200;
export const MAX_SUBJECT_LENGTH = 200;
export const MAX_DESCRIPTION_LENGTH = 10_000;
/** How far in the future an instant may lie, for clocks a little off (as at intake). */
export const FUTURE_TOLERANCE_MS = 5 * 60 * 1000;
/** 2000-01-01T00:00 in Europe/Warsaw (CET): no case of an earlier business year is taken, as at intake. */
const EARLIEST_INSTANT_MS = Date.UTC(1999, 11, 31, 23, 0, 0);
const STATUSES_RESOLVED: readonly CaseStatus[] = ['resolved', 'closed'];

/** The header's error, if it is not exactly {@link IMPORT_COLUMNS}. */
export function checkHeader(fields: readonly string[] | null): RowError | null {
  const expected = IMPORT_COLUMNS.join(',');
  if (fields === null) return { row: 0, field: 'header', message: `is missing (the file is empty): ${expected}` };
  if (fields.join(',') === expected && fields.length === IMPORT_COLUMNS.length) return null;
  return { row: 0, field: 'header', message: `must be exactly ${expected}` };
}

/**
 * Checks data row number `row`: every error of every field, or the row as it is to be stored. With `afterInvalidBytes`
 * (the row may hold bytes that were not UTF-8), a field with U+FFFD is one that had them.
 */
export function validateImportRow(
  fields: readonly string[],
  row: number,
  context: ImportContext,
  afterInvalidBytes = false,
): RowOutcome {
  if (fields.length !== IMPORT_COLUMNS.length) {
    const externalRef = fields.length > 0 ? externalRefOf(fields[0]) : null;
    const message = `has ${fields.length} ${fields.length === 1 ? 'column' : 'columns'}, expected ${IMPORT_COLUMNS.length}`;
    return { errors: [{ row, field: 'row', message }], externalRef };
  }
  const errors: RowError[] = [];
  const fail = (field: ImportColumn, message: string) => void errors.push({ row, field, message });
  const text: Partial<Record<ImportColumn, string>> = {};
  IMPORT_COLUMNS.forEach((column, index) => {
    const value = fields[index];
    if (afterInvalidBytes && value.includes(REPLACEMENT_CHARACTER)) fail(column, 'is not valid UTF-8');
    else if (value.includes('\u0000')) fail(column, 'must not contain NUL characters');
    else text[column] = value;
  });

  const externalRef = text.external_ref === undefined ? undefined : checkExternalRef(text.external_ref);
  if (typeof externalRef === 'object') fail('external_ref', externalRef.error);

  const receivedAt = text.received_at === undefined ? undefined : requiredInstant(text.received_at, context.now);
  if (receivedAt instanceof Error) fail('received_at', receivedAt.message);

  const channel = text.channel;
  if (channel !== undefined && !(CHANNELS as readonly string[]).includes(channel)) {
    fail('channel', channel === '' ? 'is required' : `must be one of ${CHANNELS.join(', ')}`);
  }

  const categoryCode = text.category_code;
  if (categoryCode !== undefined && !context.categories.has(categoryCode)) {
    fail('category_code', categoryCode === '' ? 'is required' : 'is not a known category');
  }

  const subject = text.subject;
  if (subject !== undefined) {
    if (subject === '') fail('subject', 'is required');
    else if (subject.length > MAX_SUBJECT_LENGTH) {
      fail('subject', `must be at most ${MAX_SUBJECT_LENGTH} characters`);
    } else if (!/\S/.test(subject)) fail('subject', 'must not be blank');
  }

  const description = text.description;
  if (description !== undefined && description.length > MAX_DESCRIPTION_LENGTH) {
    fail('description', `must be at most ${MAX_DESCRIPTION_LENGTH} characters`);
  }

  const status = text.status;
  const knownStatus = status !== undefined && (CASE_STATUSES as readonly string[]).includes(status);
  if (status !== undefined && !knownStatus) {
    fail('status', status === '' ? 'is required' : `must be one of ${CASE_STATUSES.join(', ')}`);
  }

  let resolvedAt: Date | null | undefined = undefined;
  if (text.resolved_at !== undefined) {
    const resolves = knownStatus && STATUSES_RESOLVED.includes(status as CaseStatus);
    if (text.resolved_at === '') {
      resolvedAt = null;
      if (resolves) fail('resolved_at', `is required when status is ${status}`);
    } else if (knownStatus && !resolves) {
      fail('resolved_at', 'must be empty unless status is resolved or closed');
    } else {
      const parsed = requiredInstant(text.resolved_at, context.now);
      if (parsed instanceof Error) fail('resolved_at', parsed.message);
      else if (receivedAt instanceof Date && parsed.getTime() < receivedAt.getTime()) {
        fail('resolved_at', 'must not be before received_at');
      } else resolvedAt = parsed;
    }
  }

  const validRef = typeof externalRef === 'string' ? externalRef : null;
  if (errors.length) return { errors, externalRef: validRef };
  return {
    row: {
      externalRef: validRef!,
      receivedAt: receivedAt as Date,
      channel: channel as Channel,
      categoryCode: categoryCode!,
      subject: subject!,
      description: description === '' ? null : description!,
      status: status as CaseStatus,
      resolvedAt: resolvedAt ?? null,
    },
  };
}

/** The error of a later row whose external_ref an earlier row of the same file has. */
export function repeatedRefError(row: number, firstRow: number): RowError {
  return { row, field: 'external_ref', message: `repeats row ${firstRow}` };
}

/** Printable: no control, format, private-use or unassigned characters, and no line or paragraph separators. */
const NOT_PRINTABLE = /[\p{C}\p{Zl}\p{Zp}]/u;

/** The external_ref itself when it is one, else its error. */
function checkExternalRef(value: string): string | { error: string } {
  if (value === '') return { error: 'is required' };
  if (value.length > MAX_EXTERNAL_REF_LENGTH) {
    return { error: `must be at most ${MAX_EXTERNAL_REF_LENGTH} characters` };
  }
  if (NOT_PRINTABLE.test(value)) return { error: 'must be printable characters only' };
  if (value.trim() !== value) return { error: 'must not start or end with a space' };
  return value;
}

function externalRefOf(value: string): string | null {
  const checked = checkExternalRef(value);
  return typeof checked === 'string' ? checked : null;
}

/** `2026-06-01T09:30:00+02:00`, `…Z`; seconds and their fraction (up to nanoseconds) optional. */
const INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(?:Z|([+-])(\d{2}):(\d{2}))$/;
/** The same without an offset: a local time of no known zone. */
const NAIVE = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?$/;

/**
 * An ISO 8601 instant with an offset (`Z` or `±hh:mm`) that exists (no 30 February, no 24:00), its business year
 * 2000 or later and at most 5 minutes after `now`; else the error. The fraction is kept to the millisecond.
 */
export function parseImportInstant(value: string, now: Date): Date | Error {
  const match = INSTANT.exec(value);
  if (!match) {
    return new Error(
      NAIVE.test(value)
        ? 'needs an offset (Z or ±hh:mm): a time without one is ambiguous'
        : 'must be an ISO 8601 instant with an offset, e.g. 2026-06-01T09:30:00+02:00',
    );
  }
  const [, year, month, day, hour, minute, second = '0', fraction = '0', sign, offsetHours, offsetMinutes] = match;
  const y = Number(year);
  const m = Number(month);
  const d = Number(day);
  const valid =
    m >= 1 &&
    m <= 12 &&
    d >= 1 &&
    d <= daysInMonth(y, m) &&
    Number(hour) <= 23 &&
    Number(minute) <= 59 &&
    Number(second) <= 59 &&
    (sign === undefined || (Number(offsetHours) <= 23 && Number(offsetMinutes) <= 59));
  if (!valid) return new Error('is not a real date and time');
  const offsetMs =
    sign === undefined ? 0 : (sign === '-' ? -1 : 1) * (Number(offsetHours) * 60 + Number(offsetMinutes)) * 60_000;
  const utc = new Date(0);
  utc.setUTCFullYear(y, m - 1, d);
  utc.setUTCHours(Number(hour), Number(minute), Number(second), Number(fraction.padEnd(3, '0').slice(0, 3)));
  const instant = new Date(utc.getTime() - offsetMs);
  if (instant.getTime() < EARLIEST_INSTANT_MS) return new Error('must not be before 2000 (Europe/Warsaw)');
  if (instant.getTime() > now.getTime() + FUTURE_TOLERANCE_MS) {
    return new Error('must not be more than 5 minutes in the future');
  }
  return instant;
}

function requiredInstant(value: string, now: Date): Date | Error {
  return value === '' ? new Error('is required') : parseImportInstant(value, now);
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}
