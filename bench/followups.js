'use strict';
/**
 * Follow-ups becoming due (issue #7), against the real worker (built, from `dist/`) on a throw-away database:
 * 1. burst: `--burst` follow-ups (50,000) over `--cases` cases (5,000), all due at one instant T0 some seconds ahead,
 *    inserted in bulk with SQL as the schedule statement leaves them (follow-up row, `follow_up_scheduled` event,
 *    outbox row); `--workers` worker processes (2, default settings) relay them to BullMQ as delayed jobs before T0,
 *    then make them due. Rate = follow-ups ÷ (last became_due_at − T0). Floor: ≥ 1,000/s.
 * 2. raw PostgreSQL, same sitting: as many fresh scheduled follow-ups made due by the store's own markDue statement
 *    (the built FollowUpStore over plain `pg`), as many connections as the workers have (2 processes × a pool of 8 =
 *    16), as fast as possible.
 *    Floor: worker rate ÷ raw rate ≥ 0.3.
 * 3. steady: follow-ups falling due at `--steady-rate` per second (300) for `--steady-seconds` (30), scheduled
 *    through the outbox beforehand; became_due_at − due_at percentiles. Floor: p99 ≤ 2 s.
 * Every follow-up must end `due` with exactly one `follow_up_due` event, and no job may fail.
 *   npm run bench:followups [-- --burst 50000 --cases 5000 --steady-rate 300 --steady-seconds 30 --workers 2
 *                               --warmup 2000 --lead <s> --keep]
 * `--warmup` follow-ups (2,000) become due first, unmeasured, so that the workers' JIT is warm as in a running system;
 * `--lead` is how far ahead of the insert T0 lies (default: enough for the relay at about 4,000 rows/s). `--keep`
 * keeps the database for inspection (its Redis keys are removed all the same).
 * Env: BENCH_DATABASE_URL (postgres://postgres@127.0.0.1:5432/contact_centre_followups_drill; dropped and created
 * afresh, and dropped at the end), REDIS_URL, QUEUE_CONCURRENCY / DATABASE_POOL_SIZE / OUTBOX_POLL_MS (passed on to
 * the workers: try other settings without changing code), BENCH_TIMEOUT_S (900).
 */
const { spawnSync } = require('node:child_process');
const { randomBytes } = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { parseArgs } = require('node:util');
const lib = require('../drills/lib');
const setup = require('../scripts/setup');
const { describeMachine } = require('./machine');

const { values: args } = parseArgs({
  options: {
    burst: { type: 'string', default: '50000' },
    cases: { type: 'string', default: '5000' },
    'steady-rate': { type: 'string', default: '300' },
    'steady-seconds': { type: 'string', default: '30' },
    workers: { type: 'string', default: '2' },
    warmup: { type: 'string', default: '2000' },
    lead: { type: 'string' },
    keep: { type: 'boolean', default: false },
  },
});
const BURST = positive('burst');
const CASES = positive('cases');
const STEADY_RATE = positive('steady-rate');
const STEADY_SECONDS = positive('steady-seconds');
const WORKERS = positive('workers');
const WARMUP = Number(args.warmup);
const FLOORS = { burstPerSecond: 1000, rawRatio: 0.3, steadyP99Ms: 2000 };
const DATABASE_URL =
  process.env.BENCH_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/contact_centre_followups_drill';
const REDIS_URL = process.env.REDIS_URL || 'redis://127.0.0.1:6379';
const FOLLOW_UPS_QUEUE = 'follow-ups';
const ISO = (column) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

function positive(name) {
  const value = Number(args[name]);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`--${name} must be a positive integer`);
  return value;
}

/** A module of the built worker. */
const built = (file) => require(path.join(setup.ROOT, 'dist/apps/worker/libs', file));

/** Seconds between the insert and the first due instant: the insert itself, then the relay at ~4,000 rows/s. */
function leadSeconds(rows) {
  return args.lead ? Number(args.lead) : Math.ceil(6 + rows / 4000);
}

