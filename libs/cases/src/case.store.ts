import { Injectable } from '@nestjs/common';
import type { PoolClient } from 'pg';
import { pgConstraint, Sql } from '@app/core';
import { OutboxMessage, outboxParameter, queueInOutbox } from '@app/outbox';
import { CaseEventDraft, CaseState, Channel, Decision, PRIORITIES, Priority } from './domain/case';
import { CaseStatus, OPEN_STATUSES, SLA_CLOCK_STATUSES } from './domain/case-status';
import { buildSearchText } from './domain/search-text';
import type { CaseFilter } from './use-cases/case-filter';

/** A row of `cases` joined with the assignee's username, as every read selects it. */
interface CaseRow {
  id: string;
  number: string;
  year: number;
  seq: string;
  status: CaseStatus;
  channel: Channel;
  category_code: string;
  unit_code: string | null;
  assignee_id: string | null;
  assignee: string | null;
  priority: CaseState['priority'];
  subject: string;
  description: string | null;
  resident_name: string | null;
  resident_phone: string | null;
  resident_email: string | null;
  location_address: string | null;
  location_district: string | null;
  location_lat: number | null;
  location_lon: number | null;
  resolution: string | null;
  attributes: CaseState['attributes'];
  media_url: string | null;
  received_at: Date;
  created_at: Date;
  updated_at: Date;
  due_date: string | null;
  due_at: Date | null;
  waiting_since: Date | null;
  resolved_at: Date | null;
  closed_at: Date | null;
  sla_warned_for: Date | null;
  sla_breached_for: Date | null;
  version: number;
}

const CASE_SELECT = `
  SELECT c.id, c.number, c.year, c.seq, c.status, c.channel, c.category_code, c.unit_code, c.assignee_id,
         a.username AS assignee, c.priority, c.subject, c.description,
         c.resident_name, c.resident_phone, c.resident_email,
         c.location_address, c.location_district, c.location_lat, c.location_lon, c.resolution,
         c.attributes, c.media_url, c.received_at, c.created_at, c.updated_at, c.due_date, c.due_at, c.waiting_since, c.resolved_at, c.closed_at,
         c.sla_warned_for, c.sla_breached_for, c.version
    FROM cases c
    LEFT JOIN users a ON a.id = c.assignee_id`;

/** The partial indexes' predicate and keys (migration 1764200000000-routing): keep these exactly as written there. */
export const OPEN_CASE = `status IN (${sqlWords(OPEN_STATUSES)})`;
const DUE_KEY = `coalesce(c.due_at, 'infinity'::timestamptz)`;
const CLOCK_RUNNING = `status IN (${sqlWords(SLA_CLOCK_STATUSES)})`;
const PRIORITY_RANK = `(CASE c.priority WHEN 'urgent' THEN 0 WHEN 'high' THEN 1 WHEN 'normal' THEN 2 ELSE 3 END)`;

/** The rank PRIORITY_RANK gives a priority: most urgent first (PRIORITIES runs from least to most urgent). */
export function priorityRank(priority: Priority): number {
  return PRIORITIES.length - 1 - PRIORITIES.indexOf(priority);
}

/** Restricts reads to one unit (for `unit_staff`); null reads every unit. */
export type UnitScope = string | null;

/** Whose cases a list shows: one member of staff's (by id or username), or nobody's (the unit's queue). */
export type AssigneeFilter = { id: string } | { username: string } | 'none';

/** Open cases against their deadline at `now` (see slaBoundaries for the exact intervals). */
export interface SlaFilter {
  state: 'overdue' | 'due_soon' | 'on_time';
  now: Date;
  dueSoonBefore: Date;
}

/** Where a page starts: after the last row of the previous one, in the list's order. */
export type ListPosition =
  | { sort: 'received'; receivedAt: string; id: string }
  | { sort: 'due'; dueKey: string; priorityRank: number; id: string };

export interface CaseListQuery extends CaseFilter {
  /** Substrings to look for in the folded search text; a case matches when any of them is found. */
  searchPatterns?: string[];
  assignee?: AssigneeFilter;
  sla?: SlaFilter;
  /** `received`: newest first. `due`: open cases, soonest deadline first, then the most urgent. */
  sort: 'received' | 'due';
  after?: ListPosition;
  limit: number;
  scope: UnitScope;
}

