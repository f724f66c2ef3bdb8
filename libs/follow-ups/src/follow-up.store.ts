import { Injectable } from '@nestjs/common';
import { Sql } from '@app/core';
import { CaseEventDraft, CaseStore } from '@app/cases';
import { FollowUp, FollowUpKind, FollowUpStatus, ScheduleDecision } from './domain/follow-up';

interface FollowUpRow {
  id: string;
  case_id: string;
  case_number: string;
  kind: FollowUpKind;
  status: FollowUpStatus;
  due_at: Date;
  note: string | null;
  created_by: string;
  created_at: Date;
  became_due_at: Date | null;
  ended_by: string | null;
  ended_at: Date | null;
  outcome: string | null;
}

/** A follow-up with what the agents' list shows of its case. */
export interface ListedFollowUp extends FollowUp {
  caseSubject: string;
  residentName: string | null;
  residentPhone: string | null;
}

export interface FollowUpListQuery {
  status: FollowUpStatus;
  kind?: FollowUpKind;
  /** Only this unit's cases (`unit_staff`); null for all. */
  scope: string | null;
  after?: { dueAt: string; id: string };
  limit: number;
}

const FOLLOW_UP_COLUMNS = `f.id, f.case_id, c.number AS case_number, f.kind, f.status, f.due_at, f.note, f.created_by,
  f.created_at, f.became_due_at, f.ended_by, f.ended_at, f.outcome`;

/** An instant as JavaScript's toISOString writes it, so that history events read alike whoever wrote them. */
const ISO = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/**
 * What a follow-up's change returns for `writeWithEvents`: its case, the instant (`$2`), and the follow-up as the
 * history names it, for the event.
 */
const RETURNING_CASE_AT_2_WITH_FOLLOW_UP = `RETURNING case_id AS id, $2::timestamptz AS updated_at,
  jsonb_build_object('followUpId', id, 'kind', kind, 'dueAt', ${ISO('due_at')}) AS event_data`;

/**
 * Follow-ups in PostgreSQL. Every change is one statement through the case store's write path: the follow-up row, its
 * event in the case's history and (when scheduling) the delayed job in the outbox, together or not at all.
 */
@Injectable()
export class FollowUpStore {
  constructor(
    private readonly db: Sql,
    private readonly cases: CaseStore,
  ) {}

  async schedule(decision: ScheduleDecision, actor: string): Promise<boolean> {
    const { followUp, event, job } = decision;
    const eventIds = await this.cases.writeWithEvents({
      // Closed meanwhile: nothing is written (the service answers as for a closed case).
      written: `SELECT id, $2::timestamptz AS updated_at FROM cases WHERE id = $1 AND status <> 'closed'`,
      params: [followUp.caseId, followUp.createdAt, followUp.id, followUp.kind, followUp.dueAt, followUp.note, actor],
      also: `follow_up AS (
               INSERT INTO follow_ups (id, case_id, kind, status, due_at, note, created_by, created_at)
               SELECT $3, written.id, $4, 'scheduled', $5, $6, $7, $2 FROM written)`,
      events: [event],
      actor,
      preparedName: 'follow-up-schedule',
      outbox: [job],
    });
    return eventIds !== null;
  }

  /**
   * Makes the follow-up due if it is still waiting (or failed before) and its instant has come, with a `follow_up_due`
   * event; false when there was nothing to do.
   */
  async markDue(id: string, now: Date, actor: string): Promise<boolean> {
    const eventIds = await this.cases.writeWithEvents({
      written: `UPDATE follow_ups SET status = 'due', became_due_at = $2
                 WHERE id = $1 AND status IN ('scheduled', 'failed') AND due_at <= $2
                ${RETURNING_CASE_AT_2_WITH_FOLLOW_UP}`,
      params: [id, now],
      events: [{ type: 'follow_up_due', data: {} }],
      actor,
      preparedName: 'follow-up-due',
    });
    return eventIds !== null;
  }

  /** Marks a still-scheduled follow-up failed (its job ran out of attempts), with a `follow_up_failed` event. */
  async markFailed(id: string, now: Date, actor: string): Promise<boolean> {
    const eventIds = await this.cases.writeWithEvents({
      written: `UPDATE follow_ups SET status = 'failed'
                 WHERE id = $1 AND status = 'scheduled'
                ${RETURNING_CASE_AT_2_WITH_FOLLOW_UP}`,
      params: [id, now],
      events: [{ type: 'follow_up_failed', data: {} }],
      actor,
      preparedName: 'follow-up-failed',
    });
    return eventIds !== null;
  }

