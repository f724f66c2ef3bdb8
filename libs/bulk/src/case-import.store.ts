import { Injectable } from '@nestjs/common';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { SlaKind } from '@app/catalogue';
import { Sql } from '@app/core';
import { CopyIn } from './copy-in';
import { copyLine } from './copy-text';
import type { ImportCategory, ImportRow } from './domain/import-row';
import { BlockNumber, NumberBlock, SEARCH_TEXT_SEPARATOR } from './domain/imported-case';

/**
 * The rows of the file as read, in a temporary table of the import's transaction (dropped at its end): every data
 * row, a valid one with everything its case needs, an invalid one with its external_ref only (to find repeats).
 */
const IMPORT_ROWS = `
  CREATE TEMP TABLE import_rows (
    row           integer NOT NULL,
    external_ref  text,
    valid         boolean NOT NULL,
    received_at   timestamptz,
    channel       text,
    category_code text,
    unit_code     text,
    subject       text,
    description   text,
    status        text,
    resolved_at   timestamptz,
    year          smallint,
    due_date      date,
    due_at        timestamptz,
    search_rest   text
  ) ON COMMIT DROP`;
const IMPORT_ROW_COLUMNS =
  'row, external_ref, valid, received_at, channel, category_code, unit_code, subject, description, status, ' +
  'resolved_at, year, due_date, due_at, search_rest';

/** The numbers given out, made (Damm check digit and all) in TypeScript: the `position`-th case of its year. */
const IMPORT_NUMBERS = `
  CREATE TEMP TABLE import_numbers (
    year      smallint NOT NULL,
    position  integer NOT NULL,
    seq       bigint NOT NULL,
    number    text NOT NULL,
    PRIMARY KEY (year, position)
  ) ON COMMIT DROP`;

/** Memory for the sorts and hashes of one import's statements (PostgreSQL's default, 4 MB, spills them to disk). */
const IMPORT_WORK_MEM = '64MB';

/** One lock for every import: two never decide at once which external_refs are new. */
const IMPORT_LOCK = `SELECT pg_advisory_xact_lock(hashtext('case-import'))`;

/** What an invalid row keeps: its number and external_ref. */
export function invalidRowLine(row: number, externalRef: string | null): string {
  return copyLine([row, externalRef, false, null, null, null, null, null, null, null, null, null, null, null, null]);
}

/** A valid row with what its case needs beyond the file: unit, business year, deadline, search text. */
export function validRowLine(
  row: number,
  value: ImportRow,
  extra: { unitCode: string | null; year: number; dueDate: string; dueAt: Date; searchRest: string },
): string {
  return copyLine([
    row,
    value.externalRef,
    true,
    value.receivedAt.toISOString(),
    value.channel,
    value.categoryCode,
    extra.unitCode,
    value.subject,
    value.description,
    value.status,
    value.resolvedAt?.toISOString() ?? null,
    extra.year,
    extra.dueDate,
    extra.dueAt.toISOString(),
    extra.searchRest,
  ]);
}

export function numberLine(number: BlockNumber): string {
  return copyLine([number.year, number.position, number.sequence, number.number]);
}

/** A row of the file that repeats the external_ref of an earlier one. */
export interface RepeatedRow {
  row: number;
  firstRow: number;
}

/** The SQL of the case import. */
@Injectable()
export class CaseImportStore {
  constructor(private readonly db: Sql) {}

  /** The whole catalogue of categories, read once per import. */
  async categories(): Promise<Map<string, ImportCategory>> {
    const rows = await this.db.query<{ code: string; unit_code: string | null; sla_kind: SlaKind; sla_amount: number }>(
      `SELECT code, unit_code, sla_kind, sla_amount FROM categories`,
    );
    return new Map(
      rows.map((row) => [
        row.code,
        { code: row.code, unitCode: row.unit_code, sla: { kind: row.sla_kind, amount: row.sla_amount } },
      ]),
    );
  }

