import { DomainError } from '@app/core';
import { formatCaseNumber } from '@app/cases';
import { readRequestQuery } from './request-query';

const NOW = new Date('2026-11-26T12:00:00Z');
const DAY = 24 * 3600 * 1000;

function errorsOf(fields: Record<string, string | string[]>): unknown {
  try {
    readRequestQuery(fields, NOW);
  } catch (error) {
    return (error as DomainError).details.errors;
  }
  throw new Error('accepted');
}

describe('readRequestQuery', () => {
  it('defaults to the 90 days up to now, every service and status', () => {
    expect(readRequestQuery({}, NOW)).toEqual({
      from: new Date(NOW.getTime() - 90 * DAY),
      to: NOW,
      serviceCodes: null,
      statuses: null,
    });
  });

  it('takes the 90 days after a start or before an end; a bare date is that Warsaw day’s start', () => {
    expect(readRequestQuery({ start_date: '2026-06-01' }, NOW)).toMatchObject({
      from: new Date('2026-05-31T22:00:00Z'),
      to: new Date(new Date('2026-05-31T22:00:00Z').getTime() + 90 * DAY),
    });
    expect(readRequestQuery({ end_date: '2026-03-01T00:00:00+01:00' }, NOW)).toMatchObject({
      from: new Date(new Date('2026-02-28T23:00:00Z').getTime() - 90 * DAY),
      to: new Date('2026-02-28T23:00:00Z'),
    });
  });

  it('reads comma lists and repeated parameters alike', () => {
    expect(readRequestQuery({ service_code: 'a,b', status: ['open', 'closed,open'] }, NOW)).toMatchObject({
      serviceCodes: ['a', 'b'],
      statuses: ['open', 'closed'],
    });
  });

  it('lets service_request_id override everything, and checks each id', () => {
    const ids = [formatCaseNumber(2026, 1), formatCaseNumber(2026, 2)];
    expect(readRequestQuery({ service_request_id: ids.join(','), status: 'bogus' }, NOW)).toEqual({ ids });
    expect(errorsOf({ service_request_id: '2026-000001-0' })).toEqual([
      {
        field: 'service_request_id',
        message: '2026-000001-0 is not a request id (YYYY-NNNNNN-C, its check digit right)',
      },
    ]);
    const many = Array.from({ length: 101 }, (_, index) => formatCaseNumber(2026, index + 1)).join(',');
    expect(errorsOf({ service_request_id: many })).toEqual([
      { field: 'service_request_id', message: 'lists at most 100 ids' },
    ]);
  });

  it('allows exactly 90 days, and refuses more, a reversed window, a time without an offset, another status', () => {
    expect(
      readRequestQuery({ start_date: '2026-01-01T00:00:00Z', end_date: '2026-04-01T00:00:00Z' }, NOW),
    ).toMatchObject({ from: new Date('2026-01-01T00:00:00Z'), to: new Date('2026-04-01T00:00:00Z') });
    expect(errorsOf({ start_date: '2026-01-01T00:00:00Z', end_date: '2026-04-01T00:00:01Z' })).toEqual([
      { field: 'end_date', message: 'must be at most 90 days after start_date' },
    ]);
    expect(errorsOf({ start_date: '2026-01-02T00:00:00Z', end_date: '2026-01-01T00:00:00Z' })).toEqual([
      { field: 'end_date', message: 'must not be before start_date' },
    ]);
    expect(errorsOf({ start_date: '2026-01-01T10:00:00', end_date: '2026-13-01', status: 'fixed' })).toEqual([
      { field: 'start_date', message: 'must be a W3C date-time with an offset, e.g. 2026-11-01T00:00:00+01:00' },
      { field: 'end_date', message: 'must be a W3C date-time with an offset, e.g. 2026-11-01T00:00:00+01:00' },
      { field: 'status', message: 'fixed is not open or closed' },
    ]);
  });
});
