import { MigrationInterface, QueryRunner } from 'typeorm';

/** Statuses in which a case still needs work: it counts towards its assignee's load and has an SLA state. */
const OPEN = `status IN ('new', 'assigned', 'in_progress', 'waiting')`;
/** Most urgent first; the unit inbox and `sort=due` order by it after the due instant (same expression in the store). */
const PRIORITY_RANK = `(CASE priority WHEN 'urgent' THEN 0 WHEN 'high' THEN 1 WHEN 'normal' THEN 2 ELSE 3 END)`;
/** Cases without a due instant (older than routing) sort after every dated one. */
const DUE_KEY = `coalesce(due_at, 'infinity'::timestamptz)`;

/**
 * Routing (issue #6): the ordered rule set; staff load and round-robin position kept on the account, with the load
 * maintained by a trigger on `cases` so that every write path keeps it right; assignment under a per-unit lock;
 * the instant a case entered `waiting` (its deadline stands still meanwhile); indexes for the SLA filter, the unit
 * inbox and the assignee filter.
 */
export class Routing1764200000000 implements MigrationInterface {
  name = 'Routing1764200000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE routing_rules (
        position        integer PRIMARY KEY CHECK (position >= 0),
        name            text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
        category_codes  text[] NOT NULL DEFAULT '{}',
        channels        text[] NOT NULL DEFAULT '{}',
        districts       text[] NOT NULL DEFAULT '{}',
        keywords_any    text[] NOT NULL DEFAULT '{}',
        unit_code       text NOT NULL REFERENCES units (code),
        priority        text CHECK (priority IN ('low', 'normal', 'high', 'urgent')),
        CHECK (cardinality(category_codes) + cardinality(channels) + cardinality(districts)
               + cardinality(keywords_any) > 0)
      )`);

    await db.query(`
      ALTER TABLE users
        ADD COLUMN open_cases        integer NOT NULL DEFAULT 0 CHECK (open_cases >= 0),
        ADD COLUMN last_assigned_at  timestamptz`);
    await db.query(`
      UPDATE users u SET open_cases = load.open
        FROM (SELECT assignee_id, count(*) AS open FROM cases WHERE assignee_id IS NOT NULL AND ${OPEN}
               GROUP BY assignee_id) load
       WHERE u.id = load.assignee_id`);
    // One place keeps each member of staff's open load right, whatever writes the case (intake, edits, transitions,
    // routing, imports to come): assignment reads it under the unit's lock instead of counting cases each time.
    await db.query(`
      CREATE FUNCTION cases_track_open_load() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        was_counted boolean := TG_OP = 'UPDATE' AND OLD.assignee_id IS NOT NULL
                               AND OLD.status IN ('new', 'assigned', 'in_progress', 'waiting');
        is_counted boolean := NEW.assignee_id IS NOT NULL AND NEW.status IN ('new', 'assigned', 'in_progress', 'waiting');
      BEGIN
        IF was_counted AND is_counted AND OLD.assignee_id = NEW.assignee_id THEN
          RETURN NULL;
        END IF;
        IF was_counted THEN
          UPDATE users SET open_cases = open_cases - 1 WHERE id = OLD.assignee_id;
        END IF;
        IF is_counted THEN
          UPDATE users SET open_cases = open_cases + 1 WHERE id = NEW.assignee_id;
        END IF;
        RETURN NULL;
      END $$`);
    await db.query(`
      CREATE TRIGGER cases_track_open_load AFTER INSERT OR UPDATE OF assignee_id, status ON cases
      FOR EACH ROW EXECUTE FUNCTION cases_track_open_load()`);

    // Volatile, so each statement inside takes a fresh snapshot: after waiting for the unit's lock it sees the loads
    // the previous assignment in the unit committed. The lock is per unit (intakes into other units never wait) and
    // lasts until the calling transaction ends, i.e. until the case that took the assignee is committed.
    await db.query(`
      CREATE FUNCTION pick_unit_assignee(unit text) RETURNS uuid LANGUAGE plpgsql VOLATILE AS $$
      DECLARE chosen uuid;
      BEGIN
        IF unit IS NULL OR NOT EXISTS (
          SELECT 1 FROM users
           WHERE unit_code = unit AND role = 'unit_staff' AND available AND disabled_at IS NULL
        ) THEN
          RETURN NULL;
        END IF;
        PERFORM pg_advisory_xact_lock(hashtext('unit-assignment'), hashtext(unit));
        SELECT id INTO chosen FROM users
         WHERE unit_code = unit AND role = 'unit_staff' AND available AND disabled_at IS NULL
         ORDER BY open_cases, last_assigned_at NULLS FIRST, id
         LIMIT 1;
        IF chosen IS NOT NULL THEN
          UPDATE users SET last_assigned_at = clock_timestamp() WHERE id = chosen;
        END IF;
        RETURN chosen;
      END $$`);
    await db.query(`CREATE INDEX users_unit_staff_idx ON users (unit_code) WHERE role = 'unit_staff'`);

    await db.query(`ALTER TABLE cases ADD COLUMN waiting_since timestamptz`);
    await db.query(`UPDATE cases SET waiting_since = updated_at WHERE status = 'waiting'`);
    await db.query(`ALTER TABLE cases ADD CHECK ((status = 'waiting') = (waiting_since IS NOT NULL))`);

    // The assignee is chosen inside the intake statement, after the response was sealed: a replay merges it back.
    await db.query(`ALTER TABLE idempotency_keys ADD COLUMN decided_by_store jsonb NOT NULL DEFAULT '{}'`);

    await db.query(`DROP INDEX cases_assignee_idx`);
    await db.query(`CREATE INDEX cases_assignee_received_idx ON cases (assignee_id, received_at DESC, id DESC)`);
    // The SLA filter (a range of due instants among open cases) and `sort=due`, across units and within one.
    await db.query(`CREATE INDEX cases_open_due_idx ON cases (${DUE_KEY}, ${PRIORITY_RANK}, id) WHERE ${OPEN}`);
    await db.query(
      `CREATE INDEX cases_unit_open_due_idx ON cases (unit_code, ${DUE_KEY}, ${PRIORITY_RANK}, id) WHERE ${OPEN}`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX cases_unit_open_due_idx`);
    await db.query(`DROP INDEX cases_open_due_idx`);
    await db.query(`DROP INDEX cases_assignee_received_idx`);
    await db.query(`CREATE INDEX cases_assignee_idx ON cases (assignee_id) WHERE assignee_id IS NOT NULL`);
    await db.query(`ALTER TABLE idempotency_keys DROP COLUMN decided_by_store`);
    await db.query(`ALTER TABLE cases DROP COLUMN waiting_since`);
    await db.query(`DROP INDEX users_unit_staff_idx`);
    await db.query(`DROP FUNCTION pick_unit_assignee(text)`);
    await db.query(`DROP TRIGGER cases_track_open_load ON cases`);
    await db.query(`DROP FUNCTION cases_track_open_load()`);
    await db.query(`ALTER TABLE users DROP COLUMN open_cases, DROP COLUMN last_assigned_at`);
    await db.query(`DROP TABLE routing_rules`);
  }
}