export interface EventRow {
  id: number;
  type: string;
  at: Date;
  actor: string;
  data: Record<string, unknown>;
}

/** A response to keep under an idempotency key, written in the same statement as the case. */
export interface IdempotencyRecord {
  scope: string;
  key: string;
  requestHash: string;
  statusCode: number;
  /** The response, encrypted ({@link sealResponse}): it holds the tracking code and the resident's details. */
  sealedResponse: Buffer;
}

/** Whom a write left the case with. */
export interface Assignee {
  assigneeId: string | null;
  assignee: string | null;
}

/** Thrown by {@link CaseStore.insert} when another request stored the same idempotency key first. */
export class IdempotencyKeyTaken extends Error {}

/**
 * The one unit of work for cases: every change is a single SQL statement that writes the case row and appends its
 * events (and, at intake, the idempotency record) atomically, guarded by the row version.
 */
@Injectable()
export class CaseStore {
  constructor(private readonly db: Sql) {}

  /**
   * The next number of the year, from its counter row (created by the first case of a year: a plain row update, so
   * the api needs no DDL rights for any year), and — for a case going to `unitCode` — the member of the unit's staff
   * it will go to: the available one with the fewest open cases, then the longest without a new one. The case is
   * counted in their load at once, so that the next intake into the unit sees it. One short statement
   * (`take_case_number`): the unit's lock and the counter row are held for it only, not for the intake that follows.
   * The reservation is recorded under `caseId` until the case's insert settles it; a failed intake leaves a gap in
   * the numbers (never reused) and must release its reservation ({@link releaseAssignee}), and the worker sweeps
   * what a crash left ({@link sweepStaleReservations}).
   *
   * It commits without waiting for the disk: both locks would otherwise be held through a flush, and the counter's
   * serialises every intake. That is safe because the case's own commit, synchronous, comes later and flushes the
   * write-ahead log up to this one: a stored case's number and reservation are as durable as the case, and what a
   * crash could lose belonged to a case never stored, whose number nobody was shown.
   */
  async takeNumber(
    year: number,
    unitCode: string | null,
    caseId: string,
  ): Promise<{ sequence: number; assignee: { id: string; username: string } | null }> {
    const [row] = await this.db.query<{ seq: string; assignee_id: string | null; assignee: string | null }>(
      `SELECT taken.seq, taken.assignee_id, u.username AS assignee, set_config('synchronous_commit', 'off', true)
         FROM take_case_number($1::smallint, $2::text, $3::uuid) AS taken
         LEFT JOIN users u ON u.id = taken.assignee_id`,
      [year, unitCode, caseId],
      'case-take-number',
    );
    const assignee = row.assignee_id && row.assignee ? { id: row.assignee_id, username: row.assignee } : null;
    return { sequence: Number(row.seq), assignee };
  }

  /**
   * Takes back the reservation of a case that was not written — and only then: after a lost connection the case may
   * have been stored after all, and its count must stay.
   */
  async releaseAssignee(caseId: string): Promise<void> {
    await this.db.query(
      `WITH released AS (
         DELETE FROM assignment_reservations r
          WHERE r.case_id = $1 AND NOT EXISTS (SELECT 1 FROM cases c WHERE c.id = r.case_id)
         RETURNING r.user_id
       )
       UPDATE users u SET open_cases = greatest(u.open_cases - 1, 0) FROM released WHERE u.id = released.user_id`,
      [caseId],
      'case-release-assignee',
    );
  }

  /**
   * Takes back reservations older than `olderThan` whose case was never written (the api died between its two
   * statements, or could not release): each member's load loses what it never got. Returns how many.
   */
  async sweepStaleReservations(olderThan: Date): Promise<number> {
    const [{ swept }] = await this.db.query<{ swept: number }>(
      `WITH stale AS (
         DELETE FROM assignment_reservations r
          WHERE r.reserved_at < $1 AND NOT EXISTS (SELECT 1 FROM cases c WHERE c.id = r.case_id)
         RETURNING r.user_id
       ), taken_back AS (
         UPDATE users u SET open_cases = greatest(u.open_cases - stale_by_user.count, 0)
           FROM (SELECT user_id, count(*)::int AS count FROM stale GROUP BY user_id) AS stale_by_user
          WHERE u.id = stale_by_user.user_id
       )
       SELECT count(*)::int AS swept FROM stale`,
      [olderThan],
      'case-sweep-reservations',
    );
    return swept;
  }

