import { Injectable } from '@nestjs/common';
import type { PoolClient } from 'pg';
import {
  businessDateOf,
  conflict,
  PG_DEADLOCK_DETECTED,
  PG_EXCLUSION_VIOLATION,
  pgErrorCode,
  QueueName,
  Sql,
} from '@app/core';
import { CaseEventDraft, CaseStore } from '@app/cases';
import { OutboxMessage, outboxParameter, queueInOutbox } from '@app/outbox';
import { MAX_FUTURE_BOOKINGS_PER_RESIDENT, Visit, VisitStatus } from './domain/visit';

/** A booking as the service decided it; the desk is chosen by the statement that books it. */
export interface VisitDraft {
  id: string;
  codeHash: string;
  officeCode: string;
  serviceCode: string;
  start: Date;
  end: Date;
  resident: { name: string; phone: string | null; email: string | null };
  phoneKey: string | null;
  emailKey: string | null;
  caseId: string | null;
  bookedBy: string;
  createdAt: Date;
}

export type BookingOutcome = { booked: true; desk: number } | { booked: false; reason: 'full' | 'cap_reached' };

/** A visit with the names the public and the office's list show. */
export interface ListedVisit extends Visit {
  /** The unit of the visit's case, if any: a unit member sees the case's number only for their own unit. */
  caseUnitCode: string | null;
  officeName: string;
  officeAddress: string;
  serviceName: string;
}

/** A status change of a booked visit, with its history and the case's. */
export interface VisitChange {
  id: string;
  to: Extract<VisitStatus, 'cancelled' | 'checked_in'>;
  at: Date;
  actor: string;
  caseEvent: CaseEventDraft;
}

interface VisitRow {
  id: string;
  office_code: string;
  office_name: string;
  office_address: string;
  service_code: string;
  service_name: string;
  desk: number;
  starts_at: Date;
  ends_at: Date;
  status: VisitStatus;
  resident_name: string;
  resident_phone: string | null;
  resident_email: string | null;
  case_id: string | null;
  case_number: string | null;
  case_unit_code: string | null;
  booked_by: string;
  created_at: Date;
  checked_in_at: Date | null;
  cancelled_at: Date | null;
}

const VISIT_SELECT = `SELECT v.id, v.office_code, o.name AS office_name, o.address AS office_address, v.service_code,
       s.name AS service_name, v.desk, v.starts_at, v.ends_at, v.status, v.resident_name, v.resident_phone,
       v.resident_email, v.case_id, c.number AS case_number, c.unit_code AS case_unit_code, v.booked_by, v.created_at,
       v.checked_in_at, v.cancelled_at
  FROM visits v
  JOIN offices o ON o.code = v.office_code
  JOIN visit_services s ON s.code = v.service_code
  LEFT JOIN cases c ON c.id = v.case_id`;

/** Deadlocks between racing bookings tried again before giving up (each lets the other booking through). */
const MAX_DEADLOCK_RETRIES = 10;

/** Visits that hold their desk: the exclusion constraint's own predicate, so its index serves these reads. */
const HOLDS_DESK = `status IN ('booked', 'checked_in')`;

/** The column each status change stamps. */
const STAMPED: Record<VisitChange['to'], { column: string; condition: string }> = {
  // Before the visit starts.
  cancelled: { column: 'cancelled_at', condition: 'starts_at > $2' },
  // Until its end.
  checked_in: { column: 'checked_in_at', condition: 'ends_at > $2' },
};

/**
 * Visits in PostgreSQL. A booking is one transaction: the resident's cap checked under a lock of their phone and
 * e-mail, then, under a lock of the office's day, one statement that picks a free desk, inserts the visit, its
 * history and its reminder (outbox), and the case's event when it names one. The exclusion constraint is the
 * guarantee whatever writes: a desk taken meanwhile is refused, and the booking picks again among those still free.
 */
@Injectable()
export class VisitsStore {
  constructor(
    private readonly db: Sql,
    private readonly cases: CaseStore,
  ) {}

  /**
   * Books a desk for the visit, if one of the office's `desks` is free for its whole time and the resident holds
   * fewer than the cap of future bookings. Every race lost at the exclusion constraint leaves one desk fewer, so
   * `desks` + 1 attempts settle it. Two bookings inserting the same desk at once may also meet in a deadlock (each
   * waits to see whether the other's row commits): PostgreSQL rolls one back, and it is tried again.
   */
  async book(
    draft: VisitDraft,
    desks: number,
    reminder: OutboxMessage | null,
    caseEvent: CaseEventDraft | null,
  ): Promise<BookingOutcome> {
    let racesLost = 0;
    let deadlocks = 0;
    for (;;) {
      try {
        return await this.db.transaction((client) => this.bookOnce(client, draft, desks, reminder, caseEvent));
      } catch (error) {
        const code = pgErrorCode(error);
        if (code === PG_EXCLUSION_VIOLATION && ++racesLost <= desks) continue;
        if (code === PG_EXCLUSION_VIOLATION) return { booked: false, reason: 'full' };
        if (code !== PG_DEADLOCK_DETECTED) throw error;
        if (++deadlocks > MAX_DEADLOCK_RETRIES) {
          throw conflict('booking_contended', 'Too many bookings of this slot at once; try again.');
        }
      }
    }
  }

