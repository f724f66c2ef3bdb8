import { Injectable } from '@nestjs/common';
import type { PoolClient } from 'pg';
import { OPEN_CASE } from '@app/cases';
import { BUSINESS_TIME_ZONE, Sql, startOfBusinessDay } from '@app/core';
/** One fold at a time: two could upsert the same rollup rows in different orders and deadlock. */
const FOLD_LOCK = `hashtext('case-count-fold')`;

/** What the rollups measure; summed by every fold and every report. */
const MEASURES = ['received', 'resolved_on_time', 'resolved_late', 'overdue'] as const;

/** A dimension monthly volumes can be grouped or filtered by, and its column. */
export const REPORT_DIMENSIONS = { channel: 'channel', category: 'category_code', unit: 'unit_code' } as const;
export type ReportDimension = keyof typeof REPORT_DIMENSIONS;

export interface VolumeFilter {
  channel?: string;
  categoryCode?: string;
  unitCode?: string;
}

/** The filter naming a value of each dimension. */
const FILTERS: Record<ReportDimension, keyof VolumeFilter> = {
  channel: 'channel',
  category: 'categoryCode',
  unit: 'unitCode',
};

/** The rollup rows a monthly read takes, and the same measures of the deltas not folded yet. */
interface MonthlySource {
  /** Rows of a rollup table: `month`, `key`, measures, over `[$1, $2)`. */
  rollup: string;
  /** The pending deltas as the same columns, over the same days. */
  pending: string;
}

/**
 * Where monthly figures grouped by `groupBy` (none: one total a month) and narrowed by `filters` come from: the
 * months' totals when at most one dimension is involved (120 rows for ten years), else the finest rows narrowed by
 * the filters' indexes. Filter values are `$3`, `$4`, … in the order given.
 */
function monthlySource(filters: ReportDimension[], groupBy?: ReportDimension): MonthlySource {
  const measures = MEASURES.join(', ');
  const involved = [...new Set([...filters, ...(groupBy ? [groupBy] : [])])];
  const keyOf = (dimension?: ReportDimension) => (dimension ? REPORT_DIMENSIONS[dimension] : 'NULL::text');
  const deltaConditions = filters.map((dimension, index) => ` AND ${REPORT_DIMENSIONS[dimension]} = $${index + 3}`);
  const pending = `SELECT date_trunc('month', day)::date AS month, ${keyOf(groupBy)} AS key, ${measures}
      FROM case_count_deltas WHERE day >= $1::date AND day < $2::date${deltaConditions.join('')}`;
  if (involved.length <= 1) {
    const dimension = involved[0] ?? 'all';
    return {
      rollup: `SELECT month, ${groupBy ? 'key' : 'NULL::text AS key'}, ${measures} FROM case_monthly_totals
        WHERE dimension = '${dimension}' AND month >= $1::date AND month < $2::date${filters.length ? ' AND key = $3' : ''}`,
      pending,
    };
  }
  return {
    rollup: `SELECT month, ${keyOf(groupBy)} AS key, ${measures} FROM case_monthly_counts
      WHERE month >= $1::date AND month < $2::date${deltaConditions.join('')}`,
    pending,
  };
}

/**
 * Reports send unnamed statements, planned for the values at hand each time: a prepared statement's generic plan,
 * chosen after five runs, misjudged how many rollup rows a range holds and sorted ten years of them on disk (170 ms
 * instead of 50). Planning costs far less than that.
 *
 * The rollups' SQL: folding the deltas the triggers on `cases` append (migration 1764400000000-reporting), rebuilding
 * from the cases, and the reports' reads. Every read takes the rollup rows plus the deltas not folded yet, in one
 * statement (one snapshot): exact whether or not the worker has folded lately.
 */
@Injectable()
export class ReportingStore {
  constructor(private readonly db: Sql) {}

  /**
   * Folds the pending deltas into the rollups, in one transaction; returns how many delta rows it folded, or null
   * when another fold was under way.
   */
  async fold(): Promise<number | null> {
    return this.db.transaction(async (client) => {
      const [{ locked }] = (
        await client.query<{ locked: boolean }>(`SELECT pg_try_advisory_xact_lock(${FOLD_LOCK}) AS locked`)
      ).rows;
      if (!locked) return null;
      return foldInto(client, `DELETE FROM case_count_deltas RETURNING *`);
    });
  }

  /**
   * Builds the rollups anew from `cases` (after a restore, or to check them): case writes wait meanwhile, reads do
   * not. Returns how many cases were counted.
   */
  async rebuild(): Promise<number> {
    return this.db.transaction(async (client) => {
      await client.query(`LOCK TABLE cases IN SHARE MODE`);
      await client.query(`SELECT pg_advisory_xact_lock(${FOLD_LOCK})`);
      await client.query(
        `DELETE FROM case_count_deltas; DELETE FROM case_daily_counts; DELETE FROM case_monthly_counts;
         DELETE FROM case_monthly_totals; DELETE FROM case_hourly_intake; DELETE FROM case_backlog_counts`,
      );
      await foldInto(client, `SELECT d.* FROM cases c, LATERAL case_count_contributions(c, 1) d`);
      const { rows } = await client.query<{ count: number }>(`SELECT count(*)::int AS count FROM cases`);
      return rows[0].count;
    });
  }

