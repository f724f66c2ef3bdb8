import { MigrationInterface, QueryRunner } from 'typeorm';

/** Statuses in which a case still needs work: it counts towards its assignee's load and has an SLA state. */
const OPEN = `status IN ('new', 'assigned', 'in_progress', 'waiting')`;
/** Most urgent first; the unit inbox and `sort=due` order by it after the due instant (same expression in the store). */
const PRIORITY_RANK = `(CASE priority WHEN 'urgent' THEN 0 WHEN 'high' THEN 1 WHEN 'normal' THEN 2 ELSE 3 END)`;
/** Cases without a due instant (older than routing) sort after every dated one. */
const DUE_KEY = `coalesce(due_at, 'infinity'::timestamptz)`;

/**
 * Routing (issue #6): the ordered rule set; staff load and round-robin position kept on the account (counted by
 * intake's reservation, then by a trigger on `cases` for every later change); assignment under a per-unit lock;
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

    // Each member of staff's open load (and when a case last became theirs), read by assignment under the unit's lock
    // instead of counting cases each time. A new case is counted when its assignee is reserved (take_case_number,
    // below); every later change — edits, transitions, routing, hand-overs — by this trigger, whatever writes it. The
    // WHEN clause keeps the trigger out of writes that cannot change a load.
    await db.query(`
      CREATE FUNCTION cases_track_open_load() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
      DECLARE
        was_counted boolean := TG_OP = 'UPDATE' AND OLD.assignee_id IS NOT NULL AND OLD.${OPEN};
        is_counted boolean := NEW.assignee_id IS NOT NULL AND NEW.${OPEN};
      BEGIN
        IF was_counted AND is_counted AND OLD.assignee_id = NEW.assignee_id THEN
          RETURN NULL;
        END IF;
        IF was_counted AND is_counted THEN
          -- Both rows in one order, so that two hand-overs crossing between the same two people cannot deadlock.
          -- NO KEY UPDATE, as the updates below take: it does not conflict with the foreign-key checks' KEY SHARE.
          PERFORM 1 FROM users WHERE id IN (OLD.assignee_id, NEW.assignee_id) ORDER BY id FOR NO KEY UPDATE;
        END IF;
        IF was_counted THEN
          -- Never below zero: a miscount (cases changed with triggers off) must not start refusing case writes.
          UPDATE users SET open_cases = greatest(open_cases - 1, 0) WHERE id = OLD.assignee_id;
        END IF;
        IF is_counted THEN
          UPDATE users SET open_cases = open_cases + 1, last_assigned_at = clock_timestamp() WHERE id = NEW.assignee_id;
        END IF;
        RETURN NULL;
      END $$`);
    // Cases changed from here on are counted by the trigger; those before, by the count below. The lock keeps a case
    // write from slipping between the two (it waits, and is then counted by the trigger).
    await db.query(`LOCK TABLE cases IN SHARE ROW EXCLUSIVE MODE`);
    await db.query(`
      CREATE TRIGGER cases_track_open_load_on_update AFTER UPDATE OF assignee_id, status ON cases
      FOR EACH ROW WHEN (OLD.assignee_id IS DISTINCT FROM NEW.assignee_id OR OLD.status IS DISTINCT FROM NEW.status)
      EXECUTE FUNCTION cases_track_open_load()`);
    await db.query(`
      UPDATE users u SET open_cases = (
        SELECT count(*) FROM cases c WHERE c.assignee_id = u.id AND c.${OPEN})`);

    // Volatile, so each statement inside takes a fresh snapshot: after waiting for the unit's lock it sees the loads
    // the previous assignment in the unit committed. The lock is per unit (intakes into other units never wait) and
    // lasts until the calling transaction ends, so the caller must count its choice in the same transaction: intake
    // through take_case_number (below), changes to existing cases in the statement that writes them (the trigger
    // counts). Under READ COMMITTED, the default.
    await db.query(`
      CREATE FUNCTION pick_unit_assignee(for_unit text, passing_over uuid DEFAULT NULL) RETURNS uuid
      LANGUAGE plpgsql VOLATILE SET search_path FROM CURRENT AS $$
      DECLARE chosen uuid;
      BEGIN
        -- A unit nobody can take cases in is not locked at all: its cases wait in its queue.
        IF for_unit IS NULL OR NOT EXISTS (
          SELECT 1 FROM users
           WHERE unit_code = for_unit AND role = 'unit_staff' AND available AND disabled_at IS NULL
             AND id IS DISTINCT FROM passing_over
        ) THEN
          RETURN NULL;
        END IF;
        PERFORM pg_advisory_xact_lock(hashtext('unit-assignment'), hashtext(for_unit));
        SELECT id INTO chosen FROM users
         WHERE unit_code = for_unit AND role = 'unit_staff' AND available AND disabled_at IS NULL
           AND id IS DISTINCT FROM passing_over
         ORDER BY open_cases, last_assigned_at NULLS FIRST, id
         LIMIT 1;
        RETURN chosen;
      END $$`);
    // Intake takes its case number and reserves its assignee in one short statement before it writes the case, so
    // the unit's lock is held for that statement only, not for the whole intake. The reservation counts the case in
    // the assignee's load at once; the intake releases it if the case is not written after all. The unit's lock is
    // taken before the year's counter row, so a wait for a busy unit holds up no other unit's numbering.
    // Durability is the caller's choice (the intake's statement commits without waiting for the disk; see CaseStore):
    // call it alone, never inside a larger transaction, which would then not wait for the disk either.
    // One row per reservation whose case is not written yet: the case's insert deletes it in the same statement, the
    // intake deletes it (taking the count back) when the case is not stored, and the worker sweeps what a crash left.
    await db.query(`
      CREATE TABLE assignment_reservations (
        case_id      uuid PRIMARY KEY,
        user_id      uuid NOT NULL REFERENCES users (id),
        reserved_at  timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX assignment_reservations_reserved_idx ON assignment_reservations (reserved_at)`);
    await db.query(`
      CREATE FUNCTION take_case_number(
        for_year smallint, for_unit text, for_case uuid, OUT seq bigint, OUT assignee_id uuid
      )
      LANGUAGE plpgsql VOLATILE SET search_path FROM CURRENT AS $$
      BEGIN
        LOOP
          assignee_id := pick_unit_assignee(for_unit);
          EXIT WHEN assignee_id IS NULL;
          -- Availability and accounts change without the unit's lock: count the case only if the member chosen is
          -- still one to give it to, else choose again.
          UPDATE users SET open_cases = open_cases + 1, last_assigned_at = clock_timestamp()
           WHERE id = assignee_id AND unit_code = for_unit AND role = 'unit_staff' AND available
             AND disabled_at IS NULL;
          EXIT WHEN FOUND;
        END LOOP;
        IF assignee_id IS NOT NULL THEN
          INSERT INTO assignment_reservations (case_id, user_id) VALUES (for_case, assignee_id);
        END IF;
        INSERT INTO case_number_counters AS counter (year, last_seq) VALUES (for_year, 1)
        ON CONFLICT (year) DO UPDATE SET last_seq = counter.last_seq + 1
        RETURNING counter.last_seq INTO seq;
      END $$`);
    await db.query(`CREATE INDEX users_unit_staff_idx ON users (unit_code) WHERE role = 'unit_staff'`);

    await db.query(`ALTER TABLE cases ADD COLUMN waiting_since timestamptz`);
    await db.query(`UPDATE cases SET waiting_since = updated_at WHERE status = 'waiting'`);
    await db.query(`ALTER TABLE cases ADD CHECK ((status = 'waiting') = (waiting_since IS NOT NULL))`);

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
    await db.query(`ALTER TABLE cases DROP COLUMN waiting_since`);
    await db.query(`DROP INDEX users_unit_staff_idx`);
    await db.query(`DROP FUNCTION take_case_number(smallint, text, uuid)`);
    await db.query(`DROP TABLE assignment_reservations`);
    await db.query(`DROP FUNCTION pick_unit_assignee(text, uuid)`);
    await db.query(`DROP TRIGGER cases_track_open_load_on_update ON cases`);
    await db.query(`DROP FUNCTION cases_track_open_load()`);
    await db.query(`ALTER TABLE users DROP COLUMN open_cases, DROP COLUMN last_assigned_at`);
    await db.query(`DROP TABLE routing_rules`);
  }
}