  /** Writes a new case with its events, the work it queues (and the idempotency record) in one statement. */
  async insert(
    decision: Pick<Decision, 'state' | 'events' | 'outbox'>,
    trackingCodeHash: string,
    actor: string,
    idempotency?: IdempotencyRecord,
  ): Promise<void> {
    const { state, events } = decision;
    const params: unknown[] = [
      state.id,
      state.number,
      state.year,
      state.sequence,
      state.receivedAt,
      state.createdAt,
      trackingCodeHash,
      ...mutableValues(state),
      JSON.stringify(events),
      actor,
    ];
    const idempotencyInsert = idempotency
      ? `, kept AS (
           INSERT INTO idempotency_keys (scope, key, request_hash, status_code, sealed_response)
           SELECT $${params.push(idempotency.scope)}, $${params.push(idempotency.key)},
                  $${params.push(idempotency.requestHash)}, $${params.push(idempotency.statusCode)},
                  $${params.push(idempotency.sealedResponse)}
             FROM written)`
      : '';
    // The assignee's reservation is settled by the case itself: from here on the case counts in their load.
    const settled = state.assigneeId
      ? `, settled AS (DELETE FROM assignment_reservations WHERE case_id = (SELECT id FROM written))`
      : '';
    const queued = decision.outbox?.length
      ? `, ${queueInOutbox(params.push(outboxParameter(decision.outbox)), 'written')}`
      : '';
    try {
      await this.db.query(
        `WITH written AS (
           INSERT INTO cases (id, number, year, seq, received_at, created_at, tracking_code_hash, ${MUTABLE_COLUMN_NAMES})
           VALUES ($1, $2, $3, $4, $5, $6, $7, ${placeholders(8, MUTABLE_COLUMN_COUNT)})
           RETURNING id, updated_at
         ), ${appendEvents(8 + MUTABLE_COLUMN_COUNT, 'written')}${idempotencyInsert}${settled}${queued}
         SELECT id FROM written`,
        params,
        ['case-insert', state.assigneeId && 'assigned', idempotency && 'idempotent', queued && 'queued']
          .filter(Boolean)
          .join('-'),
      );
    } catch (error) {
      if (idempotency && pgConstraint(error) === 'idempotency_keys_pkey') throw new IdempotencyKeyTaken();
      throw error;
    }
  }

  /**
   * Writes the decided state if the row still has `expectedVersion`, appending the events in the same statement
   * (and picking the assignee, with `assignInUnit`). Returns the assignee, or null (having written nothing) when
   * someone changed the case first.
   */
  async save(decision: Decision, expectedVersion: number, actor: string): Promise<Assignee | null> {
    const { state, events } = decision;
    const params: unknown[] = [state.id, expectedVersion, ...mutableValues(state), JSON.stringify(events), actor];
    const mutable = mutableExpressions(3, decision, params);
    const assignments = MUTABLE_COLUMNS.map(([column], index) => `${column} = ${mutable.values[index]}`).join(', ');
    const queued = decision.outbox?.length
      ? `, ${queueInOutbox(params.push(outboxParameter(decision.outbox)), 'written')}`
      : '';
    // A data-modifying CTE runs whether or not the final SELECT reads it: the events go in with the row.
    const rows = await this.db.query<{ assignee_id: string | null; assignee: string | null }>(
      `WITH ${mutable.picked}written AS (
         UPDATE cases SET ${assignments}
          WHERE id = $1 AND version = $2
         RETURNING id, updated_at, assignee_id
       ), ${OUTCOME}, ${appendEvents(3 + MUTABLE_COLUMN_COUNT)}${queued}
       SELECT assignee_id, assignee FROM outcome`,
      params,
      ['case-save', decision.assignInUnit && 'assign', queued && 'queued'].filter(Boolean).join('-'),
    );
    return rows.length === 1 ? { assigneeId: rows[0].assignee_id, assignee: rows[0].assignee } : null;
  }