  private async bookOnce(
    client: PoolClient,
    draft: VisitDraft,
    desks: number,
    reminder: OutboxMessage | null,
    caseEvent: CaseEventDraft | null,
  ): Promise<BookingOutcome> {
    // Bookings for the same phone or e-mail queue up here, so two at once cannot both pass the cap.
    const keys = [draft.phoneKey && `phone:${draft.phoneKey}`, draft.emailKey && `email:${draft.emailKey}`]
      .filter((key): key is string => Boolean(key))
      .sort();
    for (const key of keys) {
      await client.query({
        text: `SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`,
        values: [`visit-resident:${key}`],
        name: 'visit-resident-lock',
      });
    }
    const held = await client.query<{ count: number }>({
      text: `SELECT count(*)::int AS count FROM visits
              WHERE status = 'booked' AND starts_at > $3 AND (phone_key = $1 OR email_key = $2)`,
      values: [draft.phoneKey, draft.emailKey, draft.createdAt],
      name: 'visit-resident-bookings',
    });
    if (held.rows[0].count >= MAX_FUTURE_BOOKINGS_PER_RESIDENT) return { booked: false, reason: 'cap_reached' };
    // Bookings of one office's day take turns from here: each picks its desk among those the ones before it left,
    // instead of racing to the same desk (whose loser waits for the winner's commit, or for deadlock detection).
    await client.query({
      text: `SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`,
      values: [`visit-office-day:${draft.officeCode}:${businessDateOf(draft.start)}`],
      name: 'visit-office-day-lock',
    });

    const values: unknown[] = [
      draft.id,
      draft.codeHash,
      draft.officeCode,
      draft.serviceCode,
      draft.start,
      draft.end,
      draft.resident.name,
      draft.resident.phone,
      draft.resident.email,
      draft.phoneKey,
      draft.emailKey,
      draft.caseId,
      draft.bookedBy,
      draft.createdAt,
      desks,
    ];
    const queued = reminder ? `, ${queueInOutbox(values.push(outboxParameter([reminder])), 'visit')}` : '';
    const inserted = await client.query<{ desk: number }>({
      // A random free desk rather than the first: racing bookings of one slot then rarely pick the same.
      text: `WITH desk AS (
               SELECT d AS number FROM generate_series(1, $15::int) AS d
                WHERE NOT EXISTS (
                  SELECT 1 FROM visits taken
                   WHERE taken.office_code = $3 AND taken.desk = d AND taken.${HOLDS_DESK}
                     AND tstzrange(taken.starts_at, taken.ends_at) && tstzrange($5, $6))
                ORDER BY random()
                LIMIT 1),
             visit AS (
               INSERT INTO visits (id, code_hash, office_code, service_code, desk, starts_at, ends_at, status,
                                   resident_name, resident_phone, resident_email, phone_key, email_key, case_id,
                                   booked_by, created_at)
               SELECT $1, $2, $3, $4, desk.number, $5, $6, 'booked', $7, $8, $9, $10, $11, $12, $13, $14 FROM desk
               RETURNING id, desk),
             event AS (
               INSERT INTO visit_events (visit_id, type, at, actor, data)
               SELECT id, 'booked', $14, $13, jsonb_build_object('desk', desk) FROM visit)${queued}
           SELECT desk FROM visit`,
      values,
      name: reminder ? 'visit-book-reminded' : 'visit-book',
    });
    if (inserted.rows.length === 0) return { booked: false, reason: 'full' };
    if (draft.caseId && caseEvent) await this.appendCaseEvent(client, draft.caseId, caseEvent, draft.bookedBy);
    return { booked: true, desk: inserted.rows[0].desk };
  }

  /**
   * Changes a booked visit (in time: see {@link STAMPED}) with its history, withdraws its reminder if not yet
   * relayed, and appends the case's event when it names one. False when it was no longer booked or too late.
   */
  async change(change: VisitChange): Promise<boolean> {
    const { column, condition } = STAMPED[change.to];
    return this.db.transaction(async (client) => {
      const changed = await client.query<{ case_id: string | null }>({
        text: `WITH changed AS (
                 UPDATE visits SET status = $3, ${column} = $2
                  WHERE id = $1 AND status = 'booked' AND ${condition}
                 RETURNING id, case_id),
               event AS (
                 INSERT INTO visit_events (visit_id, type, at, actor)
                 SELECT id, $3, $2, $4 FROM changed),
               withdrawn AS (
                 DELETE FROM outbox
                  WHERE relayed_at IS NULL AND queue = $5 AND payload ->> 'visitId' = $1::text
                    AND EXISTS (SELECT 1 FROM changed))
               SELECT case_id FROM changed`,
        values: [change.id, change.at, change.to, change.actor, QueueName.VisitReminders],
        name: `visit-${change.to}`,
      });
      if (changed.rows.length === 0) return false;
      const caseId = changed.rows[0].case_id;
      if (caseId) await this.appendCaseEvent(client, caseId, { ...change.caseEvent, at: change.at }, change.actor);
      return true;
    });
  }