  /** Cases received per month of `[fromDay, beforeDay)` and, with `groupBy`, per value of that dimension (null: none). */
  async receivedByMonth(
    fromDay: string,
    beforeDay: string,
    filter: VolumeFilter,
    groupBy?: ReportDimension,
  ): Promise<{ month: string; key: string | null; total: number }[]> {
    const filters = (Object.keys(FILTERS) as ReportDimension[]).filter((dimension) => filter[FILTERS[dimension]]);
    const source = monthlySource(filters, groupBy);
    return this.db.query(
      `SELECT to_char(month, 'YYYY-MM') AS month, key, sum(received)::int AS total
         FROM (${source.rollup} UNION ALL ${source.pending}) counts
        GROUP BY month, key
       HAVING sum(received) <> 0`,
      [fromDay, beforeDay, ...filters.map((dimension) => filter[FILTERS[dimension]])],
    );
  }

  /**
   * Per month up to `beforeDay` (from the first one counted): cases resolved on time and late, and the change in
   * cases open and overdue (see openOverdueByMonth).
   */
  async slaByMonth(
    beforeDay: string,
  ): Promise<{ month: string; resolved_on_time: number; resolved_late: number; overdue: number }[]> {
    const source = monthlySource([]);
    return this.db.query(
      `SELECT to_char(month, 'YYYY-MM') AS month, sum(resolved_on_time)::int AS resolved_on_time,
              sum(resolved_late)::int AS resolved_late, sum(overdue)::int AS overdue
         FROM (${source.rollup} UNION ALL ${source.pending}) counts
        GROUP BY month
        ORDER BY month`,
      ['-infinity', beforeDay],
    );
  }

  /** Open cases whose due instant is before `at`: the overdue ones, at `now`. */
  async openOverdueAt(at: Date): Promise<number> {
    // The open-case index's predicate and key (migration 1764200000000-routing).
    const [{ count }] = await this.db.query<{ count: number }>(
      `SELECT count(*)::int AS count FROM cases WHERE ${OPEN_CASE} AND coalesce(due_at, 'infinity'::timestamptz) < $1`,
      [at],
    );
    return count;
  }

  /**
   * Every unit of the catalogue and any other unit (null: none yet) with open cases: its open cases per status and
   * its oldest open case (found through the open cases' index, whatever the unit's closed history).
   */
  async backlog(): Promise<{ unit_code: string | null; by_status: Record<string, number>; oldest: Date | null }[]> {
    const oldestOpen = (unitMatch: string) =>
      `(SELECT c.received_at FROM cases c WHERE ${unitMatch} AND c.${OPEN_CASE} ORDER BY c.received_at LIMIT 1)`;
    return this.db.query(
      `WITH counts AS (
         SELECT unit_code, status, sum(open)::int AS open
           FROM (SELECT unit_code, status, open FROM case_backlog_counts
                 UNION ALL
                 SELECT unit_code, open_status, open FROM case_count_deltas WHERE open_status IS NOT NULL) rows
          GROUP BY unit_code, status
         HAVING sum(open) <> 0
       ), shown AS (
         SELECT code AS unit_code FROM units UNION SELECT unit_code FROM counts
       )
       SELECT shown.unit_code, coalesce(counted.by_status, '{}') AS by_status,
              CASE WHEN counted.by_status IS NULL THEN NULL
                   WHEN shown.unit_code IS NULL THEN ${oldestOpen('c.unit_code IS NULL')}
                   ELSE ${oldestOpen('c.unit_code = shown.unit_code')} END AS oldest
         FROM shown
         LEFT JOIN LATERAL (
           SELECT jsonb_object_agg(status, open) AS by_status FROM counts
            WHERE counts.unit_code IS NOT DISTINCT FROM shown.unit_code
         ) counted ON true
        ORDER BY shown.unit_code NULLS LAST`,
      [],
    );
  }

  /** Cases received per UTC hour (one local hour each) of `[from, before)` and channel. */
  async receivedByHour(from: Date, before: Date): Promise<{ hour: Date; channel: string; received: number }[]> {
    return this.db.query(
      `SELECT hour, channel, sum(received)::int AS received
         FROM (SELECT hour, channel, received FROM case_hourly_intake WHERE hour >= $1 AND hour < $2
               UNION ALL
               SELECT hour, channel, received FROM case_count_deltas WHERE hour >= $1 AND hour < $2) rows
        GROUP BY hour, channel
       HAVING sum(received) <> 0`,
      [from, before],
    );
  }

