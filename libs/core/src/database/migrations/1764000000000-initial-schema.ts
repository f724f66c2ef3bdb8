import { MigrationInterface, QueryRunner } from 'typeorm';

const CODE_CHECK = `~ '^[a-z0-9][a-z0-9_.-]{1,63}$'`;

/** Catalogue, staff, cases with their append-only history, and idempotency keys. */
export class InitialSchema1764000000000 implements MigrationInterface {
  name = 'InitialSchema1764000000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);

    await db.query(`
      CREATE TABLE units (
        code        text PRIMARY KEY CHECK (code ${CODE_CHECK}),
        name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        created_at  timestamptz NOT NULL DEFAULT now()
      )`);

    await db.query(`
      CREATE TABLE categories (
        code        text PRIMARY KEY CHECK (code ${CODE_CHECK}),
        name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        unit_code   text REFERENCES units (code),
        sla_kind    text NOT NULL CHECK (sla_kind IN ('working_days', 'calendar_days', 'months', 'hours')),
        sla_amount  integer NOT NULL CHECK (sla_amount BETWEEN 1 AND 365),
        keywords    text[] NOT NULL DEFAULT '{}',
        is_public   boolean NOT NULL DEFAULT false,
        created_at  timestamptz NOT NULL DEFAULT now(),
        updated_at  timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX categories_unit_code_idx ON categories (unit_code)`);

    await db.query(`
      CREATE TABLE users (
        id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        username       text NOT NULL CHECK (username ~ '^[A-Za-z0-9][A-Za-z0-9_.@-]{1,63}$'),
        password_hash  text NOT NULL,
        role           text NOT NULL CHECK (role IN ('agent', 'supervisor', 'unit_staff', 'admin')),
        unit_code      text REFERENCES units (code),
        available      boolean NOT NULL DEFAULT true,
        created_at     timestamptz NOT NULL DEFAULT now(),
        CHECK (role <> 'unit_staff' OR unit_code IS NOT NULL)
      )`);
    await db.query(`CREATE UNIQUE INDEX users_username_key ON users (lower(username))`);

    await db.query(`
      CREATE TABLE cases (
        id                  uuid PRIMARY KEY,
        number              text NOT NULL UNIQUE,
        year                smallint NOT NULL,
        seq                 bigint NOT NULL,
        status              text NOT NULL
                            CHECK (status IN ('new', 'assigned', 'in_progress', 'waiting', 'resolved', 'closed')),
        channel             text NOT NULL
                            CHECK (channel IN ('phone', 'email', 'web', 'chat', 'in_person', 'letter', 'drop_box',
                                               'mobile_app', 'social', 'open311')),
        category_code       text NOT NULL REFERENCES categories (code),
        unit_code           text REFERENCES units (code),
        assignee_id         uuid REFERENCES users (id),
        priority            text NOT NULL CHECK (priority IN ('low', 'normal', 'high', 'urgent')),
        subject             text NOT NULL,
        description         text,
        resident_name       text,
        resident_phone      text,
        resident_email      text,
        location_address    text,
        location_district   text,
        location_lat        double precision,
        location_lon        double precision,
        resolution          text,
        received_at         timestamptz NOT NULL,
        created_at          timestamptz NOT NULL,
        updated_at          timestamptz NOT NULL,
        due_date            date,
        due_at              timestamptz,
        resolved_at         timestamptz,
        closed_at           timestamptz,
        version             integer NOT NULL DEFAULT 1,
        tracking_code_hash  text NOT NULL,
        external_ref        text UNIQUE,
        -- Lower-cased, diacritics folded, phone digits added: what the "q" filter searches with trigrams.
        search_text         text NOT NULL,
        UNIQUE (year, seq)
      )`);
    // Lists are newest first with a (received_at, id) keyset; each filter gets its own leading column.
    await db.query(`CREATE INDEX cases_received_idx ON cases (received_at DESC, id DESC)`);
    for (const column of ['status', 'unit_code', 'category_code', 'channel']) {
      await db.query(`CREATE INDEX cases_${column}_received_idx ON cases (${column}, received_at DESC, id DESC)`);
    }
    await db.query(`CREATE INDEX cases_search_text_trgm_idx ON cases USING gin (search_text gin_trgm_ops)`);
    await db.query(`CREATE INDEX cases_assignee_idx ON cases (assignee_id) WHERE assignee_id IS NOT NULL`);

    await db.query(`
      CREATE TABLE case_events (
        id       bigserial PRIMARY KEY,
        case_id  uuid NOT NULL REFERENCES cases (id),
        type     text NOT NULL,
        at       timestamptz NOT NULL,
        actor    text NOT NULL,
        data     jsonb NOT NULL DEFAULT '{}'
      )`);
    await db.query(`CREATE INDEX case_events_case_idx ON case_events (case_id, id)`);
    // The history is a record: the database itself refuses to change or delete it.
    await db.query(`
      CREATE FUNCTION case_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'case_events is append-only' USING ERRCODE = 'restrict_violation';
      END $$`);
    await db.query(`
      CREATE TRIGGER case_events_append_only BEFORE UPDATE OR DELETE ON case_events
      FOR EACH ROW EXECUTE FUNCTION case_events_append_only()`);

    await db.query(`
      CREATE TABLE idempotency_keys (
        scope         text NOT NULL,
        key           text NOT NULL,
        request_hash  text NOT NULL,
        status_code   integer NOT NULL,
        response      jsonb NOT NULL,
        created_at    timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (scope, key)
      )`);
    await db.query(`CREATE INDEX idempotency_keys_created_idx ON idempotency_keys (created_at)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE idempotency_keys`);
    await db.query(`DROP TABLE case_events`);
    await db.query(`DROP FUNCTION case_events_append_only()`);
    await db.query(`DROP TABLE cases`);
    await db.query(`DROP TABLE users`);
    await db.query(`DROP TABLE categories`);
    await db.query(`DROP TABLE units`);
  }
}
