import { types } from 'pg';
import { DataSource, DataSourceOptions } from 'typeorm';
import { grantDataRights } from './app-role';
import { MIGRATIONS } from './migrations';

/** A `date` is a business date (`YYYY-MM-DD`): keep it as text instead of a Date at local midnight. */
const PG_DATE_OID = 1082;
types.setTypeParser(PG_DATE_OID, (value) => value);

/**
 * How long a query waits for a connection (a new one, or a free one of the pool) before failing: while PostgreSQL
 * is down or unreachable, requests fail fast with a 503 instead of hanging (pg's default is to wait for ever).
 */
export const DATABASE_CONNECT_TIMEOUT_MS = 5_000;

export function dataSourceOptions(databaseUrl: string, poolSize = 5): DataSourceOptions {
  return {
    type: 'postgres',
    url: databaseUrl,
    migrations: MIGRATIONS,
    migrationsTransactionMode: 'each',
    synchronize: false,
    extra: { max: poolSize, application_name: 'contact-centre', connectionTimeoutMillis: DATABASE_CONNECT_TIMEOUT_MS },
  };
}

/** Any constant shared by every process that migrates: two `npm start`s on one database take turns. */
const MIGRATION_LOCK_KEY = 7_311_2026;

/**
 * Applies pending migrations as the owner (`adminUrl`), holding an advisory lock meanwhile, then gives the role of
 * `appUrl` its data rights ({@link grantDataRights}); returns the names of the migrations it ran.
 */
export async function runMigrations(adminUrl: string, appUrl = adminUrl): Promise<string[]> {
  const dataSource = new DataSource(dataSourceOptions(adminUrl));
  await dataSource.initialize();
  const lock = dataSource.createQueryRunner();
  try {
    await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    await grantDataRights(dataSource, appUrl);
    return applied.map((migration) => migration.name);
  } finally {
    await lock.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    await lock.release();
    await dataSource.destroy();
  }
}