  /** Runs `work` in one transaction on one connection, with the import's temporary tables. */
  transaction<T>(work: (session: ImportSession) => Promise<T>): Promise<T> {
    return this.db.transaction(async (client) => {
      // The set-based statements sort and hash a whole file's rows: in memory, not in temporary files.
      await client.query(`SET LOCAL work_mem = '${IMPORT_WORK_MEM}'`);
      await client.query(IMPORT_ROWS);
      await client.query(IMPORT_NUMBERS);
      return work(new ImportSession(client));
    });
  }

  /**
   * Takes `count` case numbers for each year from the years' counters, in a short transaction of its own that commits
   * at once: intake of the current year waits for that statement only, never for the import. A failed import leaves
   * a gap (numbers are never reused). Returns each year's block.
   */
  async takeNumbers(counts: readonly { year: number; count: number }[]): Promise<NumberBlock[]> {
    const rows = await this.db.query<{ year: number; last_seq: string }>(
      `INSERT INTO case_number_counters AS counter (year, last_seq)
       SELECT year, count FROM unnest($1::smallint[], $2::bigint[]) AS taken(year, count) ORDER BY year
       ON CONFLICT (year) DO UPDATE SET last_seq = counter.last_seq + excluded.last_seq
       RETURNING counter.year, counter.last_seq`,
      [counts.map(({ year }) => year), counts.map(({ count }) => count)],
    );
    const last = new Map(rows.map((row) => [row.year, Number(row.last_seq)]));
    return counts.map(({ year, count }) => ({ year, count, lastSequence: last.get(year)! }));
  }
}

/** The statements of one import, on its transaction's connection. */
export class ImportSession {
  constructor(private readonly client: PoolClient) {}

  /** `COPY import_rows FROM STDIN`: feed it {@link validRowLine}s and {@link invalidRowLine}s. */
  copyRows(): CopyIn {
    return new CopyIn(this.client.query(copyFrom(`COPY import_rows (${IMPORT_ROW_COLUMNS}) FROM STDIN`)));
  }

  /** `COPY import_numbers FROM STDIN`: feed it {@link numberLine}s. */
  copyNumbers(): CopyIn {
    return new CopyIn(this.client.query(copyFrom(`COPY import_numbers (year, position, seq, number) FROM STDIN`)));
  }

  /** Rows whose external_ref an earlier row of the file has: how many, whether valid, and the first `limit`. */
  async repeatedRows(limit: number): Promise<{ repeats: number; validRepeats: number; listed: RepeatedRow[] }> {
    // Statistics for the planner: a temporary table has none until analysed.
    await this.client.query(`ANALYZE import_rows`);
    const { rows } = await this.client.query<{ repeats: number; valid_repeats: number; listed: [number, number][] }>(
      `WITH firsts AS (
         SELECT external_ref, min(row) AS first_row FROM import_rows
          WHERE external_ref IS NOT NULL
          GROUP BY external_ref HAVING count(*) > 1
       ), repeats AS (
         SELECT r.row, r.valid, f.first_row FROM import_rows r JOIN firsts f USING (external_ref)
          WHERE r.row <> f.first_row
       )
       SELECT (SELECT count(*)::int FROM repeats) AS repeats,
              (SELECT count(*)::int FROM repeats WHERE valid) AS valid_repeats,
              (SELECT coalesce(json_agg(json_build_array(row, first_row) ORDER BY row), '[]')
                 FROM (SELECT row, first_row FROM repeats ORDER BY row LIMIT $1) first_ones) AS listed`,
      [limit],
    );
    const [{ repeats, valid_repeats: validRepeats, listed }] = rows;
    return { repeats, validRepeats, listed: listed.map(([row, firstRow]) => ({ row, firstRow })) };
  }

  /** Waits for any other import to finish (until this transaction ends). */
  async lockImports(): Promise<void> {
    await this.client.query(IMPORT_LOCK);
  }

  /** Sets aside the rows whose external_ref is already a case's (imported before); returns how many. */
  async dropDuplicates(): Promise<number> {
    const result = await this.client.query(
      `DELETE FROM import_rows r USING cases c WHERE c.external_ref = r.external_ref`,
    );
    return result.rowCount ?? 0;
  }

