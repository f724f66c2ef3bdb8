'use strict';
/**
 * pg-restart: PostgreSQL goes down twice during intake (a fast shutdown, then a crash: `stop -m immediate`), each
 * time for a few seconds, then comes back. Meanwhile the api answers 503 problem details with Retry-After and
 * /health answers 503 naming postgres; afterwards the api recovers by itself, the worker is still working, and
 * nothing acknowledged is missing. Then Redis goes down for a few seconds: intake goes on, /health names redis.
 *   npm run drill -- pg-restart
 * By default the drill creates its own PostgreSQL cluster (`<version> drill`, port 5499) and its own Redis (a free
 * port) and removes both at the end, so that nobody else's database or Redis is disturbed. Env:
 *   DRILL_PG_CLUSTER  restart this existing cluster instead (e.g. `15/main`; it is started again on every way out)
 *   DRILL_PG_PORT (5499), DRILL_PG_OUTAGE_S (5), DRILL_CLIENTS (20), DRILL_TIMEOUT_S (240)
 *   DRILL_REDIS_URL   use this Redis instead of an own one (the Redis outage is then skipped)
 */
const { execFile, spawnSync } = require('node:child_process');
const { promisify } = require('node:util');
const lib = require('./lib');

const OWN_CLUSTER = 'drill';
/** /health must answer within its own check timeout (1.5 s) plus a margin. */
const HEALTH_ANSWER_MS = 3000;

