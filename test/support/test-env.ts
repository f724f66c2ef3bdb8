/**
 * The environment every end-to-end test runs in: its own database and Redis key prefix, never the developer's. The
 * database is migrated by its owner (TEST_DATABASE_URL) and the api under test works as a role with data rights
 * only, as in production, so that anything needing more (DDL at request time) fails a test.
 */
export const TEST_DATABASE_URL =
  process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/contact_centre_test';

function appRoleUrl(ownerUrl: string): string {
  const url = new URL(ownerUrl);
  url.username = 'cc_test_app';
  url.password = 'cc-test-app-password';
  return url.toString();
}

export const TEST_APP_DATABASE_URL = process.env.TEST_APP_DATABASE_URL || appRoleUrl(TEST_DATABASE_URL);

export const TEST_ENV: Record<string, string> = {
  NODE_ENV: 'test',
  DATABASE_URL: TEST_APP_DATABASE_URL,
  DATABASE_ADMIN_URL: TEST_DATABASE_URL,
  REDIS_URL: process.env.REDIS_URL || 'redis://127.0.0.1:6379',
  // Parallel runs on one machine take a database and a key prefix each.
  REDIS_PREFIX: process.env.TEST_REDIS_PREFIX || 'cc-test:',
  JWT_SECRET: 'test-only-jwt-secret-0123456789abcdefghijklmnop',
  TRACKING_CODE_SECRET: 'test-only-tracking-secret-0123456789abcdefghij',
  LOG_LEVEL: 'silent',
  DATABASE_POOL_SIZE: '10',
  // Revoked tokens are noticed within this; production's default is 15 s.
  REVOCATION_REFRESH_MS: '200',
  // supertest connects over loopback: X-Forwarded-For then plays the client address (sign-in throttling tests).
  TRUST_PROXY: 'loopback',
  // TEST-NET-1 plays the city's own network in the sign-in throttling tests.
  SIGNIN_TRUSTED_NETWORKS: '192.0.2.0/24',
};