  /** How many cases each business year gets. */
  async countsByYear(): Promise<{ year: number; count: number }[]> {
    const { rows } = await this.client.query<{ year: number; count: number }>(
      `SELECT year, count(*)::int AS count FROM import_rows GROUP BY year ORDER BY year`,
    );
    return rows;
  }

  /**
   * Writes the cases and their history in one statement: each row numbered within its year in order of receipt
   * (then of the file), from the numbers in `import_numbers`, and inserted in that order under an id that follows it
   * (laid out as a UUIDv7: the instant of the import in milliseconds, the row's place, random bits), so that the
   * primary key and the history's `(case_id, id)` index take the import as one run of pages instead of a page each
   * (random ids cost some 10% more here, more once those indexes outgrow memory). Imported cases take their category's unit, nobody's
   * desk and priority `normal`; their SLA is history (warned and breached for their deadline: no timer, sweep or
   * escalation touches them); their tracking code is none a resident could ever hold (`imported:<id>` is no hash
   * of a code). History: `imported` at receipt, then for resolved and closed cases the status changes at resolution.
   */
  async insertCases(actor: string): Promise<{ cases: number; events: number }> {
    const { rows } = await this.client.query<{ cases: number; events: number }>(
      `WITH ordered AS (
         SELECT r.*, row_number() OVER (PARTITION BY r.year ORDER BY r.received_at, r.row) AS position,
                row_number() OVER (ORDER BY r.year, r.received_at, r.row) AS ordinal
           FROM import_rows r
       ), identified AS (
         SELECT (lpad(to_hex((SELECT (extract(epoch FROM clock_timestamp()) * 1000)::bigint)), 12, '0') || '7'
                 || substr(lpad(to_hex(ordinal), 12, '0'), 1, 3) || '8' || substr(lpad(to_hex(ordinal), 12, '0'), 4)
                 || substr(md5(random()::text), 1, 6))::uuid AS id,
                ordered.*
           FROM ordered
       ), inserted AS (
         INSERT INTO cases (id, number, year, seq, status, channel, category_code, unit_code, assignee_id, priority,
                            subject, description, received_at, created_at, updated_at, due_date, due_at,
                            waiting_since, resolved_at, closed_at, sla_warned_for, sla_breached_for, version,
                            tracking_code_hash, external_ref, search_text)
         SELECT o.id, n.number, o.year, n.seq, o.status, o.channel, o.category_code, o.unit_code, NULL, 'normal',
                o.subject, o.description, o.received_at, now(), now(), o.due_date, o.due_at,
                CASE WHEN o.status = 'waiting' THEN now() END, o.resolved_at,
                CASE WHEN o.status = 'closed' THEN o.resolved_at END, o.due_at, o.due_at, 1,
                'imported:' || o.id, o.external_ref, n.number || $2 || o.search_rest
           FROM identified o
           JOIN import_numbers n ON n.year = o.year AND n.position = o.position
          ORDER BY o.ordinal
         RETURNING id, external_ref, status, received_at, resolved_at
       ), appended AS (
         INSERT INTO case_events (case_id, type, at, actor, data)
         SELECT i.id, e.type, e.at, $1, e.data
           FROM inserted i
          CROSS JOIN LATERAL (
            VALUES (1, 'imported', i.received_at, jsonb_build_object('externalRef', i.external_ref)),
                   (2, 'status_changed', i.resolved_at, '{"from": "assigned", "to": "resolved"}'::jsonb),
                   (3, 'status_changed', i.resolved_at, '{"from": "resolved", "to": "closed"}'::jsonb)
          ) AS e(position, type, at, data)
          WHERE e.position = 1 OR (e.position = 2 AND i.status IN ('resolved', 'closed'))
             OR (e.position = 3 AND i.status = 'closed')
          ORDER BY i.id, e.position
         RETURNING 1
       )
       SELECT (SELECT count(*)::int FROM inserted) AS cases, (SELECT count(*)::int FROM appended) AS events`,
      [actor, SEARCH_TEXT_SEPARATOR],
    );
    return rows[0];
  }
}
