'use strict';
// `npm test`: check the services the tests need, install if needed, then run every jest project.
const { spawnSync } = require('node:child_process');
const { DEFAULT_REDIS_URL, loadEnvironment, requireServices } = require('./services');

// The same default as test/support/test-env.ts (which jest loads; this script runs before any install).
const DEFAULT_TEST_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/contact_centre_test';

async function main() {
  loadEnvironment();
  await requireServices({
    databaseUrl: process.env.TEST_DATABASE_URL || DEFAULT_TEST_DATABASE_URL,
    redisUrl: process.env.REDIS_URL || DEFAULT_REDIS_URL,
  });
  require('./setup').ensureInstalled();
  const jest = require.resolve('jest/bin/jest');
  const { status } = spawnSync(process.execPath, [jest, '--runInBand', ...process.argv.slice(2)], { stdio: 'inherit' });
  process.exit(status ?? 1);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
