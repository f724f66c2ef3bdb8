import { MigrationInterface, QueryRunner } from 'typeorm';

/** Statuses in which a case still needs work (as in the routing migration). */
const OPEN = `status IN ('new', 'assigned', 'in_progress', 'waiting')`;
const ZONE = `'Europe/Warsaw'`;
/** What a case adds to the rollups; in every delta row and every rollup table. */
const MEASURES = ['received', 'resolved_on_time', 'resolved_late', 'overdue'];

/**
 * Reporting (issue #8): rollups that reports read instead of `cases`, kept exact by triggers on `cases` (see ADR 0015).
 *
 * Every write to `cases` — intake, edits, transitions, routing, imports, anything later — appends what it changed to
 * `case_count_deltas`: the old row's contributions negated, the new row's added. Appending never waits for another
 * writer (no counter row is shared), and a statement-level trigger appends an import's million rows in one INSERT.
 * The worker folds the deltas into the rollup tables every second; reports read the rollups plus whatever deltas
 * are not folded yet, in one snapshot, so they are exact at every moment.
 *
 * What a case contributes (`case_count_contributions`), each on the Europe/Warsaw date it belongs to:
 * - `received` on the date (and UTC hour) of `received_at`, with its status when open (`open`: the backlog);
 * - `resolved_on_time` or `resolved_late` on the date of `resolved_at` (on time: `resolved_at` ≤ `due_at`, or no due);
 * - `overdue` +1 on the date it became overdue (`due_at`, or receipt if later) and −1 on the date it stopped being
 *   open, when that came later: summed over every date up to a month's end, the cases open and overdue then.
 */
export class Reporting1764400000000 implements MigrationInterface {
  name = 'Reporting1764400000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`SET LOCAL lock_timeout = '5s'`);
    const measures = MEASURES.map((measure) => `${measure} integer NOT NULL DEFAULT 0`).join(', ');
    // No key and no index: rows are only appended, then read and deleted all together.
    await db.query(`
      CREATE TABLE case_count_deltas (
        day            date NOT NULL,
        hour           timestamptz,
        channel        text NOT NULL,
        category_code  text NOT NULL,
        unit_code      text,
        open_status    text,
        ${measures},
        open           integer NOT NULL DEFAULT 0
      )`);
    await db.query(`
      CREATE TABLE case_daily_counts (
        day date NOT NULL, channel text NOT NULL, category_code text NOT NULL, unit_code text, ${measures},
        UNIQUE NULLS NOT DISTINCT (day, channel, category_code, unit_code)
      )`);
    // Ten years of days are too many rows to sum in a few milliseconds; ten years of months are not.
    await db.query(`
      CREATE TABLE case_monthly_counts (
        month date NOT NULL CHECK (extract(day FROM month) = 1),
        channel text NOT NULL, category_code text NOT NULL, unit_code text, ${measures},
        UNIQUE NULLS NOT DISTINCT (month, channel, category_code, unit_code)
      )`);
    // Only the finest rows would make a ten-year report sum ~150,000 rows: reports without filters (and SLA) read
    // these instead, the months' totals overall (dimension 'all', key null) and per channel, category or unit.
    await db.query(`
      CREATE TABLE case_monthly_totals (
        month date NOT NULL CHECK (extract(day FROM month) = 1),
        dimension text NOT NULL CHECK (dimension IN ('all', 'channel', 'category', 'unit')),
        key text CHECK (dimension <> 'all' OR key IS NULL),
        ${measures},
        UNIQUE NULLS NOT DISTINCT (dimension, month, key)
      )`);
    // A filter of the finest rows by one dimension, over a range of months.
    for (const column of ['channel', 'category_code', 'unit_code']) {
      await db.query(`CREATE INDEX case_monthly_counts_${column}_idx ON case_monthly_counts (${column}, month)`);
    }
    // By UTC hour: Europe/Warsaw's offsets are whole hours, so each is one local hour, the repeated one in October too.
    await db.query(`
      CREATE TABLE case_hourly_intake (
        hour timestamptz NOT NULL, channel text NOT NULL, received integer NOT NULL,
        PRIMARY KEY (hour, channel)
      )`);
    await db.query(`
      CREATE TABLE case_backlog_counts (
        unit_code text, status text NOT NULL, open integer NOT NULL,
        UNIQUE NULLS NOT DISTINCT (unit_code, status)
      )`);

