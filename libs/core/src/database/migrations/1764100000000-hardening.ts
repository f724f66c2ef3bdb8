import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Hardening (issue #5): case numbers from a counter row per year instead of sequences created at request time (no DDL
 * rights needed by the api); staff accounts that can be disabled and tokens that can be revoked; idempotent
 * responses kept only sealed (encrypted), so no tracking code is readable at rest.
 */
export class Hardening1764100000000 implements MigrationInterface {
  name = 'Hardening1764100000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE case_number_counters (
        year      smallint PRIMARY KEY CHECK (year BETWEEN 1000 AND 9999),
        last_seq  bigint NOT NULL CHECK (last_seq >= 0)
      )`);
    // Carry every year on from the highest number it gave out: the stored cases, or its sequence when that went
    // further (a failed intake leaves a gap, and numbers are never reused).
    await db.query(`INSERT INTO case_number_counters (year, last_seq) SELECT year, max(seq) FROM cases GROUP BY year`);
    await db.query(`
      DO $$
      DECLARE counter record;
      BEGIN
        FOR counter IN
          SELECT sequencename, last_value FROM pg_sequences
           WHERE schemaname = current_schema() AND sequencename ~ '^case_number_[0-9]{4}$'
        LOOP
          INSERT INTO case_number_counters (year, last_seq)
          VALUES (substr(counter.sequencename, 13)::smallint, coalesce(counter.last_value, 0))
          ON CONFLICT (year) DO UPDATE SET last_seq = greatest(case_number_counters.last_seq, excluded.last_seq);
          EXECUTE format('DROP SEQUENCE %I', counter.sequencename);
        END LOOP;
      END $$`);

    await db.query(`
      ALTER TABLE users
        ADD COLUMN disabled_at    timestamptz,
        ADD COLUMN token_version  integer NOT NULL DEFAULT 0 CHECK (token_version >= 0)`);
    // What every api process reloads every few seconds: only accounts whose tokens were ever revoked.
    await db.query(`CREATE INDEX users_revoked_idx ON users (id) WHERE token_version > 0 OR disabled_at IS NOT NULL`);

    // Stored responses held tracking codes in clear; the records only serve replays within 24 hours, so they are
    // dropped rather than carried over (an agent retrying across the upgrade gets a new case, not a replay).
    await db.query(`DELETE FROM idempotency_keys`);
    await db.query(`ALTER TABLE idempotency_keys DROP COLUMN response, ADD COLUMN sealed_response bytea NOT NULL`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DELETE FROM idempotency_keys`);
    await db.query(`ALTER TABLE idempotency_keys DROP COLUMN sealed_response, ADD COLUMN response jsonb NOT NULL`);
    await db.query(`DROP INDEX users_revoked_idx`);
    await db.query(`ALTER TABLE users DROP COLUMN disabled_at, DROP COLUMN token_version`);
    await db.query(`
      DO $$
      DECLARE counter record;
      BEGIN
        FOR counter IN SELECT year, last_seq FROM case_number_counters LOOP
          EXECUTE format('CREATE SEQUENCE %I AS bigint', 'case_number_' || counter.year);
          IF counter.last_seq > 0 THEN
            PERFORM setval(format('%I', 'case_number_' || counter.year)::regclass, counter.last_seq);
          END IF;
        END LOOP;
      END $$`);
    await db.query(`DROP TABLE case_number_counters`);
  }
}
