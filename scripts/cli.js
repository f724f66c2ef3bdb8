'use strict';
// `npm run cli -- <command>` and `npm run migrate`: build if needed, then run the command-line app.
const { DEFAULT_DATABASE_URL, DEFAULT_REDIS_URL, loadEnvironment, requireServices } = require('./services');

async function main() {
  loadEnvironment();
  const databaseUrl = process.env.DATABASE_URL || DEFAULT_DATABASE_URL;
  await requireServices({ databaseUrl, redisUrl: process.env.REDIS_URL || DEFAULT_REDIS_URL });
  const setup = require('./setup');
  setup.ensureInstalled();
  setup.ensureSecrets();
  await setup.ensureDatabase(databaseUrl);
  setup.ensureBuilt();
  setup.cli(process.argv.slice(2));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
