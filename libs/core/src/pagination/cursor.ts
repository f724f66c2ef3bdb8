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
