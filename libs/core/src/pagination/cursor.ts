import { invalid } from '../errors/domain-error';

/** `{items, nextCursor}`: the shape of every list. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 500;

/** Opaque keyset cursor: the sort key of the last row served, so pages stay stable while rows are inserted. */
export function encodeCursor(key: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string, shape: readonly ('string' | 'number')[]): (string | number)[] {
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    key = undefined;
  }
  const valid =
    Array.isArray(key) && key.length === shape.length && key.every((part, index) => typeof part === shape[index]);
  if (!valid) throw invalidCursor();
  return key as (string | number)[];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Whether a cursor's part is a UUID as PostgreSQL writes it (anything else would fail its cast: a 500). */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/** Only what toISOString() itself writes (so no 30 February, no year 0 or 10000 that PostgreSQL would refuse). */
export function isCanonicalInstant(value: string): boolean {
  const instant = new Date(value);
  // Four-digit years only: toISOString() writes others as "+010000-…", which PostgreSQL does not read.
  const readable = /^\d{4}-/.test(value) && instant.getUTCFullYear() >= 1;
  return readable && !Number.isNaN(instant.getTime()) && instant.toISOString() === value;
}

/** A cursor of an instant and an id, as lists ordered by (instant, id) issue it; anything else is refused (400). */
export function decodeInstantIdCursor(cursor: string): { instant: string; id: string } {
  const [instant, id] = decodeCursor(cursor, ['string', 'string']) as [string, string];
  if (!isCanonicalInstant(instant) || !isUuid(id)) throw invalidCursor();
  return { instant, id };
}

export function invalidCursor() {
  return invalid('invalid_cursor', 'The cursor is not one this API issued.', [
    { field: 'cursor', message: 'invalid cursor' },
  ]);
}

/** Takes one row more than the page size to know whether another page follows. */
export function toPage<Row, Item>(
  rows: Row[],
  limit: number,
  toItem: (row: Row) => Item,
  cursorKey: (row: Row) => (string | number)[],
): Page<Item> {
  const hasMore = rows.length > limit;
  const pageRows = hasMore ? rows.slice(0, limit) : rows;
  return {
    items: pageRows.map(toItem),
    nextCursor: hasMore ? encodeCursor(cursorKey(pageRows[pageRows.length - 1])) : null,
  };
}