  async findByCodeHash(codeHash: string): Promise<ListedVisit | null> {
    const rows = await this.db.query<VisitRow>(`${VISIT_SELECT} WHERE v.code_hash = $1`, [codeHash], 'visit-by-code');
    return rows.length ? toVisit(rows[0]) : null;
  }

  async findById(id: string): Promise<ListedVisit | null> {
    const rows = await this.db.query<VisitRow>(`${VISIT_SELECT} WHERE v.id = $1`, [id], 'visit-by-id');
    return rows.length ? toVisit(rows[0]) : null;
  }

  /** An office's visits starting in [`from`, `until`), by start and desk. */
  async listForOffice(officeCode: string, from: Date, until: Date): Promise<ListedVisit[]> {
    const rows = await this.db.query<VisitRow>(
      `${VISIT_SELECT} WHERE v.office_code = $1 AND v.starts_at >= $2 AND v.starts_at < $3 ORDER BY v.starts_at, v.desk`,
      [officeCode, from, until],
      'visits-of-office-day',
    );
    return rows.map(toVisit);
  }

  /**
   * Records the reminder of a visit still booked and not begun, once: true when this call recorded it. What it went
   * by (sms or e-mail) is in the history, never the number or address.
   */
  async markReminded(id: string, at: Date, actor: string): Promise<boolean> {
    const rows = await this.db.query(
      `WITH reminded AS (
         UPDATE visits SET reminded_at = $2
          WHERE id = $1 AND status = 'booked' AND reminded_at IS NULL AND starts_at > $2
         RETURNING id, resident_phone IS NOT NULL AS by_sms)
       INSERT INTO visit_events (visit_id, type, at, actor, data)
       SELECT id, 'reminder_sent', $2, $3, jsonb_build_object('via', CASE WHEN by_sms THEN 'sms' ELSE 'email' END)
         FROM reminded
       RETURNING visit_id`,
      [id, at, actor],
      'visit-remind',
    );
    return rows.length === 1;
  }

  /**
   * Marks `no_show` the booked visits whose end is at or before `now`, at most `limit` (oldest first), with their
   * history; returns how many. Idempotent: a visit marked, checked in or cancelled is not booked any more.
   */
  async markNoShows(now: Date, limit: number, actor: string): Promise<number> {
    const rows = await this.db.query<{ count: number }>(
      `WITH missed AS (
         SELECT id FROM visits WHERE status = 'booked' AND ends_at <= $1 ORDER BY ends_at LIMIT $2
            FOR UPDATE SKIP LOCKED),
       marked AS (
         UPDATE visits v SET status = 'no_show', no_show_at = $1
           FROM missed WHERE v.id = missed.id AND v.status = 'booked'
         RETURNING v.id),
       event AS (
         INSERT INTO visit_events (visit_id, type, at, actor) SELECT id, 'no_show', $1, $3 FROM marked)
       SELECT count(*)::int AS count FROM marked`,
      [now, limit, actor],
      'visits-no-show',
    );
    return rows[0].count;
  }

  private async appendCaseEvent(client: PoolClient, caseId: string, event: CaseEventDraft, actor: string) {
    await this.cases.writeWithEvents({
      written: `SELECT id, $2::timestamptz AS updated_at FROM cases WHERE id = $1`,
      params: [caseId, event.at ?? new Date()],
      events: [event],
      actor,
      preparedName: 'case-visit-event',
      client,
    });
  }
}

function toVisit(row: VisitRow): ListedVisit {
  return {
    id: row.id,
    officeCode: row.office_code,
    officeName: row.office_name,
    officeAddress: row.office_address,
    serviceCode: row.service_code,
    serviceName: row.service_name,
    desk: row.desk,
    start: row.starts_at,
    end: row.ends_at,
    status: row.status,
    resident: { name: row.resident_name, phone: row.resident_phone, email: row.resident_email },
    caseId: row.case_id,
    caseNumber: row.case_number,
    caseUnitCode: row.case_unit_code,
    bookedBy: row.booked_by,
    createdAt: row.created_at,
    checkedInAt: row.checked_in_at,
    cancelledAt: row.cancelled_at,
  };
}