  /** Writes the ended follow-up if it is still in `from`; false when someone changed it first. */
  async end(ended: FollowUp, from: FollowUpStatus, event: CaseEventDraft, actor: string): Promise<boolean> {
    const eventIds = await this.cases.writeWithEvents({
      written: `UPDATE follow_ups SET status = $3, ended_by = $4, ended_at = $5, outcome = $6
                 WHERE id = $1 AND status = $2
                RETURNING case_id AS id, $5::timestamptz AS updated_at`,
      params: [ended.id, from, ended.status, ended.endedBy, ended.endedAt, ended.outcome],
      events: [event],
      actor,
      preparedName: 'follow-up-end',
    });
    return eventIds !== null;
  }

  /** Scheduled follow-ups due before `dueBefore`: their jobs should have run by now. Oldest first, at most `limit`. */
  async overdueScheduled(dueBefore: Date, limit: number): Promise<string[]> {
    const rows = await this.db.query<{ id: string }>(
      `SELECT id FROM follow_ups WHERE status = 'scheduled' AND due_at < $1 ORDER BY due_at, id LIMIT $2`,
      [dueBefore, limit],
      'follow-ups-overdue',
    );
    return rows.map((row) => row.id);
  }

  async find(id: string, scope: string | null): Promise<FollowUp | null> {
    const rows = await this.db.query<FollowUpRow>(
      `SELECT ${FOLLOW_UP_COLUMNS}
         FROM follow_ups f JOIN cases c ON c.id = f.case_id
        WHERE f.id = $1 AND ($2::text IS NULL OR c.unit_code = $2)`,
      [id, scope],
      'follow-up-by-id',
    );
    return rows.length ? toFollowUp(rows[0]) : null;
  }

  async listForCase(caseId: string): Promise<FollowUp[]> {
    const rows = await this.db.query<FollowUpRow>(
      `SELECT ${FOLLOW_UP_COLUMNS}
         FROM follow_ups f JOIN cases c ON c.id = f.case_id
        WHERE f.case_id = $1
        ORDER BY f.due_at, f.id`,
      [caseId],
      'follow-ups-of-case',
    );
    return rows.map(toFollowUp);
  }

  /** A page of follow-ups in one status, soonest first (keyset on due_at, id). */
  async list(query: FollowUpListQuery): Promise<ListedFollowUp[]> {
    const params: unknown[] = [query.status];
    const param = (value: unknown) => `$${params.push(value)}`;
    const where = [`f.status = $1`];
    if (query.kind) where.push(`f.kind = ${param(query.kind)}`);
    if (query.scope) where.push(`c.unit_code = ${param(query.scope)}`);
    if (query.after) {
      where.push(`(f.due_at, f.id) > (${param(query.after.dueAt)}::timestamptz, ${param(query.after.id)}::uuid)`);
    }
    const rows = await this.db.query<
      FollowUpRow & { subject: string; resident_name: string | null; resident_phone: string | null }
    >(
      `SELECT ${FOLLOW_UP_COLUMNS}, c.subject, c.resident_name, c.resident_phone
         FROM follow_ups f JOIN cases c ON c.id = f.case_id
        WHERE ${where.join(' AND ')}
        ORDER BY f.due_at, f.id
        LIMIT ${param(query.limit + 1)}`,
      params,
    );
    return rows.map((row) => ({
      ...toFollowUp(row),
      caseSubject: row.subject,
      residentName: row.resident_name,
      residentPhone: row.resident_phone,
    }));
  }
}

function toFollowUp(row: FollowUpRow): FollowUp {
  return {
    id: row.id,
    caseId: row.case_id,
    caseNumber: row.case_number,
    kind: row.kind,
    status: row.status,
    dueAt: row.due_at,
    note: row.note,
    createdBy: row.created_by,
    createdAt: row.created_at,
    becameDueAt: row.became_due_at,
    endedBy: row.ended_by,
    endedAt: row.ended_at,
    outcome: row.outcome,
  };
}
