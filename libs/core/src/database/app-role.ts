import { DataSource } from 'typeorm';

/** TypeORM's record of applied migrations: the owner's business alone. */
const MIGRATIONS_TABLE = 'migrations';
/**
 * Tables the api only reads, but for the columns named: the Open311 API keys are made and revoked by the command
 * line (as the owner); the api checks them and notes when each was last used, so a compromised api process cannot
 * mint a key or bring a revoked one back.
 */
const READ_MOSTLY_TABLES: Record<string, string[]> = { api_keys: ['last_used_at'] };

/**
 * Gives the role of the api and worker (`DATABASE_URL`) data rights, and nothing more, on everything the migrations
 * made: SELECT, INSERT, UPDATE, DELETE on the tables (less on {@link READ_MOSTLY_TABLES}), USAGE on the sequences
 * behind serial ids. Run by the owner
 * after every migration, so that a new table is usable at once. The role is created (with the password in the URL)
 * when it does not exist yet and the owner may create roles. Nothing is done when both URLs name the same role.
 * Returns the role given rights, or null.
 */
export async function grantDataRights(owner: DataSource, appDatabaseUrl: string): Promise<string | null> {
  const url = new URL(appDatabaseUrl);
  const role = decodeURIComponent(url.username);
  const [{ current }] = await owner.query(`SELECT current_user AS current`);
  if (!role || role === current) return null;

  const [{ exists }] = await owner.query(`SELECT exists (SELECT 1 FROM pg_roles WHERE rolname = $1) AS exists`, [role]);
  if (!exists) {
    const password = url.password ? decodeURIComponent(url.password) : null;
    await execute(
      owner,
      password === null ? `CREATE ROLE %I LOGIN` : `CREATE ROLE %I LOGIN PASSWORD %L`,
      password === null ? [role] : [role, password],
    ).catch((error: Error) => {
      throw new Error(
        `The role ${role} of DATABASE_URL does not exist and ${current} may not create it (${error.message}). ` +
          'Create it (CREATE ROLE … LOGIN PASSWORD …) or give DATABASE_ADMIN_URL a role with CREATEROLE.',
      );
    });
  }
  await execute(owner, `GRANT CONNECT ON DATABASE %I TO %I`, [await one(owner, `current_database()`), role]);
  const schema = await one(owner, `current_schema()`);
  await execute(owner, `GRANT USAGE ON SCHEMA %I TO %I`, [schema, role]);
  await execute(owner, `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA %I TO %I`, [schema, role]);
  await execute(owner, `GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA %I TO %I`, [schema, role]);
  await execute(owner, `REVOKE ALL ON TABLE %I FROM %I`, [MIGRATIONS_TABLE, role]);
  for (const [table, columns] of Object.entries(READ_MOSTLY_TABLES)) {
    await execute(owner, `REVOKE INSERT, UPDATE, DELETE ON TABLE %I FROM %I`, [table, role]);
    for (const column of columns) await execute(owner, `GRANT UPDATE (%I) ON TABLE %I TO %I`, [column, table, role]);
  }
  return role;
}

async function one(db: DataSource, expression: string): Promise<string> {
  const [{ value }] = await db.query(`SELECT ${expression} AS value`);
  return value;
}

/** Runs a statement whose identifiers and literals PostgreSQL's own format() quotes (DDL takes no parameters). */
async function execute(db: DataSource, template: string, values: string[]): Promise<void> {
  const placeholders = values.map((_, index) => `$${index + 2}::text`).join(', ');
  const [{ statement }] = await db.query(`SELECT format($1, ${placeholders}) AS statement`, [template, ...values]);
  await db.query(statement);
}
