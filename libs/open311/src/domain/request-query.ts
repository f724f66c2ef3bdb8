import { DateTime } from 'luxon';
import { BUSINESS_TIME_ZONE, FieldError, invalid } from '@app/core';
import { parseCaseNumber } from '@app/cases';
import { describe, Open311Fields, valuesOf } from './service-request';

/** Whether `id` is a case number whose check digit is right. */
function isCaseNumber(id: string): boolean {
  try {
    parseCaseNumber(id);
    return true;
  } catch {
    return false;
  }
}

/** What is wrong with request ids (`service_request_id`), one error each that is not a case number. */
export function requestIdErrors(ids: readonly string[]): FieldError[] {
  return ids
    .filter((id) => !isCaseNumber(id))
    .map((id) => ({
      field: 'service_request_id',
      message: `${id} is not a request id (YYYY-NNNNNN-C, its check digit right)`,
    }));
}

/** The specification's window: a search spans at most 90 days, the most recent 90 when no dates are given. */
export const MAX_SPAN_DAYS = 90;
/** The specification's recommended cap on one answer. */
export const MAX_REQUESTS = 1000;
/** Ids one GET may ask for (`service_request_id=a,b,…`). */
export const MAX_IDS = 100;

export const OPEN311_STATUSES = ['open', 'closed'] as const;
export type Open311Status = (typeof OPEN311_STATUSES)[number];

export type RequestQuery =
  { ids: string[] } | { from: Date; to: Date; serviceCodes: string[] | null; statuses: Open311Status[] | null };

/** Comma lists (`a,b`), also repeated parameters (`?status=open&status=closed`); empty items dropped. */
function list(fields: Open311Fields, name: string): string[] | null {
  const items = valuesOf(fields, name)
    .flatMap((value) => value.split(','))
    .map((item) => item.trim())
    .filter(Boolean);
  return items.length ? [...new Set(items)] : null;
}

/** A W3C date-time with an offset (`2026-11-01T00:00:00Z`, `…+01:00`); a bare date is taken as that Warsaw day's start. */
function instant(fields: Open311Fields, name: string, errors: FieldError[]): Date | null {
  const [text, ...more] = list(fields, name) ?? [];
  if (text === undefined) return null;
  const parsed = DateTime.fromISO(text, { zone: BUSINESS_TIME_ZONE, setZone: true });
  const hasOffset = /T.*(Z|[+-]\d{2}(:?\d{2})?)$/i.test(text) || /^\d{4}-\d{2}-\d{2}$/.test(text);
  if (more.length || !parsed.isValid || !hasOffset || parsed.year < 1000 || parsed.year > 9998) {
    errors.push({ field: name, message: 'must be a W3C date-time with an offset, e.g. 2026-11-01T00:00:00+01:00' });
    return null;
  }
  return parsed.toJSDate();
}

/**
 * What a GET /requests asks for. `service_request_id` overrides every other parameter (as the specification says);
 * otherwise the window is [start_date, end_date], of at most 90 days: the 90 days up to `now` without either, else
 * the 90 days after `start_date` or before `end_date`.
 */
export function readRequestQuery(fields: Open311Fields, now: Date): RequestQuery {
  const errors: FieldError[] = [];
  const ids = list(fields, 'service_request_id');
  if (ids) {
    if (ids.length > MAX_IDS) errors.push({ field: 'service_request_id', message: `lists at most ${MAX_IDS} ids` });
    errors.push(...requestIdErrors(ids));
    if (errors.length) throw invalid('invalid_request_query', describe(errors), errors);
    return { ids };
  }
  const start = instant(fields, 'start_date', errors);
  const end = instant(fields, 'end_date', errors);
  const statuses = list(fields, 'status');
  for (const status of statuses ?? []) {
    if (!(OPEN311_STATUSES as readonly string[]).includes(status)) {
      errors.push({ field: 'status', message: `${status} is not open or closed` });
    }
  }
  if (errors.length) throw invalid('invalid_request_query', describe(errors), errors);
  const span = MAX_SPAN_DAYS * 24 * 3600 * 1000;
  const to = end ?? (start ? new Date(start.getTime() + span) : now);
  const from = start ?? new Date(to.getTime() - span);
  if (from > to) errors.push({ field: 'end_date', message: 'must not be before start_date' });
  else if (to.getTime() - from.getTime() > span) {
    errors.push({ field: 'end_date', message: `must be at most ${MAX_SPAN_DAYS} days after start_date` });
  }
  if (errors.length) throw invalid('invalid_request_query', describe(errors), errors);
  return {
    from,
    to,
    serviceCodes: list(fields, 'service_code'),
    statuses: statuses as Open311Status[] | null,
  };
}