  /**
   * Appends events to a case without changing the case itself (so without a version check: a note never fails
   * because of a concurrent edit). Returns the ids of the events, or null when no such case is in scope.
   */
  async appendToCase(
    number: string,
    scope: UnitScope,
    events: CaseEventDraft[],
    actor: string,
    at: Date,
  ): Promise<number[] | null> {
    return this.writeWithEvents({
      written: `SELECT id, $3::timestamptz AS updated_at FROM cases WHERE number = $1 AND ($2::text IS NULL OR unit_code = $2)`,
      params: [number, scope, at],
      events,
      actor,
      preparedName: 'case-append',
    });
  }

  /**
   * Replaces the hash of the case's tracking code (the old code stops working) and records it, in one statement.
   * The version stays: the code is no part of the case as staff see it. Returns the event ids, or null (no case).
   */
  async replaceTrackingCode(
    number: string,
    scope: UnitScope,
    trackingCodeHash: string,
    events: CaseEventDraft[],
    actor: string,
    at: Date,
  ): Promise<number[] | null> {
    return this.writeWithEvents({
      written: `UPDATE cases SET tracking_code_hash = $4
                 WHERE number = $1 AND ($2::text IS NULL OR unit_code = $2)
                RETURNING id, $3::timestamptz AS updated_at`,
      params: [number, scope, at, trackingCodeHash],
      events,
      actor,
      preparedName: 'case-replace-tracking-code',
    });
  }

  /**
   * One statement: `written` (a query over `params` returning the case's `id`, the events' instant as `updated_at`,
   * and optionally `event_data`, merged into every event's data), then the events appended to that case and
   * `outbox` queued — nothing when `written` found no row. Other features' writes that belong in a case's history
   * (follow-ups) come through here, so that every case event is written the same way. Returns the ids of the events,
   * or null when `written` found no case.
   */
  async writeWithEvents(write: {
    written: string;
    params: unknown[];
    events: CaseEventDraft[];
    actor: string;
    preparedName: string;
    outbox?: readonly OutboxMessage[];
    /** Further CTEs, after `written`. */
    also?: string;
    /** A transaction's connection to write on (another feature's write that the case's history joins). */
    client?: PoolClient;
  }): Promise<number[] | null> {
    const params = [...write.params, JSON.stringify(write.events), write.actor];
    const queued = write.outbox?.length
      ? `, ${queueInOutbox(params.push(outboxParameter(write.outbox)), 'written')}`
      : '';
    const text = `WITH written AS (${write.written})${write.also ? `, ${write.also}` : ''},
            ${appendEvents(write.params.length + 1, 'written')}${queued}
       SELECT (SELECT array_agg(id ORDER BY id) FROM appended) AS event_ids FROM written`;
    // One name, one text: queuing work changes the statement.
    const name = queued ? `${write.preparedName}-queued` : write.preparedName;
    const rows = write.client
      ? (await write.client.query<{ event_ids: string[] | null }>({ text, values: params, name })).rows
      : await this.db.query<{ event_ids: string[] | null }>(text, params, name);
    return rows.length === 1 ? (rows[0].event_ids ?? []).map(Number) : null;
  }