  /** Cases received per Europe/Warsaw date of `[fromDay, beforeDay)` and channel. */
  async receivedByDay(
    fromDay: string,
    beforeDay: string,
  ): Promise<{ day: string; channel: string; received: number }[]> {
    return this.db.query(
      `SELECT to_char(day, 'YYYY-MM-DD') AS day, channel, sum(received)::int AS received
         FROM (SELECT day, channel, received FROM case_daily_counts WHERE day >= $1::date AND day < $2::date
               UNION ALL
               SELECT day, channel, received FROM case_count_deltas WHERE day >= $1::date AND day < $2::date) rows
        GROUP BY day, channel
       HAVING sum(received) <> 0`,
      [fromDay, beforeDay],
    );
  }

  /**
   * Visits by the Europe/Warsaw month of their start in [`fromDate`, `untilDate`), optionally per office or service,
   * counted by what became of them. A booking whose end has passed unchecked counts as a no-show at once, before the
   * worker's sweep marks it.
   */
  async visitsByMonth(fromDate: string, untilDate: string, groupBy?: 'office' | 'service'): Promise<VisitMonthRow[]> {
    const key = groupBy ? `${groupBy}_code` : 'NULL';
    return this.db.query<VisitMonthRow>(
      `SELECT to_char(starts_at AT TIME ZONE '${BUSINESS_TIME_ZONE}', 'YYYY-MM') AS month, ${key} AS key,
              count(*)::int AS booked,
              count(*) FILTER (WHERE status = 'checked_in')::int AS checked_in,
              count(*) FILTER (WHERE status = 'cancelled')::int AS cancelled,
              count(*) FILTER (WHERE status = 'no_show' OR (status = 'booked' AND ends_at <= now()))::int AS no_show
         FROM visits
        WHERE starts_at >= $1 AND starts_at < $2
        GROUP BY 1, 2`,
      [startOfBusinessDay(fromDate), startOfBusinessDay(untilDate)],
    );
  }
}

/**
 * Adds the delta rows `source` yields (a statement returning `case_count_deltas` rows) to the rollups, in one
 * statement. Groups that sum to nothing (a case moved within one) write nothing.
 */
async function foldInto(client: PoolClient, source: string): Promise<number> {
  const sums = MEASURES.map((measure) => `sum(${measure})::int`).join(', ');
  const nonZero = MEASURES.map((measure) => `sum(${measure}) <> 0`).join(' OR ');
  const added = MEASURES.map((measure) => `${measure} = t.${measure} + excluded.${measure}`).join(', ');
  const columns = MEASURES.join(', ');
  const { rows } = await client.query<{ folded: number }>(
    `WITH folded AS (${source}),
     daily AS (
       INSERT INTO case_daily_counts AS t (day, channel, category_code, unit_code, ${columns})
       SELECT day, channel, category_code, unit_code, ${sums} FROM folded
        GROUP BY day, channel, category_code, unit_code HAVING ${nonZero}
       ON CONFLICT (day, channel, category_code, unit_code) DO UPDATE SET ${added}
     ),
     monthly AS (
       INSERT INTO case_monthly_counts AS t (month, channel, category_code, unit_code, ${columns})
       SELECT date_trunc('month', day)::date, channel, category_code, unit_code, ${sums} FROM folded
        GROUP BY date_trunc('month', day), channel, category_code, unit_code HAVING ${nonZero}
       ON CONFLICT (month, channel, category_code, unit_code) DO UPDATE SET ${added}
     ),
     totals AS (
       INSERT INTO case_monthly_totals AS t (month, dimension, key, ${columns})
       SELECT month,
              CASE WHEN GROUPING(channel) = 0 THEN 'channel' WHEN GROUPING(category_code) = 0 THEN 'category'
                   WHEN GROUPING(unit_code) = 0 THEN 'unit' ELSE 'all' END,
              CASE WHEN GROUPING(channel) = 0 THEN channel WHEN GROUPING(category_code) = 0 THEN category_code
                   WHEN GROUPING(unit_code) = 0 THEN unit_code END,
              ${sums}
         FROM (SELECT date_trunc('month', day)::date AS month, * FROM folded) by_month
        GROUP BY GROUPING SETS ((month), (month, channel), (month, category_code), (month, unit_code))
       HAVING ${nonZero}
       ON CONFLICT (dimension, month, key) DO UPDATE SET ${added}
     ),
     hourly AS (
       INSERT INTO case_hourly_intake AS t (hour, channel, received)
       SELECT hour, channel, sum(received)::int FROM folded WHERE hour IS NOT NULL
        GROUP BY hour, channel HAVING sum(received) <> 0
       ON CONFLICT (hour, channel) DO UPDATE SET received = t.received + excluded.received
     ),
     backlog AS (
       INSERT INTO case_backlog_counts AS t (unit_code, status, open)
       SELECT unit_code, open_status, sum(open)::int FROM folded WHERE open_status IS NOT NULL
        GROUP BY unit_code, open_status HAVING sum(open) <> 0
       ON CONFLICT (unit_code, status) DO UPDATE SET open = t.open + excluded.open
     )
     SELECT count(*)::int AS folded FROM folded`,
  );
  return rows[0].folded;
}

export interface VisitMonthRow {
  month: string;
  key: string | null;
  booked: number;
  checked_in: number;
  cancelled: number;
  no_show: number;
}
