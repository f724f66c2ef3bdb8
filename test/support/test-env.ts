/** The environment every end-to-end test runs in: its own database and Redis key prefix, never the developer's. */
export const TEST_DATABASE_URL =
  process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/contact_centre_test';

export const TEST_ENV: Record<string, string> = {
  NODE_ENV: 'test',
  DATABASE_URL: TEST_DATABASE_URL,
  REDIS_URL: process.env.REDIS_URL || 'redis://127.0.0.1:6379',
  // Parallel runs on one machine take a database and a key prefix each.
  REDIS_PREFIX: process.env.TEST_REDIS_PREFIX || 'cc-test:',
  JWT_SECRET: 'test-only-jwt-secret-0123456789abcdefghijklmnop',
  TRACKING_CODE_SECRET: 'test-only-tracking-secret-0123456789abcdefghij',
  LOG_LEVEL: 'silent',
  DATABASE_POOL_SIZE: '10',
};
