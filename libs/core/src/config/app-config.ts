/** Typed, validated settings. Everything comes from the environment; defaults suit a developer machine. */
export interface AppConfig {
  port: number;
  /** Address to listen on. */
  host: string;
  databaseUrl: string;
  /**
   * PostgreSQL connections per process. Few beat many: on 2 cores shared with PostgreSQL, 6–8 connections gave the
   * best throughput and tail latency and 20 the worst (docs/adr/0006); about twice the database's cores in all.
   */
  databasePoolSize: number;
  redisUrl: string;
  /** Prefix for every Redis key this system writes, so that test runs never touch a live system's keys. */
  redisPrefix: string;
  jwtSecret: string;
  jwtTtlSeconds: number;
  trackingCodeSecret: string;
  trustProxy: boolean | number | string;
}

export const APP_CONFIG = Symbol('APP_CONFIG');

export const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/contact_centre';
export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';

const MIN_SECRET_LENGTH = 32;

function requireSecret(env: NodeJS.ProcessEnv, name: string): string {
  const value = env[name];
  if (!value || value.length < MIN_SECRET_LENGTH) {
    throw new Error(
      `${name} must be set to a random string of at least ${MIN_SECRET_LENGTH} characters ` +
        '(npm start writes one into .env on first run)',
    );
  }
  return value;
}

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) {
    throw new Error(`${name} must be a positive integer, got "${raw}"`);
  }
  return value;
}

function trustProxy(raw: string | undefined): boolean | number | string {
  if (!raw || raw === '0' || raw === 'false') return false;
  if (raw === 'true') return true;
  return /^\d+$/.test(raw) ? Number(raw) : raw;
}

/** Reads and checks the configuration; a missing secret or a malformed number stops the process at start. */
export function appConfigFromEnv(env: NodeJS.ProcessEnv = process.env): AppConfig {
  return {
    port: integer(env, 'PORT', 3000),
    host: env.HOST || '0.0.0.0',
    databaseUrl: env.DATABASE_URL || DEFAULT_DATABASE_URL,
    databasePoolSize: integer(env, 'DATABASE_POOL_SIZE', 8),
    redisUrl: env.REDIS_URL || DEFAULT_REDIS_URL,
    redisPrefix: env.REDIS_PREFIX || 'cc:',
    jwtSecret: requireSecret(env, 'JWT_SECRET'),
    jwtTtlSeconds: integer(env, 'JWT_TTL_SECONDS', 8 * 3600),
    trackingCodeSecret: requireSecret(env, 'TRACKING_CODE_SECRET'),
    trustProxy: trustProxy(env.TRUST_PROXY),
  };
}
