'use strict';
/**
 * Intake benchmark against a running api (`npm start`): authenticated POST /cases and GET /cases/{number}, each
 * beside a calibration run in the same sitting, so that a noisy shared machine cannot fake a change:
 * - reads against the bare read path (bench/bare-read.js: Fastify + JWT check + one prepared SELECT, no product),
 *   in alternating rounds of 10 s;
 * - creations against raw PostgreSQL (pgbench running the api's two intake statements, bench/pgbench-intake.sql).
 *   node bench/intake.js [--connections 50] [--duration 30] [--no-calibration] [--categories a,b,…]
 * `--categories` cycles the creations over several categories (default: dziura-w-jezdni, all into one unit, so every
 * intake takes that unit's assignment lock); with categories of different units it shows whether units wait for
 * each other.
 * Env: BASE_URL (http://127.0.0.1:3000), BENCH_USERNAME / BENCH_PASSWORD (the demo agent), DATABASE_ADMIN_URL or
 * DATABASE_URL (for pgbench; from .env).
 * Floors (issue #2): ≥ 800 creations/s with p99 ≤ 100 ms; ≥ 3,000 reads/s.
 * Targets (issue #5): reads ≥ 0.8 × the bare path with p99 ≤ 1.5 × its p99; creations ≥ 0.5 × raw PostgreSQL.
 */
const { spawnSync } = require('node:child_process');
const path = require('node:path');
const { parseArgs } = require('node:util');
const { Client } = require('pg');
const { describeMachine } = require('./machine');
const { combineRounds, ratio, runAutocannon, signIn, startBareReadPath } = require('./common');

process.loadEnvFile?.(path.resolve(__dirname, '..', '.env'));
const { values: args } = parseArgs({
  options: {
    connections: { type: 'string', default: '50' },
    duration: { type: 'string', default: '30' },
    'no-calibration': { type: 'boolean', default: false },
    categories: { type: 'string', default: 'dziura-w-jezdni' },
  },
});
const BASE_URL = process.env.BASE_URL || 'http://127.0.0.1:3000';
const BARE_PORT = 3100;
const BARE_URL = `http://127.0.0.1:${BARE_PORT}`;
/** Rounds of 10 s each, alternating the api and the bare read path. */
const READ_ROUNDS = 3;
const DATABASE_URL =
  process.env.DATABASE_ADMIN_URL || process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/contact_centre';
const connections = Number(args.connections);
const categories = args.categories.split(',');
const duration = Number(args.duration);

async function someCaseNumbers(authorization) {
  const response = await fetch(`${BASE_URL}/api/v1/cases?limit=500`, { headers: { authorization } });
  const numbers = (await response.json()).items.map((item) => item.number);
  if (!numbers.length) throw new Error('No cases to read.');
  return numbers;
}

function run(title, options) {
  return runAutocannon(title, { url: BASE_URL, connections, duration, ...options });
}

function summarise(name, result) {
  return {
    name,
    requestsPerSecond: Math.round(result['2xx'] / (result.duration || duration)),
    latencyMs: { p50: result.latency.p50, p90: result.latency.p90, p99: result.latency.p99, max: result.latency.max },
    ok: result['2xx'],
    failed: result.non2xx + result.errors + result.timeouts,
  };
}

/** pgbench with the api's intake statements on copies of the real tables; returns transactions per second. */
async function rawPostgresIntake() {
  const db = new Client({ connectionString: DATABASE_URL });
  await db.connect();
  const setUp = [
    'DROP SCHEMA IF EXISTS bench_raw CASCADE',
    'CREATE SCHEMA bench_raw',
    'CREATE TABLE bench_raw.cases (LIKE public.cases INCLUDING ALL)',
    'CREATE TABLE bench_raw.case_events (LIKE public.case_events INCLUDING ALL)',
    'CREATE TABLE bench_raw.case_number_counters (LIKE public.case_number_counters INCLUDING ALL)',
  ];
  try {
    for (const statement of setUp) await db.query(statement);
    process.stderr.write(`pgbench (raw PostgreSQL intake): ${connections} clients for ${duration} s…\n`);
    const { stdout, status, stderr } = spawnSync(
      'pgbench',
      ['-n', '-M', 'prepared', '-c', String(connections), '-j', '2', '-T', String(duration), '-r'].concat([
        '-f',
        path.join(__dirname, 'pgbench-intake.sql'),
        DATABASE_URL,
      ]),
      { encoding: 'utf8' },
    );
    if (status !== 0) throw new Error(`pgbench failed: ${stderr}`);
    const tps = Number(/tps = ([\d.]+) \(without initial connection time\)/.exec(stdout)?.[1]);
    const latency = Number(/latency average = ([\d.]+) ms/.exec(stdout)?.[1]);
    return {
      name: 'pgbench intake (raw PostgreSQL)',
      requestsPerSecond: Math.round(tps),
      latencyMs: { average: latency },
    };
  } finally {
    await db.query('DROP SCHEMA IF EXISTS bench_raw CASCADE');
    await db.end();
  }
}