/**
 * Cases as intake leaves them (every NOT NULL column filled, numbers with their check digit, a `case_created` event
 * each), open and with deadlines a month ahead so that no SLA timer or sweep touches them; spread over every
 * category that routes to a unit.
 */
async function insertCases(db, count) {
  const { formatCaseNumber } = built('cases/src/domain/case-number.js');
  const year = new Date().getUTCFullYear();
  const { rows: categories } = await db.query(
    `SELECT code, unit_code FROM categories WHERE unit_code IS NOT NULL ORDER BY code`,
  );
  if (!categories.length) throw new Error('The demo catalogue has no category routed to a unit');
  const numbers = Array.from({ length: count }, (_, index) => formatCaseNumber(year, index + 1));
  await db.query(
    `WITH input AS (
       SELECT gen_random_uuid() AS id, number, seq::bigint AS seq, $2::text[] AS codes, $3::text[] AS units,
              now() - (random() * interval '14 days') AS received_at
         FROM unnest($1::text[]) WITH ORDINALITY AS n(number, seq)
     ), inserted AS (
       INSERT INTO cases (id, number, year, seq, status, channel, category_code, unit_code, priority, subject,
                          description, resident_name, resident_phone, received_at, created_at, updated_at, due_date,
                          due_at, version, tracking_code_hash, search_text)
       SELECT id, number, $4, seq, 'new', 'phone', codes[1 + seq % cardinality(codes)],
              units[1 + seq % cardinality(units)], 'normal', 'Prośba o oddzwonienie ' || seq,
              'Benchmark: mieszkaniec prosi o kontakt zwrotny.', 'Jan Testowy', '+48 600 100 ' || lpad((seq % 1000)::text, 3, '0'),
              received_at, received_at, received_at, (now() + interval '30 days')::date, now() + interval '30 days', 1,
              encode(sha256(id::text::bytea), 'hex'),
              'prosba o oddzwonienie ' || seq || ' jan testowy 48600100' || lpad((seq % 1000)::text, 3, '0')
         FROM input
       RETURNING id, number, status, channel, category_code, unit_code, priority, due_date, received_at
     )
     INSERT INTO case_events (case_id, type, at, actor, data)
     SELECT id, 'case_created', received_at, 'bench',
            jsonb_build_object('number', number, 'channel', channel, 'categoryCode', category_code,
                               'unitCode', unit_code, 'status', status, 'priority', priority, 'dueDate', due_date)
       FROM inserted ORDER BY number`,
    [numbers, categories.map((row) => row.code), categories.map((row) => row.unit_code), year],
  );
  await db.query(
    `INSERT INTO case_number_counters (year, last_seq) VALUES ($1, $2)
     ON CONFLICT (year) DO UPDATE SET last_seq = greatest(case_number_counters.last_seq, EXCLUDED.last_seq)`,
    [year, count],
  );
}

/**
 * `count` follow-ups on random cases, due from `firstDueAt` on, `spacingMs` apart (rounded to whole milliseconds, as
 * dueAt arrives through the api), written as FollowUpStore.schedule leaves them: the row `scheduled`, its
 * `follow_up_scheduled` event (data as eventData() writes it) and — with `outbox` — the delayed job's outbox row. The
 * note tags the phase.
 */
