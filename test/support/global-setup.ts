import { Client } from 'pg';
// Jest's moduleNameMapper does not apply to globalSetup, so the alias @app/core cannot be used here.
import { runMigrations } from '../../libs/core/src/database/data-source';
import { TEST_APP_DATABASE_URL, TEST_DATABASE_URL } from './test-env';

/** Creates a fresh test database, migrates it and gives the api's role its data rights, once per run. */
export default async function globalSetup(): Promise<void> {
  const name = decodeURIComponent(new URL(TEST_DATABASE_URL).pathname.slice(1));
  if (!name.endsWith('_test')) {
    throw new Error(`Refusing to recreate ${name}: the test database's name must end in _test.`);
  }
  const admin = new URL(TEST_DATABASE_URL);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await client.query(`CREATE DATABASE "${name}"`);
  } finally {
    await client.end();
  }
  await runMigrations(TEST_DATABASE_URL, TEST_APP_DATABASE_URL);
}