  /**
   * Open cases (not waiting) whose SLA timers should have run by `lateNow` with nothing recorded: overdue by then but
   * not breached for their deadline; due soon by then (due in [`now`, `dueSoonBefore`)) but not warned of — and last
   * changed before `lateNow`, so that the timers that change planned have had their time too. Oldest deadlines
   * first, at most `limit` of each. Written with the open-case index's predicate and key.
   */
  async timersLeftBehind(
    at: { now: Date; lateNow: Date; dueSoonBefore: Date },
    limit: number,
  ): Promise<{ breach: string[]; warning: string[] }> {
    const [breach, warning] = await Promise.all([
      this.db.query<{ id: string }>(
        `SELECT c.id FROM cases c
          WHERE c.${OPEN_CASE} AND c.${CLOCK_RUNNING} AND ${DUE_KEY} < $1
            AND c.sla_breached_for IS DISTINCT FROM c.due_at AND c.updated_at < $1
          ORDER BY ${DUE_KEY}, ${PRIORITY_RANK}, c.id
          LIMIT $2`,
        [at.lateNow, limit],
        'case-unbreached',
      ),
      this.db.query<{ id: string }>(
        `SELECT c.id FROM cases c
          WHERE c.${OPEN_CASE} AND c.${CLOCK_RUNNING} AND ${DUE_KEY} >= $1 AND ${DUE_KEY} < $2
            AND c.sla_warned_for IS DISTINCT FROM c.due_at AND c.updated_at < $3
          ORDER BY ${DUE_KEY}, ${PRIORITY_RANK}, c.id
          LIMIT $4`,
        [at.now, at.dueSoonBefore, at.lateNow, limit],
        'case-unwarned',
      ),
    ]);
    return { breach: breach.map((row) => row.id), warning: warning.map((row) => row.id) };
  }

  /**
   * Records the SLA warning for `dueAt` with its event, in one conditional statement: only while the case is still
   * due then (to the millisecond, as JavaScript reads it), its clock running (open, not waiting) and not yet warned
   * of it. The version stays (see decideSlaWarning). `sla_warned_for` is written here only — never by {@link save}, whose stale copy could undo it.
   */
  async recordSlaWarning(caseId: string, dueAt: Date, event: CaseEventDraft, actor: string): Promise<boolean> {
    const eventIds = await this.writeWithEvents({
      written: `UPDATE cases SET sla_warned_for = due_at
                 WHERE id = $1 AND date_trunc('milliseconds', due_at) = $2
                   AND sla_warned_for IS DISTINCT FROM due_at AND ${CLOCK_RUNNING}
                RETURNING id, updated_at`,
      params: [caseId, dueAt],
      events: [event],
      actor,
      preparedName: 'case-record-sla-warning',
    });
    return eventIds !== null;
  }

  async findById(id: string): Promise<CaseState | null> {
    const rows = await this.db.query<CaseRow>(`${CASE_SELECT} WHERE c.id = $1`, [id], 'case-by-id');
    return rows.length ? toCaseState(rows[0]) : null;
  }

  async findByNumber(number: string, scope: UnitScope): Promise<CaseState | null> {
    const rows = await this.db.query<CaseRow>(
      `${CASE_SELECT} WHERE c.number = $1 AND ($2::text IS NULL OR c.unit_code = $2)`,
      [number, scope],
      'case-by-number',
    );
    return rows.length ? toCaseState(rows[0]) : null;
  }

  /**
   * A page of cases in the list's order, keyset-paginated on an indexed key so that a cursor stays valid while
   * cases are added: (received_at, id) newest first, or (due instant, priority rank, id) for `sort=due`.
   */
  async list(query: CaseListQuery): Promise<CaseState[]> {
    const params: unknown[] = [];
    const where: string[] = [];
    const param = (value: unknown) => `$${params.push(value)}`;
    if (query.scope) where.push(`c.unit_code = ${param(query.scope)}`);
    if (query.statuses?.length) where.push(`c.status = ANY(${param(query.statuses)}::text[])`);
    if (query.unitCode) where.push(`c.unit_code = ${param(query.unitCode)}`);
    if (query.categoryCode) where.push(`c.category_code = ${param(query.categoryCode)}`);
    if (query.channel) where.push(`c.channel = ${param(query.channel)}`);
    if (query.receivedFrom) where.push(`c.received_at >= ${param(query.receivedFrom)}`);
    if (query.receivedBefore) where.push(`c.received_at < ${param(query.receivedBefore)}`);
    if (query.searchPatterns?.length) {
      const likes = query.searchPatterns.map((pattern) => `c.search_text LIKE ${param(`%${escapeLike(pattern)}%`)}`);
      where.push(`(${likes.join(' OR ')})`);
    }
    if (query.assignee === 'none') where.push(`c.assignee_id IS NULL`);
    else if (query.assignee && 'id' in query.assignee) where.push(`c.assignee_id = ${param(query.assignee.id)}::uuid`);
    else if (query.assignee) {
      where.push(
        `c.assignee_id = (SELECT id FROM users WHERE lower(username) = lower(${param(query.assignee.username)}))`,
      );
    }
    // Written as the partial indexes' own predicate and key, so that they serve the SLA filter and the inbox order.
    if (query.sla || query.sort === 'due') where.push(`c.${OPEN_CASE}`);
    if (query.sla) {
      const { state, now, dueSoonBefore } = query.sla;
      if (state === 'overdue') where.push(`${DUE_KEY} < ${param(now)}`);
      if (state === 'due_soon') where.push(`${DUE_KEY} >= ${param(now)} AND ${DUE_KEY} < ${param(dueSoonBefore)}`);
      if (state === 'on_time') where.push(`${DUE_KEY} >= ${param(dueSoonBefore)} AND c.due_at IS NOT NULL`);
    }
    const after = query.after;
    if (after?.sort === 'received') {
      where.push(`(c.received_at, c.id) < (${param(after.receivedAt)}::timestamptz, ${param(after.id)}::uuid)`);
    } else if (after?.sort === 'due') {
      where.push(
        `(${DUE_KEY}, ${PRIORITY_RANK}, c.id) > ` +
          `(${param(after.dueKey)}::timestamptz, ${param(after.priorityRank)}::int, ${param(after.id)}::uuid)`,
      );
    }
    const order = query.sort === 'due' ? `${DUE_KEY}, ${PRIORITY_RANK}, c.id` : `c.received_at DESC, c.id DESC`;
    const rows = await this.db.query<CaseRow>(
      `${CASE_SELECT}
       ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY ${order}
       LIMIT ${param(query.limit + 1)}`,
      params,
    );
    return rows.map(toCaseState);
  }

