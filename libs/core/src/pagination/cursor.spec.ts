import { DomainError } from '../errors/domain-error';
import { decodeCursor, decodeInstantIdCursor, DEFAULT_PAGE_SIZE, encodeCursor, MAX_PAGE_SIZE, toPage } from './cursor';

const base64url = (text: string) => Buffer.from(text, 'utf8').toString('base64url');

describe('page sizes', () => {
  it('default to 50 and stop at 500', () => {
    expect(DEFAULT_PAGE_SIZE).toBe(50);
    expect(MAX_PAGE_SIZE).toBe(500);
  });
});

describe('encodeCursor / decodeCursor', () => {
  it('encodes the key as base64url JSON', () => {
    expect(encodeCursor(['2026-03-10T09:00:00.000Z', 42])).toBe(base64url('["2026-03-10T09:00:00.000Z",42]'));
  });

  it.each<[(string | number)[], ('string' | 'number')[]]>([
    [
      ['2026-03-10T09:00:00.000Z', '7d1f2b9e-5c1a-4f7e-9a51-0c2a6f0e3b11'],
      ['string', 'string'],
    ],
    [
      ['Gdańsk ż/+?=', -1.5, 0],
      ['string', 'number', 'number'],
    ],
    [[], []],
  ])('round-trips %j', (key, shape) => {
    const cursor = encodeCursor(key);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]*$/);
    expect(decodeCursor(cursor, shape)).toEqual(key);
  });

  it.each([
    ['the empty string', '', ['string']],
    ['garbage', 'not a cursor!', ['string']],
    ['base64url of non-JSON', base64url('[abc'), ['string']],
    ['a JSON object', base64url('{"0":"a"}'), ['string']],
    ['a JSON string', base64url('"a"'), ['string']],
    ['JSON null', base64url('null'), ['string']],
    ['too few parts', encodeCursor(['a']), ['string', 'string']],
    ['too many parts', encodeCursor(['a', 'b', 'c']), ['string', 'string']],
    ['a number where a string belongs', encodeCursor(['a', 1]), ['string', 'string']],
    ['a string where a number belongs', encodeCursor(['1', 'a']), ['number', 'string']],
    ['a null part', base64url('["a",null]'), ['string', 'string']],
    ['a nested array part', base64url('["a",["b"]]'), ['string', 'string']],
  ] as const)('rejects %s with invalid_cursor', (_label, cursor, shape) => {
    expect(() => decodeCursor(cursor, shape)).toThrow(DomainError);
    expect(() => decodeCursor(cursor, shape)).toThrow(
      expect.objectContaining({
        code: 'invalid_cursor',
        kind: 'invalid',
        details: { errors: [{ field: 'cursor', message: 'invalid cursor' }] },
      }),
    );
  });
});

describe('toPage', () => {
  interface Row {
    id: number;
    at: string;
  }
  const rows = (count: number): Row[] =>
    Array.from({ length: count }, (_, i) => ({ id: i + 1, at: `2026-03-${String(i + 1).padStart(2, '0')}` }));

  function page(rowCount: number, limit: number) {
    const toItem = jest.fn((row: Row) => `item ${row.id}`);
    const cursorKey = jest.fn((row: Row): (string | number)[] => [row.at, row.id]);
    return { result: toPage(rows(rowCount), limit, toItem, cursorKey), toItem, cursorKey };
  }

  it.each([
    ['no rows', 0],
    ['fewer rows than the limit', 2],
    ['exactly the limit', 3],
  ])('has no next cursor with %s', (_label, rowCount) => {
    const { result, cursorKey } = page(rowCount, 3);
    expect(result).toEqual({ items: rows(rowCount).map((row) => `item ${row.id}`), nextCursor: null });
    expect(cursorKey).not.toHaveBeenCalled();
  });

  it('serves `limit` items and a cursor from the last item on the page when there are more rows', () => {
    const { result, toItem, cursorKey } = page(4, 3);
    expect(result).toEqual({ items: ['item 1', 'item 2', 'item 3'], nextCursor: encodeCursor(['2026-03-03', 3]) });
    expect(toItem).toHaveBeenCalledTimes(3);
    expect(cursorKey).toHaveBeenCalledTimes(1);
    expect(cursorKey).toHaveBeenCalledWith({ id: 3, at: '2026-03-03' });
    expect(decodeCursor(result.nextCursor!, ['string', 'number'])).toEqual(['2026-03-03', 3]);
  });

  it('keeps the limit when the query returned many more rows than asked for', () => {
    const { result } = page(10, 1);
    expect(result).toEqual({ items: ['item 1'], nextCursor: encodeCursor(['2026-03-01', 1]) });
  });
});

describe('decodeInstantIdCursor', () => {
  const ID = '7d1f2b9e-5c1a-4f7e-9a51-0c2a6f0e3b11';

  it('gives back what the list encoded', () => {
    expect(decodeInstantIdCursor(encodeCursor(['2027-01-01T10:00:00.000Z', ID]))).toEqual({
      instant: '2027-01-01T10:00:00.000Z',
      id: ID,
    });
  });

  it.each([
    ['not an instant', ['not-a-date', ID]],
    ['an instant not written by toISOString', ['2027-01-01T10:00:00Z', ID]],
    ['a 30th of February', ['2027-02-30T10:00:00.000Z', ID]],
    ['year 10000', ['+010000-01-01T00:00:00.000Z', ID]],
    ['an id that is no UUID', ['2027-01-01T10:00:00.000Z', 'x']],
    ['an upper-case UUID', ['2027-01-01T10:00:00.000Z', ID.toUpperCase()]],
  ])('refuses %s (it would fail its cast in SQL)', (_reason, key) => {
    expect(() => decodeInstantIdCursor(encodeCursor(key))).toThrow(DomainError);
  });
});