function run(command, args) {
  const result = spawnSync(command, args, { encoding: 'utf8' });
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} failed: ${(result.stderr || result.error || '').toString().trim()}`);
  }
  return result.stdout;
}

/** Clusters as `pg_lsclusters` lists them. */
function clusters() {
  return run('pg_lsclusters', ['-h'])
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [version, name, port, status] = line.split(/\s+/);
      return { version, name, port: Number(port), status };
    });
}

function pgctl(cluster, ...args) {
  return run('pg_ctlcluster', ['--skip-systemctl-redirect', cluster.version, cluster.name, ...args]);
}

/** The same without blocking the event loop (the clients and the health probe run in this process). */
async function pgctlAsync(cluster, ...args) {
  await promisify(execFile)('pg_ctlcluster', ['--skip-systemctl-redirect', cluster.version, cluster.name, ...args]);
}

/** The cluster to restart: an existing one named by DRILL_PG_CLUSTER, else a new one of the drill's own. */
function prepareCluster(drill) {
  const named = process.env.DRILL_PG_CLUSTER;
  if (named) {
    const [version, name] = named.split('/');
    const cluster = clusters().find((item) => item.version === version && item.name === name);
    if (!cluster) throw new Error(`No PostgreSQL cluster ${named} (pg_lsclusters)`);
    if (cluster.status !== 'online') pgctl(cluster, 'start');
    // Whatever happens, leave it running.
    drill.onCleanup(() => {
      if (clusters().find((item) => item.version === version && item.name === name).status !== 'online') {
        pgctl(cluster, 'start');
      }
    });
    return cluster;
  }
  const existing = clusters();
  const version = existing.map((item) => item.version).sort((a, b) => Number(b) - Number(a))[0];
  if (!version) throw new Error('No PostgreSQL installation found (pg_lsclusters lists no cluster)');
  const port = Number(process.env.DRILL_PG_PORT || 5499);
  if (existing.some((item) => item.version === version && item.name === OWN_CLUSTER)) {
    drill.log(`Dropping the cluster ${version}/${OWN_CLUSTER} left by an earlier run…`);
    run('pg_dropcluster', ['--stop', version, OWN_CLUSTER]);
  }
  drill.log(`Creating the throw-away cluster ${version}/${OWN_CLUSTER} on port ${port}…`);
  drill.onCleanup(() => {
    if (clusters().some((item) => item.version === version && item.name === OWN_CLUSTER)) {
      run('pg_dropcluster', ['--stop', version, OWN_CLUSTER]);
      console.log(`Dropped the cluster ${version}/${OWN_CLUSTER}.`);
    }
  });
  run('pg_createcluster', [version, OWN_CLUSTER, '--port', String(port), '--start', '--', '--auth=trust']);
  return { version, name: OWN_CLUSTER, port };
}

/** GET /health every 250 ms, keeping what it said and how long it took. */
class HealthProbe {
  constructor(baseUrl) {
    this.baseUrl = baseUrl;
    this.samples = [];
  }

  start() {
    this.running = true;
    this.done = (async () => {
      while (this.running) {
        const from = Date.now();
        const response = await lib.http('GET', `${this.baseUrl}/health`, { timeoutMs: 10_000 });
        const details = (response.json && response.json.details) || {};
        this.samples.push({
          from,
          to: Date.now(),
          status: response.status ?? response.error,
          ms: response.ms,
          postgres: details.postgres && details.postgres.status,
          redis: details.redis && details.redis.status,
        });
        await lib.sleep(250);
      }
    })();
  }

  async stop() {
    this.running = false;
    await this.done;
  }

  within(from, to) {
    return this.samples.filter((sample) => sample.from >= from && sample.to <= to);
  }
}

/**
 * Runs one purge job through the worker's queue (it reads and writes PostgreSQL) and waits for its outcome: proof
 * that the worker is alive and works with both stores.
 */
async function workerRunsAJob({ redisUrl, redisPrefix }) {
  const { Queue } = require('bullmq');
  const queue = new Queue('idempotency-purge', { connection: { url: redisUrl }, prefix: `${redisPrefix}bull` });
  queue.on('error', () => undefined);
  try {
    const job = await queue.add('drill-purge', {}, { removeOnComplete: false, removeOnFail: false });
    let state;
    await lib.waitFor(
      async () => {
        state = await job.getState();
        return state === 'completed' || state === 'failed';
      },
      20_000,
      200,
    );
    return state;
  } finally {
    await queue.close();
  }
}

module.exports = async function pgRestart() {
  const drill = new lib.Drill('pg-restart', { timeoutSeconds: Number(process.env.DRILL_TIMEOUT_S || 240) });
  const outageMs = Number(process.env.DRILL_PG_OUTAGE_S || 5) * 1000;
  const cluster = prepareCluster(drill);
  const databaseUrl = `postgres://postgres@127.0.0.1:${cluster.port}/contact_centre_drill`;
  let redis = null;
  if (process.env.DRILL_REDIS_URL) {
    process.env.REDIS_URL = process.env.DRILL_REDIS_URL;
  } else if (lib.OwnRedis.available()) {
    redis = new lib.OwnRedis(drill, await lib.freePort());
    await redis.start();
    process.env.REDIS_URL = redis.url;
  } else {
    drill.log('redis-server not found: using REDIS_URL, and skipping the Redis outage');
  }
  const redisUrl = process.env.REDIS_URL || 'redis://127.0.0.1:6379';
  const user = await lib.freshDatabase(drill, databaseUrl);
  drill.arm();

  const { port, runId, redisPrefix, env } = await lib.runEnvironment({ databaseUrl, redisUrl });
  const api = new lib.ApiProcess(drill, env);
  drill.log(`Starting the api on port ${port} and the worker…`);
  const worker = drill.spawn('worker', process.execPath, lib.WORKER_ARGS, env);
  let workerExit = null;
  worker.exited.then((exit) => (workerExit = exit));
  await api.start();
  const apiPid = api.child.pid;
  drill.check(
    'the worker runs a job (PostgreSQL and Redis) before the outages',
    (await workerRunsAJob({ redisUrl, redisPrefix })) === 'completed',
  );

  const load = await lib.IntakeLoad.signedIn(api, user, runId);
  const probe = new HealthProbe(api.baseUrl);
  drill.log(`Intake: ${load.clients} clients at full speed; /health every 250 ms`);
  load.start();
  probe.start();
  await lib.sleep(3000);

  const outages = [];
  for (const [label, mode] of [
    ['fast shutdown', 'fast'],
    ['crash (immediate shutdown)', 'immediate'],
  ]) {
    const acknowledgedBefore = load.acknowledged.size;
    await pgctlAsync(cluster, 'stop', '-m', mode);
    const down = Date.now();
    drill.log(`PostgreSQL stopped (${label}) with ${acknowledgedBefore} cases acknowledged; down for ${outageMs} ms…`);
    await lib.sleep(outageMs);
    const starting = Date.now();
    await pgctlAsync(cluster, 'start');
    const up = Date.now();
    const healthy = await lib.waitFor(
      async () => (await lib.http('GET', `${api.baseUrl}/health`, { timeoutMs: 5000 })).status === 200,
      30_000,
      100,
    );
    const recovered = Date.now();
    drill.log(
      `PostgreSQL started in ${((up - starting) / 1000).toFixed(1)} s; api healthy ${healthy ? 'again' : 'NOT'}`,
    );
    await lib.sleep(3000);
    outages.push({ label, down, starting, up, healthy, recovered, resumed: load.acknowledgedSince(recovered) });
  }

  let redisOutage = null;
  if (redis) {
    const acknowledgedBefore = load.acknowledged.size;
    const serverErrorsBefore = load.serverErrors.length;
    await redis.kill();
    const down = Date.now();
    drill.log(`Redis killed with ${acknowledgedBefore} cases acknowledged; down for ${outageMs} ms…`);
    await lib.sleep(outageMs);
    const starting = Date.now();
    const acknowledgedWhileDown = load.acknowledged.size - acknowledgedBefore;
    const serverErrorsWhileDown = load.serverErrors.length - serverErrorsBefore;
    await redis.start();
    const healthy = await lib.waitFor(
      async () => (await lib.http('GET', `${api.baseUrl}/health`, { timeoutMs: 5000 })).status === 200,
      30_000,
      100,
    );
    const recovered = Date.now();
    drill.log(
      `Redis back; api healthy ${healthy ? 'again' : 'NOT'} after ${((recovered - starting) / 1000).toFixed(1)} s`,
    );
    await lib.sleep(2000);
    redisOutage = { down, starting, healthy, recovered, acknowledgedWhileDown, serverErrorsWhileDown };
  }

  drill.log('Stopping intake (each client finishes the case it has started)…');
  await load.stop();
  await probe.stop();

  for (const [index, outage] of outages.entries()) {
    const name = `outage ${index + 1} (${outage.label})`;
    const errors = load.serverErrors.filter((error) => error.at >= outage.down && error.at <= outage.starting);
    drill.check(
      `${name}: POST /cases answered 503 database-unavailable while PostgreSQL was down`,
      errors.length > 0 && errors.every((error) => error.status === 503 && error.code === 'database_unavailable'),
      `${errors.length} answers: ${JSON.stringify(countBy(errors, (error) => `${error.status} ${error.code}`))}`,
    );
    const samples = probe.within(outage.down, outage.starting);
    const slowest = Math.max(0, ...samples.map((sample) => sample.ms));
    drill.check(
      `${name}: /health answered 503 naming postgres down, within ${HEALTH_ANSWER_MS} ms`,
      samples.length > 0 &&
        samples.every((sample) => sample.status === 503 && sample.postgres === 'down') &&
        slowest <= HEALTH_ANSWER_MS,
      `${samples.length} probes: ${JSON.stringify(countBy(samples, (s) => `${s.status} postgres ${s.postgres}`))}, slowest ${slowest} ms`,
    );
    drill.check(
      `${name}: the api recovered by itself (same process) and intake resumed`,
      outage.healthy && api.child.pid === apiPid && api.alive() && outage.resumed > 0,
      `healthy ${((outage.recovered - outage.up) / 1000).toFixed(1)} s after PostgreSQL was up; ` +
        `${outage.resumed} cases acknowledged in the next 3 s`,
    );
  }
  const malformed = load.serverErrors.filter(
    (error) =>
      error.status !== 503 ||
      !/^application\/problem\+json/.test(error.contentType || '') ||
      error.code !== 'database_unavailable' ||
      error.type !== 'https://contact-centre.gdansk.pl/problems/database-unavailable' ||
      !(Number(error.retryAfter) > 0),
  );
  drill.check(
    'every 5xx of the drill was a 503 application/problem+json database-unavailable with Retry-After (no 500)',
    malformed.length === 0,
    `${load.serverErrors.length} 5xx` + (malformed.length ? `; not so: ${JSON.stringify(malformed.slice(0, 3))}` : ''),
  );
  if (redisOutage) {
    const samples = probe.within(redisOutage.down + 1000, redisOutage.starting);
    drill.check(
      'Redis down: intake went on without a server error',
      redisOutage.acknowledgedWhileDown > 0 && redisOutage.serverErrorsWhileDown === 0,
      `${redisOutage.acknowledgedWhileDown} cases acknowledged, ${redisOutage.serverErrorsWhileDown} 5xx`,
    );
    drill.check(
      'Redis down: /health answered 503 naming redis down, postgres up',
      samples.length > 0 &&
        samples.every((sample) => sample.status === 503 && sample.redis === 'down' && sample.postgres === 'up'),
      `${samples.length} probes: ${JSON.stringify(countBy(samples, (s) => `${s.status} redis ${s.redis}`))}`,
    );
    drill.check(
      'Redis back: the api is healthy again by itself',
      redisOutage.healthy && api.child.pid === apiPid,
      `after ${((redisOutage.recovered - redisOutage.starting) / 1000).toFixed(1)} s`,
    );
  }

  await lib.verifyIntake(drill, { databaseUrl, userId: user.userId, load });
  await lib.verifyReplays(drill, { load });
  drill.check('the api never stopped', api.alive() && api.starts === 1 && api.unexpectedExits === 0);
  drill.check(
    'the worker survived the outages and still runs a job',
    workerExit === null && (await workerRunsAJob({ redisUrl, redisPrefix })) === 'completed',
    workerExit ? `it exited: ${JSON.stringify(workerExit)}\n${drill.tail('worker')}` : undefined,
  );

  drill.figure(load.summary());
  drill.figure(
    outages
      .map(
        (outage) =>
          `${outage.label}: down ${((outage.up - outage.down) / 1000).toFixed(1)} s, ` +
          `api healthy ${((outage.recovered - outage.up) / 1000).toFixed(1)} s after`,
      )
      .join('; '),
  );
  const slowest = Math.max(0, ...probe.samples.map((sample) => sample.ms));
  drill.figure(`${probe.samples.length} health probes, slowest ${slowest} ms`);
  drill.figure(`drill ${((Date.now() - drill.armedAt) / 1000).toFixed(0)} s after setup`);
  await api.kill();
  worker.kill('SIGTERM');
  await worker.exited;
  if (!redis) await lib.dropRedisKeys(redisUrl, redisPrefix); // a shared Redis; an own one is gone with its process
  if (process.env.DRILL_PG_CLUSTER && !drill.checks.some((check) => !check.ok) && !process.env.DRILL_KEEP) {
    await lib.dropDatabase(databaseUrl);
  }
  drill.finish();
};

function countBy(items, keyOf) {
  const counts = {};
  for (const item of items) counts[keyOf(item)] = (counts[keyOf(item)] ?? 0) + 1;
  return counts;
}
