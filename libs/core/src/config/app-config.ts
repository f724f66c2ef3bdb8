import { BlockList, isIPv4, isIPv6 } from 'node:net';
import { resolve } from 'node:path';

/** Typed, validated settings. Everything comes from the environment; defaults suit a developer machine. */
export interface AppConfig {
  port: number;
  /** Address to listen on. */
  host: string;
  /** The role the api and worker work as: data rights (SELECT, INSERT, UPDATE, DELETE) are enough. */
  databaseUrl: string;
  /** The owner role that creates the database and runs migrations; `DATABASE_URL` when not set. */
  databaseAdminUrl: string;
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
  /** How often each api process reloads which tokens are revoked (disabled accounts, changed roles). */
  revocationRefreshMs: number;
  /** `NODE_ENV=production`: demo data is refused and the API documentation is off unless asked for. */
  production: boolean;
  /** Origins (e.g. `https://cc.gdansk.pl`) whose browser pages may call the api; none unless configured. */
  corsOrigins: string[];
  /** Whether `/api/docs` and `/api/docs-json` are served (`API_DOCS=1|0`; on by default outside production). */
  apiDocs: boolean;
  /**
   * The city's own networks (`SIGNIN_TRUSTED_NETWORKS`, CIDRs): sign-ins from them count as from a known address, so
   * the per-username ceiling of failed sign-ins never keeps staff out of their offices (ADR 0009).
   */
  signInTrustedNetworks: BlockList;
  /**
   * Whether the staff session cookie (`cc_session`, ADR 0014) carries `Secure`, so that browsers send it over HTTPS
   * only (`SESSION_COOKIE_SECURE=1|0`; on by default in production).
   */
  sessionCookieSecure: boolean;
  /** Jobs each worker process runs at once per queue (`QUEUE_CONCURRENCY`): mostly waiting on PostgreSQL. */
  queueConcurrency: number;
  /**
   * How long a worker's hold on a running job lasts without renewal (`QUEUE_LOCK_MS`); a worker that died mid-job
   * (kill -9) loses it after this, and the job runs again elsewhere. Also how often stalled jobs are looked for.
   */
  queueLockMs: number;
  /** How often an idle outbox relay looks for new rows (`OUTBOX_POLL_MS`). */
  outboxPollMs: number;
  /** How often an idle worker folds the reports' pending deltas into the rollups (`ROLLUP_FOLD_MS`). */
  rollupFoldMs: number;
  /** Wrong tracking look-ups one client address may make in an hour (`TRACKING_FAILURES_PER_HOUR`), then 429. */
  trackingFailuresPerHour: number;
  /** Requests one Open311 API key may post in a minute (`OPEN311_POSTS_PER_MINUTE`), then 429. */
  open311PostsPerMinute: number;
  /** Open311 reads one client address may make in a minute (`OPEN311_READS_PER_MINUTE`), then 429. */
  open311ReadsPerMinute: number;
  /** Visits one client address may book in a minute without a staff token (`VISIT_BOOKINGS_PER_MINUTE`), then 429. */
  visitBookingsPerMinute: number;
  /** The built web front end (`WEB_ROOT`, default `dist/web` of the working directory), served by the api at `/`. */
  webRoot: string;
  /**
   * The address the public reaches this system at (`PUBLIC_URL`, e.g. `https://cc.gdansk.pl`), named in Open311's
   * discovery document; `http://localhost:PORT` when not set.
   */
  publicUrl: string;
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

function flag(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (raw !== '0' && raw !== '1') throw new Error(`${name} must be 1 or 0, got "${raw}"`);
  return raw === '1';
}

/** `CORS_ORIGINS`: comma-separated origins, each a scheme, host and optional port (no path). */
function corsOrigins(raw: string | undefined): string[] {
  const origins = (raw ?? '')
    .split(',')
    .map((origin) => origin.trim())
    .filter(Boolean);
  for (const origin of origins) {
    if (!/^https?:\/\/[A-Za-z0-9.-]+(:\d{1,5})?$/.test(origin)) {
      throw new Error(`CORS_ORIGINS must list origins like https://cc.example.pl, got "${origin}"`);
    }
  }
  return origins;
}

/** `PUBLIC_URL`: a scheme, host and optional port and path, without a trailing slash. */
function publicUrl(raw: string | undefined, port: number): string {
  if (!raw) return `http://localhost:${port}`;
  if (!/^https?:\/\/[A-Za-z0-9.-]+(:\d{1,5})?(\/[A-Za-z0-9._~/-]*)?$/.test(raw)) {
    throw new Error(`PUBLIC_URL must be an address like https://cc.example.pl, got "${raw}"`);
  }
  return raw.replace(/\/+$/, '');
}

/** `SIGNIN_TRUSTED_NETWORKS`: comma-separated CIDRs, IPv4 or IPv6 (`10.20.0.0/16, 2001:db8::/48`). */
function trustedNetworks(raw: string | undefined): BlockList {
  const networks = new BlockList();
  for (const cidr of (raw ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean)) {
    const [address, prefix] = cidr.split('/');
    const family = isIPv4(address) ? 'ipv4' : isIPv6(address) ? 'ipv6' : null;
    const bits = Number(prefix);
    if (!family || !Number.isInteger(bits) || bits < 0 || bits > (family === 'ipv4' ? 32 : 128)) {
      throw new Error(`SIGNIN_TRUSTED_NETWORKS must list CIDRs like 10.20.0.0/16, got "${cidr}"`);
    }
    networks.addSubnet(address, bits, family);
  }
  return networks;
}

/**
 * Reads and checks the configuration; a missing secret, a malformed number or a setting unsafe for production stops
 * the process at start.
 */
export function appConfigFromEnv(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const production = env.NODE_ENV === 'production';
  if (production && env.DEMO_DATA === '1') {
    throw new Error(
      'DEMO_DATA=1 is refused with NODE_ENV=production: demo data brings accounts with a published password. ' +
        'Remove DEMO_DATA (or set it to 0) and create real accounts with npm run cli -- users:add.',
    );
  }
  if (production && env.TRUST_PROXY === 'true') {
    throw new Error(
      'TRUST_PROXY=true is refused with NODE_ENV=production: any client could then choose its own address and ' +
        "use up others' sign-in allowance. Give the number of proxy hops (1) or the proxies' addresses/CIDRs.",
    );
  }
  return {
    port: integer(env, 'PORT', 3000),
    host: env.HOST || '0.0.0.0',
    databaseUrl: env.DATABASE_URL || DEFAULT_DATABASE_URL,
    databaseAdminUrl: env.DATABASE_ADMIN_URL || env.DATABASE_URL || DEFAULT_DATABASE_URL,
    databasePoolSize: integer(env, 'DATABASE_POOL_SIZE', 8),
    redisUrl: env.REDIS_URL || DEFAULT_REDIS_URL,
    redisPrefix: env.REDIS_PREFIX || 'cc:',
    jwtSecret: requireSecret(env, 'JWT_SECRET'),
    jwtTtlSeconds: integer(env, 'JWT_TTL_SECONDS', 8 * 3600),
    trackingCodeSecret: requireSecret(env, 'TRACKING_CODE_SECRET'),
    trustProxy: trustProxy(env.TRUST_PROXY),
    revocationRefreshMs: integer(env, 'REVOCATION_REFRESH_MS', 15_000),
    production,
    corsOrigins: corsOrigins(env.CORS_ORIGINS),
    apiDocs: flag(env, 'API_DOCS', !production),
    signInTrustedNetworks: trustedNetworks(env.SIGNIN_TRUSTED_NETWORKS),
    sessionCookieSecure: flag(env, 'SESSION_COOKIE_SECURE', production),
    queueConcurrency: integer(env, 'QUEUE_CONCURRENCY', 32),
    queueLockMs: integer(env, 'QUEUE_LOCK_MS', 30_000),
    outboxPollMs: integer(env, 'OUTBOX_POLL_MS', 200),
    rollupFoldMs: integer(env, 'ROLLUP_FOLD_MS', 1000),
    trackingFailuresPerHour: integer(env, 'TRACKING_FAILURES_PER_HOUR', 100),
    open311PostsPerMinute: integer(env, 'OPEN311_POSTS_PER_MINUTE', 60),
    open311ReadsPerMinute: integer(env, 'OPEN311_READS_PER_MINUTE', 600),
    visitBookingsPerMinute: integer(env, 'VISIT_BOOKINGS_PER_MINUTE', 60),
    webRoot: resolve(env.WEB_ROOT || 'dist/web'),
    publicUrl: publicUrl(env.PUBLIC_URL, integer(env, 'PORT', 3000)),
  };
}