  async history(caseId: string): Promise<EventRow[]> {
    const rows = await this.db.query<EventRow & { id: string }>(
      `SELECT id, type, at, actor, data FROM case_events WHERE case_id = $1 ORDER BY id`,
      [caseId],
      'case-history',
    );
    return rows.map((row) => ({ ...row, id: Number(row.id) }));
  }
}

/** Columns a decision may change, each with where its value comes from. */
const MUTABLE_COLUMNS: readonly (readonly [column: string, value: (state: CaseState) => unknown])[] = [
  ['status', (state) => state.status],
  ['channel', (state) => state.channel],
  ['category_code', (state) => state.categoryCode],
  ['unit_code', (state) => state.unitCode],
  ['assignee_id', (state) => state.assigneeId],
  ['priority', (state) => state.priority],
  ['subject', (state) => state.subject],
  ['description', (state) => state.description],
  ['resident_name', (state) => state.resident?.name ?? null],
  ['resident_phone', (state) => state.resident?.phone ?? null],
  ['resident_email', (state) => state.resident?.email ?? null],
  ['location_address', (state) => state.location?.address ?? null],
  ['location_district', (state) => state.location?.district ?? null],
  ['location_lat', (state) => state.location?.lat ?? null],
  ['location_lon', (state) => state.location?.lon ?? null],
  ['resolution', (state) => state.resolution],
  ['attributes', (state) => state.attributes],
  ['media_url', (state) => state.mediaUrl],
  ['updated_at', (state) => state.updatedAt],
  ['due_date', (state) => state.dueDate],
  ['due_at', (state) => state.dueAt],
  ['waiting_since', (state) => state.waitingSince],
  ['resolved_at', (state) => state.resolvedAt],
  ['closed_at', (state) => state.closedAt],
  ['sla_breached_for', (state) => state.slaBreachedFor],
  ['version', (state) => state.version],
  ['search_text', buildSearchText],
];
const MUTABLE_COLUMN_NAMES = MUTABLE_COLUMNS.map(([column]) => column).join(', ');
const MUTABLE_COLUMN_COUNT = MUTABLE_COLUMNS.length;

function mutableValues(state: CaseState): unknown[] {
  return MUTABLE_COLUMNS.map(([, value]) => value(state));
}

const ASSIGNEE_INDEX = MUTABLE_COLUMNS.findIndex(([column]) => column === 'assignee_id');
const UNIT_INDEX = MUTABLE_COLUMNS.findIndex(([column]) => column === 'unit_code');