async function insertFollowUps(db, { count, firstDueAt, spacingMs, tag, actor, outbox }) {
  const started = Date.now();
  await db.query(
    `WITH c AS (SELECT array_agg(id ORDER BY id) AS ids FROM cases),
     f AS (
       INSERT INTO follow_ups (id, case_id, kind, status, due_at, note, created_by, created_at)
       SELECT gen_random_uuid(), c.ids[1 + floor(random() * cardinality(c.ids))::int],
              CASE WHEN i % 3 = 0 THEN 'reminder' ELSE 'callback' END, 'scheduled',
              $2::timestamptz + round(i * $3::float8) * interval '1 millisecond', $4, $5, now()
         FROM c, generate_series(0, $1::int - 1) AS i
       RETURNING id, case_id, kind, due_at, created_by, created_at
     ),
     e AS (
       INSERT INTO case_events (case_id, type, at, actor, data)
       SELECT case_id, 'follow_up_scheduled', created_at, created_by,
              jsonb_build_object('followUpId', id, 'kind', kind, 'dueAt', ${ISO('due_at')})
         FROM f ORDER BY due_at, id
     )
     INSERT INTO outbox (queue, name, payload, run_at)
     SELECT '${FOLLOW_UPS_QUEUE}', 'follow-up-due', jsonb_build_object('followUpId', id), due_at
       FROM f WHERE $6::boolean ORDER BY due_at, id`,
    [count, firstDueAt, spacingMs, tag, actor, outbox],
  );
  return Date.now() - started;
}

/** Machine-wide CPU and every process's CPU time so far, from /proc (Linux); null elsewhere. */
function cpuSnapshot() {
  try {
    const ticks = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
    const processes = new Map();
    for (const pid of fs.readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
      try {
        const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
        const cmdline = comm.startsWith('redis-server') ? fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8') : '';
        processes.set(Number(pid), { comm, cmdline, ticks: Number(fields[11]) + Number(fields[12]) });
      } catch {
        // Gone meanwhile.
      }
    }
    return {
      at: Date.now(),
      total: ticks.reduce((sum, value) => sum + value, 0),
      idle: ticks[3] + ticks[4],
      bench: process.cpuUsage(),
      processes,
    };
  } catch {
    return null;
  }
}

const CLOCK_TICKS = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout) || 100;

/**
 * Where the CPU went since `from`: the machine's busy share (all cores), and seconds of CPU of the workers,
 * PostgreSQL (this database's backends and the server's own processes, not other databases' backends), the Redis
 * server (shared with whoever else uses it), this script, and everything else ("other": the rest of a shared
 * machine). A process that ended within the window is missing from its group and counts as "other".
 */
async function cpuSince(db, from, { workerPids, items }) {
  const to = cpuSnapshot();
  if (!from || !to) return null;
  const { rows } = await db.query(
    `SELECT pid FROM pg_stat_activity WHERE datname = current_database() OR datname IS NULL`,
  );
  const postgresPids = new Set(rows.map((row) => row.pid));
  const redisPort = new URL(REDIS_URL).port || '6379';
  const used = { workers: 0, postgres: 0, redis: 0 };
  for (const [pid, { comm, cmdline, ticks }] of to.processes) {
    const delta = (ticks - (from.processes.get(pid)?.ticks ?? 0)) / CLOCK_TICKS;
    if (workerPids.includes(pid)) used.workers += delta;
    else if (comm === 'postgres' && postgresPids.has(pid)) used.postgres += delta;
    else if (comm.startsWith('redis-server') && cmdline.includes(`:${redisPort}`)) used.redis += delta;
  }
  used.bench = (to.bench.user + to.bench.system - from.bench.user - from.bench.system) / 1e6;
  const seconds = (to.at - from.at) / 1000;
  const busy = 1 - (to.idle - from.idle) / (to.total - from.total);
  const machine = busy * os.cpus().length * seconds;
  return {
    seconds: round(seconds, 1),
    machineBusyPercent: Math.round(busy * 100),
    cpuSeconds: {
      ...Object.fromEntries(Object.entries(used).map(([key, value]) => [key, round(value, 1)])),
      other: round(machine - Object.values(used).reduce((sum, value) => sum + value, 0), 1),
    },
    cpuMicrosecondsPerFollowUp: Object.fromEntries(
      Object.entries(used).map(([key, value]) => [key, Math.round((value / items) * 1e6)]),
    ),
  };
}

const round = (value, digits = 0) => Math.round(value * 10 ** digits) / 10 ** digits;
const pass = (ok) => (ok ? 'PASS' : 'FAIL');

