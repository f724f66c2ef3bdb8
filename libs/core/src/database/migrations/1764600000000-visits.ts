import { MigrationInterface, QueryRunner } from 'typeorm';

const CODE = `CHECK (code ~ '^[a-z0-9][a-z0-9_.-]{1,63}$')`;

/**
 * Visit booking at the resident-service offices (issue #10): offices with their desks and opening hours, the services
 * they book, and the visits. PostgreSQL itself refuses a desk booked twice for overlapping times (an exclusion
 * constraint over the desk and the time range of active visits, with btree_gist for the equality parts), whatever
 * the concurrency; cancelled and no-show visits stay, for the statistics.
 */
export class Visits1764600000000 implements MigrationInterface {
  name = 'Visits1764600000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`SET LOCAL lock_timeout = '5s'`);
    // A trusted extension (PostgreSQL 13+): the database's owner may create it.
    await db.query(`CREATE EXTENSION IF NOT EXISTS btree_gist`);
    await db.query(`
      CREATE TABLE offices (
        code          text PRIMARY KEY ${CODE},
        name          text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        address       text NOT NULL CHECK (length(address) BETWEEN 1 AND 300),
        desks         integer NOT NULL CHECK (desks BETWEEN 1 AND 100),
        -- ISO weekday ("1" Monday … "7" Sunday) → [["08:00","16:00"], …] in Europe/Warsaw local time.
        weekly_hours  jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(weekly_hours) = 'object'),
        closed_dates  date[] NOT NULL DEFAULT '{}',
        created_at    timestamptz NOT NULL DEFAULT now(),
        updated_at    timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`
      CREATE TABLE visit_services (
        code              text PRIMARY KEY ${CODE},
        name              text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        duration_minutes  integer NOT NULL CHECK (duration_minutes BETWEEN 5 AND 240),
        created_at        timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`
      CREATE TABLE visit_service_offices (
        office_code   text NOT NULL REFERENCES offices (code),
        service_code  text NOT NULL REFERENCES visit_services (code),
        PRIMARY KEY (office_code, service_code)
      )`);
    await db.query(`
      CREATE TABLE visits (
        id              uuid PRIMARY KEY,
        -- HMAC of the visit's code (shown once): the public's only key to its booking.
        code_hash       text NOT NULL UNIQUE,
        office_code     text NOT NULL REFERENCES offices (code),
        service_code    text NOT NULL REFERENCES visit_services (code),
        desk            integer NOT NULL CHECK (desk >= 1),
        starts_at       timestamptz NOT NULL,
        -- As long as a service may last (5..240 minutes): the slot list's read counts on it.
        ends_at         timestamptz NOT NULL CHECK (ends_at > starts_at AND ends_at <= starts_at + interval '240 minutes'),
        status          text NOT NULL CHECK (status IN ('booked', 'checked_in', 'cancelled', 'no_show')),
        resident_name   text NOT NULL CHECK (length(resident_name) BETWEEN 1 AND 200),
        resident_phone  text CHECK (length(resident_phone) <= 32),
        resident_email  text CHECK (length(resident_email) <= 254),
        -- The phone and e-mail as the per-resident cap compares them (digits with the country code; lower case).
        phone_key       text,
        email_key       text,
        case_id         uuid REFERENCES cases (id),
        -- A member of staff's username, or 'public'.
        booked_by       text NOT NULL,
        created_at      timestamptz NOT NULL,
        reminded_at     timestamptz,
        checked_in_at   timestamptz,
        cancelled_at    timestamptz,
        no_show_at      timestamptz,
        CHECK (resident_phone IS NOT NULL OR resident_email IS NOT NULL),
        -- A status says when it came about.
        CHECK (status <> 'checked_in' OR checked_in_at IS NOT NULL),
        CHECK (status <> 'cancelled' OR cancelled_at IS NOT NULL),
        CHECK (status <> 'no_show' OR no_show_at IS NOT NULL),
        CONSTRAINT visits_no_double_booking EXCLUDE USING gist (
          office_code WITH =, desk WITH =, tstzrange(starts_at, ends_at) WITH &&
        ) WHERE (status IN ('booked', 'checked_in'))
      )`);
    // The day's list of an office; the slots read the exclusion constraint's own index.
    await db.query(`CREATE INDEX visits_office_start ON visits (office_code, starts_at)`);
    // The monthly report counts by the month of the start.
    await db.query(`CREATE INDEX visits_start ON visits (starts_at)`);
    // The no-show sweep: bookings whose end has passed.
    await db.query(`CREATE INDEX visits_booked_end ON visits (ends_at) WHERE status = 'booked'`);
    // The per-resident cap: future bookings by the same phone or e-mail.
    await db.query(`CREATE INDEX visits_booked_phone ON visits (phone_key, starts_at) WHERE status = 'booked'`);
    await db.query(`CREATE INDEX visits_booked_email ON visits (email_key, starts_at) WHERE status = 'booked'`);
    await db.query(`CREATE INDEX visits_case ON visits (case_id) WHERE case_id IS NOT NULL`);
    await db.query(`
      CREATE TABLE visit_events (
        id        bigserial PRIMARY KEY,
        visit_id  uuid NOT NULL REFERENCES visits (id),
        type      text NOT NULL CHECK (type IN ('booked', 'cancelled', 'checked_in', 'no_show', 'reminder_sent')),
        at        timestamptz NOT NULL,
        actor     text NOT NULL,
        data      jsonb NOT NULL DEFAULT '{}'
      )`);
    await db.query(`CREATE INDEX visit_events_visit ON visit_events (visit_id, id)`);
    // A visit's history is never rewritten (rows go only with their visit, when old visits are purged).
    await db.query(`
      CREATE FUNCTION visit_events_never_rewritten() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'visit_events are never rewritten' USING ERRCODE = 'restrict_violation';
      END $$`);
    await db.query(`
      CREATE TRIGGER visit_events_never_rewritten BEFORE UPDATE ON visit_events
      FOR EACH ROW EXECUTE FUNCTION visit_events_never_rewritten()`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE visit_events`);
    await db.query(`DROP FUNCTION visit_events_never_rewritten()`);
    await db.query(`DROP TABLE visits`);
    await db.query(`DROP TABLE visit_service_offices`);
    await db.query(`DROP TABLE visit_services`);
    await db.query(`DROP TABLE offices`);
  }
}