/**
 * The SQL values of the mutable columns, their parameters from `$first` on. To assign in the unit, the assignee
 * comes from `picked`, a CTE calling pick_unit_assignee (which locks the unit until the transaction ends, so the
 * next assignment there sees this one's load).
 */
function mutableExpressions(
  first: number,
  decision: Decision,
  params: unknown[],
): { picked: string; values: string[] } {
  const values = MUTABLE_COLUMNS.map((_, index) => `$${first + index}`);
  if (!decision.assignInUnit) return { picked: '', values };
  values[ASSIGNEE_INDEX] = `coalesce(${values[ASSIGNEE_INDEX]}::uuid, (SELECT id FROM picked))`;
  const except = `$${params.push(decision.assignExcept ?? null)}::uuid`;
  return { picked: `picked AS (SELECT pick_unit_assignee(${values[UNIT_INDEX]}::text, ${except}) AS id), `, values };
}

function placeholders(first: number, count: number): string {
  return Array.from({ length: count }, (_, index) => `$${first + index}`).join(', ');
}

/** CTE `outcome`: the case `written` returned, with its assignee's username. */
const OUTCOME = `outcome AS (
    SELECT written.id, written.updated_at, written.assignee_id, a.username AS assignee
      FROM written LEFT JOIN users a ON a.id = written.assignee_id)`;

/**
 * CTE appending the events (a JSON array at `$first`, actor at `$first+1`) to the case `written` returned, each at
 * its own `at` or else the case's `updated_at`. From `outcome`, a `routed` or `assignee_changed` event that does not
 * name the assignee yet records whom the case went to; from `written`, its `event_data` (if any) joins each event's.
 */
function appendEvents(first: number, source: 'outcome' | 'written' = 'outcome'): string {
  const data =
    source === 'outcome'
      ? `CASE WHEN event.value ->> 'type' IN ('routed', 'assignee_changed') AND NOT (event.value -> 'data') ? 'assignee'
              THEN (event.value -> 'data') || jsonb_build_object('assignee', outcome.assignee)
              ELSE event.value -> 'data' END`
      : `(event.value -> 'data') || coalesce(to_jsonb(written) -> 'event_data', '{}'::jsonb)`;
  return `appended AS (
    INSERT INTO case_events (case_id, type, at, actor, data)
    SELECT ${source}.id, event.value ->> 'type', coalesce((event.value ->> 'at')::timestamptz, ${source}.updated_at),
           $${first + 1}, ${data}
      FROM ${source}, jsonb_array_elements($${first}::jsonb) WITH ORDINALITY AS event(value, position)
     ORDER BY event.position
    RETURNING id)`;
}

/** A list of the vocabulary's words as SQL literals (they are ours, never a client's). */
function sqlWords(words: readonly string[]): string {
  return words.map((word) => `'${word}'`).join(', ');
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (character) => `\\${character}`);
}

function toCaseState(row: CaseRow): CaseState {
  const hasResident = row.resident_name !== null || row.resident_phone !== null || row.resident_email !== null;
  const hasLocation =
    row.location_address !== null ||
    row.location_district !== null ||
    row.location_lat !== null ||
    row.location_lon !== null;
  return {
    id: row.id,
    number: row.number,
    year: row.year,
    sequence: Number(row.seq),
    status: row.status,
    channel: row.channel,
    categoryCode: row.category_code,
    unitCode: row.unit_code,
    assigneeId: row.assignee_id,
    assignee: row.assignee,
    priority: row.priority,
    subject: row.subject,
    description: row.description,
    resident: hasResident ? { name: row.resident_name, phone: row.resident_phone, email: row.resident_email } : null,
    location: hasLocation
      ? { address: row.location_address, district: row.location_district, lat: row.location_lat, lon: row.location_lon }
      : null,
    resolution: row.resolution,
    attributes: row.attributes,
    mediaUrl: row.media_url,
    receivedAt: row.received_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    dueDate: row.due_date,
    dueAt: row.due_at,
    waitingSince: row.waiting_since,
    resolvedAt: row.resolved_at,
    closedAt: row.closed_at,
    slaWarnedFor: row.sla_warned_for,
    slaBreachedFor: row.sla_breached_for,
    version: row.version,
  };
}