/** The machine's busy share over `ms` before the run (other processes on a shared machine). */
async function busyBefore(ms) {
  const from = cpuSnapshot();
  await lib.sleep(ms);
  const to = cpuSnapshot();
  return from && to ? Math.round((1 - (to.idle - from.idle) / (to.total - from.total)) * 100) : null;
}

/** Percentiles (ms) of became_due_at − due_at and the spread of became_due_at after `since`, for one phase. */
async function dueFigures(db, tag, since) {
  const { rows } = await db.query(
    `SELECT count(*)::int AS n, count(*) FILTER (WHERE status = 'due')::int AS due,
            extract(epoch FROM min(became_due_at) - $2::timestamptz) * 1000 AS first_ms,
            extract(epoch FROM max(became_due_at) - $2::timestamptz) * 1000 AS last_ms,
            percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM became_due_at - $2::timestamptz)::float8)
              * 1000 AS median_ms,
            percentile_cont(ARRAY[0.5, 0.95, 0.99])
              WITHIN GROUP (ORDER BY extract(epoch FROM became_due_at - due_at)::float8) AS lateness_s,
            extract(epoch FROM max(became_due_at - due_at)) * 1000 AS max_lateness_ms,
            extract(epoch FROM min(became_due_at - due_at)) * 1000 AS min_lateness_ms
       FROM follow_ups WHERE note = $1`,
    [tag, since],
  );
  const row = rows[0];
  const [p50, p95, p99] = (row.lateness_s ?? []).map((value) => round(value * 1000));
  return {
    count: row.n,
    due: row.due,
    firstMs: round(row.first_ms ?? NaN),
    medianMs: round(row.median_ms ?? NaN),
    lastMs: round(row.last_ms ?? NaN),
    latenessMs: { p50, p95, p99, max: round(row.max_lateness_ms ?? NaN), min: round(row.min_lateness_ms ?? NaN) },
  };
}

/** Every follow-up of the phase is due once: status `due` and exactly one `follow_up_due` event, on its case. */
async function checkDueOnce(drill, db, tag, expected) {
  const { rows } = await db.query(
    `WITH events AS (
       SELECT (data ->> 'followUpId')::uuid AS id, case_id, count(*)::int AS n
         FROM case_events WHERE type = 'follow_up_due' GROUP BY 1, 2
     )
     SELECT count(*)::int AS total,
            count(*) FILTER (WHERE f.status = 'due' AND f.became_due_at IS NOT NULL)::int AS due,
            count(*) FILTER (WHERE e.n = 1)::int AS once,
            count(*) FILTER (WHERE e.n > 1)::int AS more,
            (SELECT count(*)::int FROM events x JOIN follow_ups g ON g.id = x.id
              WHERE g.note = $1 AND x.case_id <> g.case_id) AS wrong_case
       FROM follow_ups f LEFT JOIN events e ON e.id = f.id AND e.case_id = f.case_id
      WHERE f.note = $1`,
    [tag],
  );
  const row = rows[0];
  drill.check(
    `${tag}: every follow-up is due exactly once (${row.due} of ${expected} due, ${row.once} with one follow_up_due event)`,
    row.total === expected && row.due === expected && row.once === expected && row.more === 0 && row.wrong_case === 0,
    row.more || row.wrong_case ? `${row.more} with more than one event, ${row.wrong_case} on another case` : undefined,
  );
}

