import { MigrationInterface, QueryRunner } from 'typeorm';

/** Statuses in which a case still needs work (as in the routing migration). */
const OPEN = `status IN ('new', 'assigned', 'in_progress', 'waiting')`;

/**
 * Follow-ups (issue #7): the transactional outbox every timed or external job is written to in the statement that
 * causes it; call-backs and reminders; and, on the case, the deadline its SLA warning and breach were recorded for
 * (so a timer that runs twice, or outlives a re-planned deadline, has no second effect).
 */
export class FollowUps1764300000000 implements MigrationInterface {
  name = 'FollowUps1764300000000';

  async up(db: QueryRunner): Promise<void> {
    // Adding columns to `cases` locks it until this migration commits: rather than queue every request behind a long
    // export or report, give up (and let the deploy be retried).
    await db.query(`SET LOCAL lock_timeout = '5s'`);
    // Rows are marked relayed, not deleted, so that what was sent when stays visible for a while (purged later).
    await db.query(`
      CREATE TABLE outbox (
        id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        queue       text NOT NULL,
        name        text NOT NULL,
        payload     jsonb NOT NULL,
        run_at      timestamptz NOT NULL DEFAULT now(),
        created_at  timestamptz NOT NULL DEFAULT now(),
        relayed_at  timestamptz
      )`);
    await db.query(`CREATE INDEX outbox_pending_idx ON outbox (id) WHERE relayed_at IS NULL`);
    await db.query(`CREATE INDEX outbox_relayed_idx ON outbox (relayed_at) WHERE relayed_at IS NOT NULL`);

    await db.query(`
      CREATE TABLE follow_ups (
        id            uuid PRIMARY KEY,
        case_id       uuid NOT NULL REFERENCES cases (id),
        kind          text NOT NULL CHECK (kind IN ('callback', 'reminder')),
        status        text NOT NULL CHECK (status IN ('scheduled', 'due', 'done', 'cancelled', 'failed')),
        due_at        timestamptz NOT NULL,
        note          text CHECK (length(note) <= 2000),
        created_by    text NOT NULL,
        created_at    timestamptz NOT NULL,
        became_due_at timestamptz,
        ended_by      text,
        ended_at      timestamptz,
        outcome       text CHECK (length(outcome) <= 2000),
        CHECK ((status IN ('done', 'cancelled')) = (ended_at IS NOT NULL))
      )`);
    await db.query(`CREATE INDEX follow_ups_case_idx ON follow_ups (case_id, due_at, id)`);
    // The agents' lists: due (or still scheduled) follow-ups, soonest first.
    await db.query(`CREATE INDEX follow_ups_status_due_idx ON follow_ups (status, due_at, id)`);

    await db.query(`
      ALTER TABLE cases
        ADD COLUMN sla_warned_for   timestamptz,
        ADD COLUMN sla_breached_for timestamptz`);

    // Cases open before this migration get their timers like every later one. A warning queued for now waits, in
    // the worker, for its real instant (a timer that fires early is put back until then). Cases already overdue are
    // not escalated after the fact (a flood of priority changes at deploy): their breach is taken as recorded.
    await db.query(`
      UPDATE cases SET sla_breached_for = due_at
       WHERE ${OPEN} AND due_at < now()`);
    await db.query(`
      INSERT INTO outbox (queue, name, payload, run_at)
      SELECT 'sla-timers', timer.name, jsonb_build_object('caseId', c.id),
             CASE timer.name WHEN 'sla-warning' THEN now() ELSE c.due_at + interval '1 millisecond' END
        FROM cases c CROSS JOIN (VALUES ('sla-warning'), ('sla-breach')) AS timer(name)
       WHERE c.${OPEN} AND c.status <> 'waiting' AND c.due_at >= now()
       ORDER BY c.due_at, c.id, timer.name DESC`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE cases DROP COLUMN sla_warned_for, DROP COLUMN sla_breached_for`);
    await db.query(`DROP TABLE follow_ups`);
    await db.query(`DROP TABLE outbox`);
  }
}
