import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Residents' doors (issue #9): API keys for Open311 clients (only a hash of each key is kept), the extra attributes
 * a category asks for (Open311 service definitions) with a description for its service, and on the case the
 * attribute values and the photo address an Open311 request brought.
 */
export class Open3111764500000000 implements MigrationInterface {
  name = 'Open3111764500000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`SET LOCAL lock_timeout = '5s'`);
    await db.query(`
      CREATE TABLE api_keys (
        id            uuid PRIMARY KEY,
        name          text NOT NULL CHECK (name ~ '^[A-Za-z0-9][A-Za-z0-9_.@-]{1,63}$'),
        -- SHA-256 of the key: keys are 256 random bits, so a fast hash cannot be reversed by guessing.
        key_hash      text NOT NULL UNIQUE,
        created_at    timestamptz NOT NULL DEFAULT now(),
        revoked_at    timestamptz,
        last_used_at  timestamptz
      )`);
    // One live key per name, so that revoking by name is unambiguous; revoked keys stay on record.
    await db.query(`CREATE UNIQUE INDEX api_keys_live_name_key ON api_keys (lower(name)) WHERE revoked_at IS NULL`);

    await db.query(`ALTER TABLE categories ADD COLUMN description text CHECK (length(description) <= 1000)`);
    await db.query(`
      ALTER TABLE categories ADD COLUMN attributes jsonb NOT NULL DEFAULT '[]'
        CHECK (jsonb_typeof(attributes) = 'array')`);

    await db.query(`ALTER TABLE cases ADD COLUMN attributes jsonb CHECK (jsonb_typeof(attributes) = 'object')`);
    await db.query(`ALTER TABLE cases ADD COLUMN media_url text CHECK (length(media_url) <= 2000)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE cases DROP COLUMN media_url`);
    await db.query(`ALTER TABLE cases DROP COLUMN attributes`);
    await db.query(`ALTER TABLE categories DROP COLUMN attributes`);
    await db.query(`ALTER TABLE categories DROP COLUMN description`);
    await db.query(`DROP TABLE api_keys`);
  }
}
