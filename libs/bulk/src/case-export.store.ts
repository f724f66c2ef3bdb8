import { Injectable } from '@nestjs/common';
import type { Readable } from 'node:stream';
import type { CaseFilter } from '@app/cases';
import { Sql } from '@app/core';

/** An instant as ISO 8601 in UTC to the millisecond, whatever the session's TimeZone. */
const instant = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/**
 * Free text as a spreadsheet reads it safely: a value starting with `=`, `+`, `-`, `@`, a tab or a carriage return
 * would be taken for a formula when the file is opened (OWASP "CSV injection"), so it gets a leading apostrophe.
 */
const spreadsheetSafe = (column: string) =>
  `CASE WHEN ${column} ~ '^[=+@\t\r-]' THEN '''' || ${column} ELSE ${column} END`;

/** The columns of the export, in order, each with its SQL: no resident's name, phone or e-mail (data minimisation). */
const EXPORT_COLUMNS: readonly (readonly [name: string, sql: string])[] = [
  ['number', 'c.number'],
  ['external_ref', spreadsheetSafe('c.external_ref')],
  ['received_at', instant('c.received_at')],
  ['channel', 'c.channel'],
  ['category_code', 'c.category_code'],
  ['unit_code', 'c.unit_code'],
  ['status', 'c.status'],
  ['priority', 'c.priority'],
  ['subject', spreadsheetSafe('c.subject')],
  ['description', spreadsheetSafe('c.description')],
  ['resolved_at', instant('c.resolved_at')],
  ['closed_at', instant('c.closed_at')],
  ['due_date', `to_char(c.due_date, 'YYYY-MM-DD')`],
  ['due_at', instant('c.due_at')],
  ['assignee', 'a.username'],
];

export const EXPORT_HEADER = EXPORT_COLUMNS.map(([name]) => name);

/** The SQL of the CSV export. */
@Injectable()
export class CaseExportStore {
  constructor(private readonly db: Sql) {}

  /**
   * Every case the filter lets through, oldest first (`received_at`, then id), as CSV with a header row, streamed by
   * PostgreSQL itself (`COPY … TO STDOUT`): the process holds a chunk at a time, whatever the number of cases. COPY
   * takes no parameters: the filter's values, validated before, are written as literals escaped by the connection.
   */
  stream(filter: CaseFilter): Promise<Readable> {
    return this.db.copyOut((literal) => {
      const where: string[] = [];
      if (filter.statuses?.length) where.push(`c.status IN (${filter.statuses.map(literal).join(', ')})`);
      if (filter.unitCode) where.push(`c.unit_code = ${literal(filter.unitCode)}`);
      if (filter.categoryCode) where.push(`c.category_code = ${literal(filter.categoryCode)}`);
      if (filter.channel) where.push(`c.channel = ${literal(filter.channel)}`);
      if (filter.receivedFrom)
        where.push(`c.received_at >= ${literal(filter.receivedFrom.toISOString())}::timestamptz`);
      if (filter.receivedBefore) {
        where.push(`c.received_at < ${literal(filter.receivedBefore.toISOString())}::timestamptz`);
      }
      return `COPY (
          SELECT ${EXPORT_COLUMNS.map(([name, sql]) => `${sql} AS ${name}`).join(', ')}
            FROM cases c
            LEFT JOIN users a ON a.id = c.assignee_id
           ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
           ORDER BY c.received_at, c.id
        ) TO STDOUT WITH (FORMAT csv, HEADER)`;
    });
  }
}
