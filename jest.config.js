'use strict';
// Three projects: `unit` (pure rules, beside the code), `e2e` (HTTP against the real PostgreSQL and Redis) and
// `browser` (the web front end's journeys in headless Chromium, against the same).
const shared = {
  moduleFileExtensions: ['js', 'json', 'ts'],
  rootDir: __dirname,
  testEnvironment: 'node',
  // Type errors are caught by `npm run typecheck`; tests only transpile, which keeps them fast.
  transform: { '^.+\\.(ts|js)$': ['ts-jest', { tsconfig: { isolatedModules: true, allowJs: true } }] },
  // ESM-only dependencies (of @fastify/static, and cookie, which @fastify/cookie imports) are compiled to CommonJS for
  // jest, which can neither require(esm) on Node 20 nor import() without --experimental-vm-modules.
  transformIgnorePatterns: ['/node_modules/(?!(content-disposition|cookie|@fastify/cookie)/)'],
  moduleNameMapper: { '^@app/(.*)$': '<rootDir>/libs/$1/src' },
};

module.exports = {
  // Also here: jest-circus times hooks (beforeAll) by the run's own setting, not always the project's.
  testTimeout: 15_000,
  projects: [
    { ...shared, displayName: 'unit', testMatch: ['<rootDir>/libs/**/*.spec.ts', '<rootDir>/apps/**/*.spec.ts'] },
    {
      ...shared,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
      setupFiles: ['<rootDir>/test/support/env.ts'],
      // Every answer a test receives is held to the OpenAPI document (see test/support/openapi-conformance.ts).
      setupFilesAfterEnv: ['<rootDir>/test/support/conforming-answers.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      slowTestThreshold: 20,
      // Real services and password hashing: a set-up that takes 2 s on a quiet machine can take 8 on a busy one.
      testTimeout: 15_000,
    },
    {
      ...shared,
      displayName: 'browser',
      testMatch: ['<rootDir>/test/browser/**/*.browser-spec.ts'],
      setupFiles: ['<rootDir>/test/support/env.ts'],
      // The api answers the pages' calls too: each answer is held to the OpenAPI document, as in e2e.
      setupFilesAfterEnv: ['<rootDir>/test/support/conforming-answers.ts'],
      globalSetup: '<rootDir>/test/browser/support/global-setup.ts',
      slowTestThreshold: 60,
      testTimeout: 60_000,
    },
  ],
};