async function main() {
  const authorization = await signIn(BASE_URL);
  const headers = { authorization, 'content-type': 'application/json' };
  // Fixed request lists (cycled by autocannon) keep the load generator cheap: it shares the machine with the api.
  const creations = summarise(
    'POST /cases (create)',
    await run('POST /cases', {
      method: 'POST',
      headers,
      requests: Array.from({ length: 100 }, (_, index) => ({
        path: '/api/v1/cases',
        body: JSON.stringify({
          channel: 'phone',
          categoryCode: categories[index % categories.length],
          subject: `Dziura w jezdni, zgłoszenie testowe ${index}`,
          description: 'Benchmark: głęboka dziura przy przystanku, zagraża rowerzystom.',
          resident: { name: 'Jan Testowy', phone: `+48 600 100 ${String(index).padStart(3, '0')}` },
          location: { address: 'Grunwaldzka 100', district: 'Wrzeszcz' },
        }),
      })),
    }),
  );
  const readRequests = (await someCaseNumbers(authorization)).map((number) => ({ path: `/api/v1/cases/${number}` }));
  const readsOf = (title, url) => run(title, { url, headers: { authorization }, requests: readRequests, duration: 10 });
  const report = {
    at: new Date().toISOString(),
    machine: describeMachine(),
    connections,
    durationSeconds: duration,
    categories,
  };
  if (args['no-calibration']) {
    const reads = summarise(
      'GET /cases/{number} (read)',
      await run('GET /cases/{number}', { headers: { authorization }, requests: readRequests }),
    );
    const floors = floorsOf(creations, reads);
    console.log(JSON.stringify({ ...report, results: [creations, reads], floors }, null, 2));
    if (!Object.values(floors).every(Boolean)) process.exitCode = 1;
    return;
  }

  // Writes beside writes: raw PostgreSQL right after the api's creations, on the same tables' copies.
  const rawIntake = await rawPostgresIntake();
  // Reads beside reads, alternating in short rounds so that the machine's drift hits both alike.
  const stopBare = await startBareReadPath(BARE_PORT);
  const apiRounds = [];
  const bareRounds = [];
  try {
    await readsOf('bare read path (warm-up: its JIT starts cold)', BARE_URL);
    for (let round = 0; round < READ_ROUNDS; round++) {
      apiRounds.push(await readsOf(`GET /cases/{number}, round ${round + 1}`, BASE_URL));
      bareRounds.push(await readsOf(`bare read path, round ${round + 1}`, BARE_URL));
    }
  } finally {
    stopBare();
  }
  const reads = combineRounds('GET /cases/{number} (read)', apiRounds);
  const bareReads = combineRounds('GET /cases/{number} (bare read path)', bareRounds);
  const floors = floorsOf(creations, reads);
  const ratios = {
    readsToBare: ratio(reads.requestsPerSecond, bareReads.requestsPerSecond),
    readP99ToBare: ratio(reads.latencyMs.p99, bareReads.latencyMs.p99),
    creationsToRawPostgres: ratio(creations.requestsPerSecond, rawIntake.requestsPerSecond),
  };
  const targets = {
    readsToBare: ratios.readsToBare >= 0.8,
    readP99ToBare: ratios.readP99ToBare <= 1.5,
    creationsToRawPostgres: ratios.creationsToRawPostgres >= 0.5,
  };
  console.log(
    JSON.stringify({ ...report, results: [creations, reads, bareReads, rawIntake], ratios, targets, floors }, null, 2),
  );
  if (![...Object.values(floors), ...Object.values(targets)].every(Boolean)) process.exitCode = 1;
}

function floorsOf(creations, reads) {
  return {
    creationsPerSecond: creations.requestsPerSecond >= 800 && creations.latencyMs.p99 <= 100,
    readsPerSecond: reads.requestsPerSecond >= 3000,
    noErrors: creations.failed === 0 && reads.failed === 0,
  };
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