    // A plain SQL function (no SET clause, one SELECT) that PostgreSQL inlines into the triggers' statements: called
    // as a function per row instead, it cost an import of 128,588 cases 3.6 s of its 11 s; inlined, 0.7 s. It names
    // no table, so a caller's search_path cannot change what it does.
    await db.query(`
      CREATE FUNCTION case_count_contributions(c cases, sign integer) RETURNS SETOF case_count_deltas
      LANGUAGE sql STABLE AS $$
        WITH facts AS (
          SELECT c.${OPEN} AS open,
                 greatest(c.due_at, c.received_at) AS overdue_from,
                 CASE WHEN c.status IN ('resolved', 'closed') THEN coalesce(c.resolved_at, c.closed_at) END AS ended_at
        )
        SELECT (c.received_at AT TIME ZONE ${ZONE})::date, date_trunc('hour', c.received_at, 'UTC'),
               c.channel, c.category_code, c.unit_code, CASE WHEN f.open THEN c.status END,
               sign, 0, 0, 0, CASE WHEN f.open THEN sign ELSE 0 END
          FROM facts f
        UNION ALL
        SELECT (c.resolved_at AT TIME ZONE ${ZONE})::date, NULL, c.channel, c.category_code, c.unit_code, NULL,
               0, CASE WHEN c.resolved_at <= c.due_at OR c.due_at IS NULL THEN sign ELSE 0 END,
               CASE WHEN c.resolved_at > c.due_at THEN sign ELSE 0 END, 0, 0
         WHERE c.resolved_at IS NOT NULL
        UNION ALL
        SELECT (f.overdue_from AT TIME ZONE ${ZONE})::date, NULL, c.channel, c.category_code, c.unit_code, NULL,
               0, 0, 0, sign, 0
          FROM facts f
         WHERE c.due_at IS NOT NULL AND (f.ended_at IS NULL OR f.ended_at > f.overdue_from)
        UNION ALL
        SELECT (f.ended_at AT TIME ZONE ${ZONE})::date, NULL, c.channel, c.category_code, c.unit_code, NULL,
               0, 0, 0, -sign, 0
          FROM facts f
         WHERE c.due_at IS NOT NULL AND f.ended_at > f.overdue_from
      $$`);

    // One trigger per kind of statement (transition tables allow no more), each appending for all its rows at once.
    // Updates that change nothing a report reads (notes' touch, SLA marks, tracking codes) append nothing.
    await db.query(`
      CREATE FUNCTION cases_count_inserted() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
      BEGIN
        INSERT INTO case_count_deltas SELECT d.* FROM inserted c, LATERAL case_count_contributions(c, 1) d;
        RETURN NULL;
      END $$`);
    await db.query(`
      CREATE FUNCTION cases_count_updated() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
      BEGIN
        INSERT INTO case_count_deltas
        SELECT d.*
          FROM before_update o
          JOIN after_update n ON n.id = o.id
         CROSS JOIN LATERAL (
           SELECT * FROM case_count_contributions(o, -1) UNION ALL SELECT * FROM case_count_contributions(n, 1)
         ) d
         WHERE (o.received_at, o.channel, o.category_code, o.unit_code, o.status, o.due_at, o.resolved_at, o.closed_at)
               IS DISTINCT FROM
               (n.received_at, n.channel, n.category_code, n.unit_code, n.status, n.due_at, n.resolved_at, n.closed_at);
        RETURN NULL;
      END $$`);
    await db.query(`
      CREATE FUNCTION cases_count_deleted() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
      BEGIN
        INSERT INTO case_count_deltas SELECT d.* FROM deleted c, LATERAL case_count_contributions(c, -1) d;
        RETURN NULL;
      END $$`);

    // Cases written from here on are counted by the triggers; those before, by the backfill below (folded by the
    // worker like any other deltas). The lock keeps a case write from slipping between the two.
    await db.query(`LOCK TABLE cases IN SHARE ROW EXCLUSIVE MODE`);
    await db.query(`
      CREATE TRIGGER cases_count_inserted AFTER INSERT ON cases REFERENCING NEW TABLE AS inserted
      FOR EACH STATEMENT EXECUTE FUNCTION cases_count_inserted()`);
    await db.query(`
      CREATE TRIGGER cases_count_updated AFTER UPDATE ON cases
      REFERENCING OLD TABLE AS before_update NEW TABLE AS after_update
      FOR EACH STATEMENT EXECUTE FUNCTION cases_count_updated()`);
    await db.query(`
      CREATE TRIGGER cases_count_deleted AFTER DELETE ON cases REFERENCING OLD TABLE AS deleted
      FOR EACH STATEMENT EXECUTE FUNCTION cases_count_deleted()`);
    await db.query(`INSERT INTO case_count_deltas SELECT d.* FROM cases c, LATERAL case_count_contributions(c, 1) d`);

    // The backlog's oldest open case per unit, found without walking a unit's closed history.
    await db.query(`CREATE INDEX cases_unit_open_received_idx ON cases (unit_code, received_at) WHERE ${OPEN}`);
    // A number is its year and sequence, written out (formatCaseNumber): `number`'s unique index already keeps
    // both unique, and a second one cost every intake and import an index insert for nothing.
    await db.query(`ALTER TABLE cases DROP CONSTRAINT cases_year_seq_key`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE cases ADD CONSTRAINT cases_year_seq_key UNIQUE (year, seq)`);
    await db.query(`DROP INDEX cases_unit_open_received_idx`);
    await db.query(`DROP TRIGGER cases_count_deleted ON cases`);
    await db.query(`DROP TRIGGER cases_count_updated ON cases`);
    await db.query(`DROP TRIGGER cases_count_inserted ON cases`);
    await db.query(`DROP FUNCTION cases_count_deleted()`);
    await db.query(`DROP FUNCTION cases_count_updated()`);
    await db.query(`DROP FUNCTION cases_count_inserted()`);
    await db.query(`DROP FUNCTION case_count_contributions(cases, integer)`);
    await db.query(`DROP TABLE case_backlog_counts`);
    await db.query(`DROP TABLE case_hourly_intake`);
    await db.query(`DROP TABLE case_monthly_totals`);
    await db.query(`DROP TABLE case_monthly_counts`);
    await db.query(`DROP TABLE case_daily_counts`);
    await db.query(`DROP TABLE case_count_deltas`);
  }
}
