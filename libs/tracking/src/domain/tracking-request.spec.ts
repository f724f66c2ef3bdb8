import { DomainError } from '@app/core';
import { readTrackingQuery } from './tracking-request';

function errorsOf(query: unknown): unknown {
  try {
    readTrackingQuery(query);
  } catch (error) {
    expect((error as DomainError).code).toBe('validation_failed');
    return (error as DomainError).details.errors;
  }
  throw new Error('accepted');
}

describe('readTrackingQuery', () => {
  it('takes a code as a resident may type it', () => {
    expect(readTrackingQuery({ code: '7kq2-m9xd' })).toEqual({ code: '7kq2-m9xd' });
  });

  it('refuses a missing, repeated, malformed or overlong code, and any other parameter', () => {
    expect(errorsOf({})).toEqual([{ field: 'code', message: 'code must be a string' }]);
    expect(errorsOf(undefined)).toEqual([{ field: 'code', message: 'code must be a string' }]);
    expect(errorsOf({ code: ['7KQ2M9XD', '7KQ2M9XD'] })).toEqual([{ field: 'code', message: 'code must be a string' }]);
    for (const code of ['ABC', '7KQ2M9XU', '7KQ2 M9XD', 'Z'.repeat(9), `${'-'.repeat(30)}ZZZZZZZZ`, 'ZZZZZZZ\u0000']) {
      expect(errorsOf({ code })).toEqual([
        { field: 'code', message: 'code must be the 8 characters of a tracking code' },
      ]);
    }
    expect(errorsOf({ code: '7KQ2M9XD', lang: 'pl' })).toEqual([{ field: 'lang', message: 'unknown field' }]);
  });
});