async function main() {
  const drill = new lib.Drill('followups', { timeoutSeconds: Number(process.env.BENCH_TIMEOUT_S || 900) });
  // The workers need secrets; random ones for this run keep .env untouched.
  for (const name of ['JWT_SECRET', 'TRACKING_CODE_SECRET']) {
    process.env[name] ||= randomBytes(32).toString('base64url');
  }
  const runId = Date.now().toString(36);
  const redisPrefix = `cc-bench-followups-${runId}:`;
  const cleanupScript = (code) => {
    const result = spawnSync(process.execPath, ['-e', code], { cwd: setup.ROOT, stdio: 'inherit', timeout: 30_000 });
    if (result.status !== 0) throw new Error(`exit ${result.status ?? result.signal}`);
  };
  // Synchronous (the exit handler runs them), after the children are killed.
  drill.onCleanup(() => {
    cleanupScript(
      `require('./drills/lib').dropRedisKeys(${JSON.stringify(REDIS_URL)}, ${JSON.stringify(redisPrefix)})` +
        `.catch((e) => { console.error(e.message); process.exit(1); })`,
    );
    console.log(`Removed the Redis keys ${redisPrefix}*.`);
  });
  drill.onCleanup(() => {
    if (args.keep) return console.log(`Kept the database: ${DATABASE_URL}`);
    cleanupScript(
      `require('./drills/lib').dropDatabase(${JSON.stringify(DATABASE_URL)})` +
        `.catch((e) => { console.error(e.message); process.exit(1); })`,
    );
    console.log(`Dropped the database ${new URL(DATABASE_URL).pathname.slice(1)}.`);
  });

  const machineBusyBefore = await busyBefore(3000);
  const loadBefore = os.loadavg().map((value) => round(value, 2));
  const user = await lib.freshDatabase(drill, DATABASE_URL);
  drill.arm();
  const { Client, Pool } = require('pg');
  const { Queue } = require('bullmq');
  const Redis = require('ioredis');
  const db = new Client({ connectionString: DATABASE_URL });
  await db.connect();
  const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
  const queue = new Queue(FOLLOW_UPS_QUEUE, { connection: redis, prefix: `${redisPrefix}bull` });

  drill.log(`Inserting ${CASES} cases…`);
  await insertCases(db, CASES);

  // The workers, each with the default settings (unless the environment says otherwise).
  const env = lib.systemEnv({ port: await lib.freePort(), databaseUrl: DATABASE_URL, redisPrefix });
  const config = built('core/src/config/app-config.js').appConfigFromEnv(env);
  const { RELAY_BATCH_SIZE } = built('outbox/src/outbox-relay.js');
  // As many connections as the workers have in all: 2 processes × a pool of 8 by default.
  const RAW_CONNECTIONS = WORKERS * config.databasePoolSize;
  const settings = {
    workers: WORKERS,
    queueConcurrency: config.queueConcurrency,
    databasePoolSize: config.databasePoolSize,
    queueLockMs: config.queueLockMs,
    outboxPollMs: config.outboxPollMs,
    relayBatchSize: RELAY_BATCH_SIZE,
    cases: CASES,
    warmup: WARMUP,
    burst: BURST,
    rawConnections: RAW_CONNECTIONS,
    steady: { perSecond: STEADY_RATE, seconds: STEADY_SECONDS, followUps: STEADY_RATE * STEADY_SECONDS },
    vacuumBeforeMeasuring: 'VACUUM ANALYZE follow_ups, case_events, outbox before the burst and the raw run',
  };
  drill.log(`Starting ${WORKERS} workers: ${JSON.stringify(settings)}`);
  const workers = [];
  for (let index = 1; index <= WORKERS; index++) {
    const child = drill.spawn(`worker-${index}`, process.execPath, lib.WORKER_ARGS, env);
    child.exited.then(({ code, signal }) => {
      if (!child.expectedExit)
        drill.abort(`worker-${index} exited (${signal ?? code}):\n${drill.tail(`worker-${index}`)}`);
    });
    workers.push(child);
  }
  if (!(await lib.waitFor(async () => (await queue.getWorkersCount()) >= WORKERS, 60_000))) {
    throw new Error(`The workers did not start within 60 s:\n${drill.tail('worker-1')}`);
  }
  /** When the relays had moved their first rows: what the workers logged before then belongs to their start. */
  let workersUpAt = null;
  const workerPids = workers.map((child) => child.pid);

  /** Inserts a phase's follow-ups, waits for the relay, then until all are due; returns what happened. */
  async function throughWorkers(tag, { count, spacingMs, measure }) {
    const lead = leadSeconds(count);
    const firstDueAt = new Date(Math.ceil((Date.now() + lead * 1000) / 1000) * 1000);
    const lastDueAt = new Date(firstDueAt.getTime() + Math.round((count - 1) * spacingMs));
    const insertMs = await insertFollowUps(db, {
      count,
      firstDueAt,
      spacingMs,
      tag,
      actor: user.username,
      outbox: true,
    });
    const insertedAt = Date.now();
    const relayed = await lib.waitFor(
      async () => (await db.query(`SELECT 1 FROM outbox WHERE relayed_at IS NULL LIMIT 1`)).rowCount === 0,
      Math.max(0, firstDueAt.getTime() - Date.now() + 60_000),
      100,
    );
    // Seen from here (polled every 100 ms), after the last batch committed: relayed_at is its transaction's start.
    const relayedBy = Date.now();
    if (relayed) workersUpAt ??= relayedBy;
    const delayed = await queue.getDelayedCount();
    const relay = {
      insertMs,
      leadSeconds: lead,
      relayMs: relayedBy - insertedAt,
      relayDoneBeforeFirstDueMs: relayed ? firstDueAt.getTime() - relayedBy : null,
      delayedJobsInBullmq: delayed,
    };
    drill.log(
      `${tag}: ${count} inserted in ${insertMs} ms; outbox relayed ${
        relayed ? `${relay.relayDoneBeforeFirstDueMs} ms before the first due instant` : 'NOT in time'
      }, ${delayed} delayed jobs in BullMQ`,
    );
    if (measure) {
      drill.check(
        `${tag}: the outbox was fully relayed to BullMQ before the first due instant (${delayed} delayed jobs)`,
        relayed && relay.relayDoneBeforeFirstDueMs > 0 && delayed >= count,
        relayed ? `${relay.relayDoneBeforeFirstDueMs} ms before` : 'rows still pending',
      );
    }
    await lib.sleep(Math.max(0, firstDueAt.getTime() - Date.now()));
    const cpuFrom = cpuSnapshot();
    const timeoutMs = lastDueAt.getTime() - Date.now() + 60_000 + count * 10;
    const done = await lib.waitFor(
      async () =>
        (
          await db.query(
            `SELECT count(*)::int AS n FROM follow_ups WHERE status = 'due' AND due_at BETWEEN $1 AND $2`,
            [firstDueAt, lastDueAt],
          )
        ).rows[0].n >= count,
      timeoutMs,
      250,
    );
    const cpu = await cpuSince(db, cpuFrom, { workerPids, items: count });
    if (!done) drill.log(`✗ ${tag}: not all due within ${Math.round(timeoutMs / 1000)} s`);
    const figures = await dueFigures(db, tag, firstDueAt);
    return { firstDueAt, relay, figures, cpu };
  }

  if (WARMUP > 0) {
    drill.log(`Warm-up: ${WARMUP} follow-ups through the workers (not measured)…`);
    await throughWorkers('bench:warmup', { count: WARMUP, spacingMs: 0, measure: false });
  }

  // 1. The burst.
  await db.query(`VACUUM ANALYZE follow_ups, case_events, outbox`);
  drill.log(`Burst: ${BURST} follow-ups due at one instant…`);
  const burst = await throughWorkers('bench:burst', { count: BURST, spacingMs: 0, measure: true });
  const burstRate = Math.round(BURST / (burst.figures.lastMs / 1000));
  drill.log(
    `burst: ${burstRate}/s; first due after ${burst.figures.firstMs} ms, median ${burst.figures.medianMs} ms, ` +
      `last ${burst.figures.lastMs} ms after T0`,
  );

  // 2. The same statement straight from pg: the built store's markDue over a pool of 16 connections.
  require('reflect-metadata');
  const { FollowUpStore } = built('follow-ups/src/follow-up.store.js');
  const { CaseStore, SYSTEM_ACTOR } = built('cases/src/index.js');
  const pool = new Pool({ connectionString: DATABASE_URL, max: RAW_CONNECTIONS });
  const sql = { query: async (text, values, name) => (await pool.query({ text, values, name })).rows };
  const store = new FollowUpStore(sql, new CaseStore(sql));
  drill.log(
    `Raw PostgreSQL: ${BURST} fresh follow-ups made due by FollowUpStore.markDue over ${RAW_CONNECTIONS} connections…`,
  );
  // No outbox rows: nothing but this run is to make them due.
  await insertFollowUps(db, {
    count: BURST,
    firstDueAt: new Date(Date.now() - 1000),
    spacingMs: 0,
    tag: 'bench:raw',
    actor: user.username,
    outbox: false,
  });
  const rawIds = (
    await db.query(`SELECT id FROM follow_ups WHERE note = 'bench:raw' ORDER BY created_at, id`)
  ).rows.map((row) => row.id);
  await db.query(`VACUUM ANALYZE follow_ups, case_events, outbox`);
  // Connections opened and the statement prepared on each before the clock starts, as the workers' are.
  await Promise.all(Array.from({ length: RAW_CONNECTIONS }, () => pool.query('SELECT 1')));
  const rawLatencies = [];
  let next = 0;
  let notDue = 0;
  const rawCpuFrom = cpuSnapshot();
  const rawStarted = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: RAW_CONNECTIONS }, async () => {
      while (next < rawIds.length) {
        const id = rawIds[next++];
        const started = process.hrtime.bigint();
        if (!(await store.markDue(id, new Date(), SYSTEM_ACTOR))) notDue++;
        rawLatencies.push(Number(process.hrtime.bigint() - started) / 1e6);
      }
    }),
  );
  const rawSeconds = Number(process.hrtime.bigint() - rawStarted) / 1e9;
  const rawCpu = await cpuSince(db, rawCpuFrom, { workerPids, items: BURST });
  await pool.end();
  rawLatencies.sort((a, b) => a - b);
  const at = (quantile) =>
    round(rawLatencies[Math.min(rawLatencies.length - 1, Math.floor(rawLatencies.length * quantile))], 2);
  const raw = {
    followUps: BURST,
    seconds: round(rawSeconds, 2),
    perSecond: Math.round(BURST / rawSeconds),
    statementLatencyMs: { p50: at(0.5), p99: at(0.99), max: at(1) },
    notMadeDue: notDue,
    cpu: rawCpu,
  };
  const ratio = round(burstRate / raw.perSecond, 2);
  drill.log(`raw: ${raw.perSecond}/s (${raw.seconds} s); worker ÷ raw = ${ratio}`);

  // 3. Steady arrivals.
  const steadyCount = STEADY_RATE * STEADY_SECONDS;
  drill.log(`Steady: ${steadyCount} follow-ups due at ${STEADY_RATE}/s for ${STEADY_SECONDS} s…`);
  const steady = await throughWorkers('bench:steady', {
    count: steadyCount,
    spacingMs: 1000 / STEADY_RATE,
    measure: true,
  });
  drill.log(`steady: became due after their instant by ${JSON.stringify(steady.figures.latenessMs)} ms`);

  // Verification.
  if (WARMUP > 0) await checkDueOnce(drill, db, 'bench:warmup', WARMUP);
  await checkDueOnce(drill, db, 'bench:burst', BURST);
  await checkDueOnce(drill, db, 'bench:raw', BURST);
  await checkDueOnce(drill, db, 'bench:steady', steadyCount);
  const counts = await queue.getJobCounts('failed', 'waiting', 'active', 'delayed', 'paused', 'prioritized');
  drill.check(
    `no follow-up job failed, none is left (${JSON.stringify(counts)})`,
    Object.values(counts).every((value) => value === 0),
  );
  const pending = (await db.query(`SELECT count(*)::int AS n FROM outbox WHERE relayed_at IS NULL`)).rows[0].n;
  drill.check('no outbox row is left pending', pending === 0, pending ? `${pending} pending` : undefined);
  // The log holds warnings and errors only (LOG_LEVEL=warn). What came before the relays moved their first rows is
  // the workers' start (a relay's Redis connection may still be coming up: reported, not failed on); later, a failure.
  const logged = workers.flatMap((_, index) =>
    drill
      .tail(`worker-${index + 1}`, 1e6)
      .split('\n')
      .filter(Boolean)
      .map((line) => {
        let time = null;
        try {
          time = Date.parse(JSON.parse(line).time) || null;
        } catch {
          // Not a log line of pino's: counted as a warning.
        }
        return { line: line.slice(0, 300), duringStart: time !== null && time < workersUpAt };
      }),
  );
  const startWarnings = logged.filter((entry) => entry.duringStart).map((entry) => entry.line);
  const warnings = logged.filter((entry) => !entry.duringStart).map((entry) => entry.line);
  if (startWarnings.length) drill.log(`The workers' start logged: ${startWarnings.join('\n  ')}`);
  drill.check(
    `the workers logged no warning or error once started (${startWarnings.length} while starting)`,
    warnings.length === 0,
    warnings.length ? `${warnings.length}, e.g. ${warnings[0]}` : undefined,
  );

  const floors = {
    burstPerSecond: pass(burstRate >= FLOORS.burstPerSecond),
    workerToRawRatio: pass(ratio >= FLOORS.rawRatio),
    steadyP99: pass(steady.figures.latenessMs.p99 <= FLOORS.steadyP99Ms),
  };
  drill.check(`burst: ${burstRate} follow-ups/s ≥ ${FLOORS.burstPerSecond}/s`, burstRate >= FLOORS.burstPerSecond);
  drill.check(`worker ÷ raw PostgreSQL: ${ratio} ≥ ${FLOORS.rawRatio}`, ratio >= FLOORS.rawRatio);
  drill.check(
    `steady: p99 of became_due_at − due_at ${steady.figures.latenessMs.p99} ms ≤ ${FLOORS.steadyP99Ms} ms`,
    steady.figures.latenessMs.p99 <= FLOORS.steadyP99Ms,
  );
  const report = {
    at: new Date().toISOString(),
    machine: describeMachine(),
    machineBeforeRun: { loadAverage: loadBefore, busyPercentOver3s: machineBusyBefore },
    machineAfterRun: { loadAverage: os.loadavg().map((value) => round(value, 2)) },
    settings,
    workerStartWarnings: startWarnings,
    results: {
      burst: {
        followUps: BURST,
        T0: burst.firstDueAt.toISOString(),
        perSecond: burstRate,
        firstDueAfterT0Ms: burst.figures.firstMs,
        medianDueAfterT0Ms: burst.figures.medianMs,
        lastDueAfterT0Ms: burst.figures.lastMs,
        relay: burst.relay,
        cpu: burst.cpu,
      },
      rawPostgres: raw,
      workerToRawRatio: ratio,
      steady: {
        followUps: steadyCount,
        perSecond: STEADY_RATE,
        becameDueAfterDueAtMs: steady.figures.latenessMs,
        relay: steady.relay,
        cpu: steady.cpu,
      },
    },
    floors: {
      ...floors,
      thresholds: `burst ≥ ${FLOORS.burstPerSecond}/s; worker ÷ raw ≥ ${FLOORS.rawRatio}; steady p99 ≤ ${FLOORS.steadyP99Ms} ms`,
    },
  };
  console.log(JSON.stringify(report, null, 2));
  drill.figure(
    `burst ${burstRate}/s (${floors.burstPerSecond}); raw ${raw.perSecond}/s, ratio ${ratio} (${floors.workerToRawRatio}); ` +
      `steady p99 ${steady.figures.latenessMs.p99} ms (${floors.steadyP99})`,
  );

  // A clean stop: the workers finish their jobs and close; the exit handler drops the database and the keys.
  await queue.close();
  redis.disconnect();
  await db.end();
  for (const child of workers) {
    child.expectedExit = true;
    child.kill('SIGTERM');
  }
  await Promise.race([Promise.all(workers.map((child) => child.exited)), lib.sleep(10_000)]);
  drill.finish();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
