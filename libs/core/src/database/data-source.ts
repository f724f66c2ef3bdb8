import { types } from 'pg';
import { DataSource, DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from './migrations';

/** A `date` is a business date (`YYYY-MM-DD`): keep it as text instead of a Date at local midnight. */
const PG_DATE_OID = 1082;
types.setTypeParser(PG_DATE_OID, (value) => value);

export function dataSourceOptions(databaseUrl: string, poolSize = 5): DataSourceOptions {
  return {
    type: 'postgres',
    url: databaseUrl,
    migrations: MIGRATIONS,
    migrationsTransactionMode: 'each',
    synchronize: false,
    extra: { max: poolSize, application_name: 'contact-centre' },
  };
}

/** Any constant shared by every process that migrates: two `npm start`s on one database take turns. */
const MIGRATION_LOCK_KEY = 7_311_2026;

/** Applies pending migrations, holding an advisory lock meanwhile; returns the names of those it ran. */
export async function runMigrations(databaseUrl: string): Promise<string[]> {
  const dataSource = new DataSource(dataSourceOptions(databaseUrl));
  await dataSource.initialize();
  const lock = dataSource.createQueryRunner();
  try {
    await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((migration) => migration.name);
  } finally {
    await lock.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    await lock.release();
    await dataSource.destroy();
  }
}
