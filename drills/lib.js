'use strict';
/**
 * What both crash drills share: the verdict (checks, the last line `N passed, M failed`), the hard timeout, the child
 * processes (api, worker, …) and their clean-up on every way out, a fresh database, the intake clients that retry
 * until acknowledged, and the final integrity check of what they were told was stored.
 */
const { spawn, spawnSync } = require('node:child_process');
const { randomBytes } = require('node:crypto');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');
const setup = require('../scripts/setup');

const API_ARGS = ['--max-semi-space-size=64', 'dist/apps/api/apps/api/src/main.js'];
const WORKER_ARGS = ['dist/apps/worker/apps/worker/src/main.js'];
/** A demo category (seed:demo) whose intake routes to a unit. */
const CATEGORY_CODE = 'dziura-w-jezdni';
const DRILL_USERNAME = 'drill.agent';

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

class Drill {
  /**
   * @param {string} name
   * @param {{timeoutSeconds: number}} options the hard limit, counted from `arm()` (after the build, which is
   *   synchronous and only runs when sources changed)
   */
  constructor(name, { timeoutSeconds }) {
    this.name = name;
    this.timeoutSeconds = timeoutSeconds;
    this.checks = [];
    this.figures = [];
    /** Synchronous clean-up steps, run last-in first-out at exit, whatever the way out. */
    this.cleanups = [];
    this.children = new Set();
    this.finished = false;
    this.startedAt = Date.now();
    this.dir = fs.mkdtempSync(path.join(os.tmpdir(), `cc-drill-${name}-`));
    process.on('exit', (code) => this.onExit(code));
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
      process.on(signal, () => this.abort(`interrupted (${signal})`));
    }
    process.on('uncaughtException', (error) => this.abort(`drill crashed: ${error.stack || error}`));
    process.on('unhandledRejection', (error) => this.abort(`drill crashed: ${(error && error.stack) || error}`));
  }

  elapsed() {
    return ((Date.now() - this.startedAt) / 1000).toFixed(1);
  }

  log(message) {
    console.log(`[${this.name} ${this.elapsed()}s] ${message}`);
  }

  /** Starts the hard timeout: past it the drill fails, cleans up and exits. */
  arm() {
    this.armedAt = Date.now();
    setTimeout(
      () => this.abort(`hard timeout of ${this.timeoutSeconds} s reached`),
      this.timeoutSeconds * 1000,
    ).unref();
  }

  check(name, ok, detail) {
    this.checks.push({ name, ok: Boolean(ok) });
    console.log(`  ${ok ? '✓' : '✗'} ${name}${detail ? ` — ${detail}` : ''}`);
    return Boolean(ok);
  }

  figure(text) {
    this.figures.push(text);
  }

  onCleanup(step) {
    this.cleanups.push(step);
  }

  abort(reason) {
    if (this.finished) return;
    this.check(reason, false);
    process.exit(1);
  }

  /** Ends the drill: clean-up and the verdict happen in the exit handler. */
  finish() {
    process.exit(this.checks.some((check) => !check.ok) ? 1 : 0);
  }

  onExit(code) {
    if (this.finished) return;
    this.finished = true;
    for (const child of this.children) {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
    while (this.cleanups.length) {
      const step = this.cleanups.pop();
      try {
        step();
      } catch (error) {
        console.error(`clean-up step failed: ${error.message}`);
      }
    }
    if (code !== 0 && !this.checks.some((check) => !check.ok)) {
      this.check(`the drill stopped early (exit ${code})`, false);
    }
    const failed = this.checks.filter((check) => !check.ok).length;
    if (this.figures.length) console.log(`figures: ${this.figures.join('; ')}`);
    console.log(`logs: ${this.dir}`);
    // Synchronous writes: the process is exiting.
    fs.writeSync(1, `${this.checks.length - failed} passed, ${failed} failed\n`);
    process.exitCode = failed ? 1 : 0;
  }

  /**
   * Starts a child process whose output goes to `<name>.log` in the drill's directory; it is killed at exit.
   * `child.exited` resolves when it ends.
   */
  spawn(name, command, args, env) {
    const log = fs.openSync(path.join(this.dir, `${name}.log`), 'a');
    const child = spawn(command, args, { cwd: setup.ROOT, env, stdio: ['ignore', log, log] });
    fs.closeSync(log);
    this.children.add(child);
    child.exited = new Promise((resolve) =>
      child.on('exit', (code, signal) => {
        this.children.delete(child);
        resolve({ code, signal });
      }),
    );
    return child;
  }

  /** The last lines of a child's log (for a failure message). */
  tail(name, lines = 5) {
    const file = path.join(this.dir, `${name}.log`);
    if (!fs.existsSync(file)) return '';
    return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  }
}

/** A port nobody listens on now. */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function waitFor(predicate, timeoutMs, intervalMs = 200) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await predicate()) return true;
    await sleep(intervalMs);
  }
  return false;
}

/** One HTTP exchange; never throws: a network error or timeout comes back as `{error}`. */
async function http(method, url, { headers = {}, body, timeoutMs = 10_000 } = {}) {
  const started = Date.now();
  try {
    const response = await fetch(url, {
      method,
      headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await response.text();
    let json;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    return { status: response.status, headers: response.headers, json, ms: Date.now() - started };
  } catch (error) {
    const cause = error.cause && (error.cause.code || error.cause.message);
    return { error: cause || error.name || error.message, ms: Date.now() - started };
  }
}

/**
 * A database the drill owns: its name must end in `_drill`, since it is dropped and created afresh; then the build,
 * migrations, demo catalogue and a staff user of its own. Returns the user's credentials.
 */
async function freshDatabase(drill, databaseUrl) {
  const name = decodeURIComponent(new URL(databaseUrl).pathname.slice(1));
  if (!/_drill$/.test(name)) throw new Error(`The drill database must be named *_drill (it is dropped), got ${name}`);
  // The drill's own database, both for the system and as owner (migrations), whatever .env says.
  process.env.DATABASE_URL = databaseUrl;
  process.env.DATABASE_ADMIN_URL = databaseUrl;
  const admin = new URL(databaseUrl);
  admin.pathname = '/postgres';
  await withClient(admin.toString(), (client) =>
    client.query(`DROP DATABASE IF EXISTS "${name.replace(/"/g, '""')}" WITH (FORCE)`),
  );
  drill.log(`Preparing ${name} (build if sources changed, migrate, demo catalogue, user ${DRILL_USERNAME})…`);
  await setup.prepare(); // services, install, secrets in .env, CREATE DATABASE, build
  setup.cli(['migrate'], { capture: true });
  setup.cli(['seed:demo'], { capture: true });
  const password = randomBytes(18).toString('base64url');
  setup.cli(['users:add', '--username', DRILL_USERNAME, '--role', 'agent'], { capture: true, input: `${password}\n` });
  const [user] = await withClient(databaseUrl, (client) =>
    client.query('SELECT id FROM users WHERE username = $1', [DRILL_USERNAME]).then((result) => result.rows),
  );
  return { username: DRILL_USERNAME, password, userId: user.id };
}

async function dropDatabase(databaseUrl) {
  const name = decodeURIComponent(new URL(databaseUrl).pathname.slice(1));
  const admin = new URL(databaseUrl);
  admin.pathname = '/postgres';
  await withClient(admin.toString(), (client) =>
    client.query(`DROP DATABASE IF EXISTS "${name.replace(/"/g, '""')}" WITH (FORCE)`),
  );
}

/** Deletes the keys a run wrote under its own prefix into a shared Redis (sign-in records live for weeks). */
async function dropRedisKeys(redisUrl, prefix) {
  const Redis = require('ioredis');
  const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await redis.connect();
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
      if (keys.length) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

/**
 * The same, synchronously (in a child process), for a clean-up step of the exit handler: the keys go on every way
 * out, a failed or interrupted run included.
 */
function dropRedisKeysSync(redisUrl, prefix) {
  const script =
    `require(${JSON.stringify(__filename)}).dropRedisKeys(process.argv[1], process.argv[2])` +
    '.catch((error) => { console.error(error.message); process.exit(1); });';
  const result = spawnSync(process.execPath, ['-e', script, redisUrl, prefix], { encoding: 'utf8', timeout: 30_000 });
  if (result.status !== 0) {
    throw new Error(
      `Could not delete the keys under ${prefix}: ${(result.stderr || result.error || '').toString().trim()}`,
    );
  }
}

async function withClient(connectionString, work) {
  const { Client } = require('pg');
  const client = new Client({ connectionString });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * A run of its own: a free port for the api, an id (`drill-<base36 time>`) and the Redis prefix made of it, and the
 * environment of the api and the worker — the drill's database, that port and prefix, `extra` settings; secrets
 * from .env.
 */
async function runEnvironment({ databaseUrl, redisUrl, extra = {} }) {
  const port = await freePort();
  const runId = `drill-${Date.now().toString(36)}`;
  const redisPrefix = `cc-drill-${runId}:`;
  const env = {
    ...process.env,
    NODE_ENV: 'development',
    PORT: String(port),
    HOST: '127.0.0.1',
    DATABASE_URL: databaseUrl,
    DATABASE_ADMIN_URL: databaseUrl,
    ...(redisUrl ? { REDIS_URL: redisUrl } : {}),
    REDIS_PREFIX: redisPrefix,
    LOG_LEVEL: 'warn',
    ...extra,
  };
  return { port, runId, redisPrefix, env };
}

/** The api process, restartable: `start()` resolves once /health answers 200 (or rejects after 60 s). */
class ApiProcess {
  constructor(drill, env) {
    this.drill = drill;
    this.env = env;
    this.baseUrl = `http://127.0.0.1:${env.PORT}`;
    this.starts = 0;
    this.unexpectedExits = 0;
  }

  async start() {
    const child = this.drill.spawn('api', process.execPath, API_ARGS, this.env);
    this.child = child;
    this.starts += 1;
    child.exited.then(({ code, signal }) => {
      if (!child.expectedExit) {
        this.unexpectedExits += 1;
        this.drill.log(`✗ api exited on its own (${signal ?? `exit ${code}`}):\n${this.drill.tail('api')}`);
      }
    });
    const started = Date.now();
    const healthy = await waitFor(
      async () => (await http('GET', `${this.baseUrl}/health`, { timeoutMs: 2000 })).status === 200,
      60_000,
      100,
    );
    if (!healthy) throw new Error(`The api did not become healthy within 60 s:\n${this.drill.tail('api')}`);
    return Date.now() - started;
  }

  /** Kills it at once (no shutdown hooks run) and waits until it is gone. */
  async kill() {
    this.child.expectedExit = true;
    this.child.kill('SIGKILL');
    await this.child.exited;
  }

  alive() {
    return this.child && this.child.exitCode === null && this.child.signalCode === null;
  }
}

/**
 * A worker process, restartable: `start()` resolves once it logged that it is ready (it runs at LOG_LEVEL=info for
 * that line) or rejects after 60 s. `name` is its log file's (`worker-1.log`, …); restarts append to it.
 */
class WorkerProcess {
  constructor(drill, env, name = 'worker') {
    this.drill = drill;
    this.env = { ...env, LOG_LEVEL: 'info' };
    this.name = name;
    this.starts = 0;
    this.unexpectedExits = 0;
  }

  async start() {
    const file = path.join(this.drill.dir, `${this.name}.log`);
    const offset = fs.existsSync(file) ? fs.statSync(file).size : 0;
    const child = this.drill.spawn(this.name, process.execPath, WORKER_ARGS, this.env);
    this.child = child;
    this.starts += 1;
    child.exited.then(({ code, signal }) => {
      if (!child.expectedExit) {
        this.unexpectedExits += 1;
        this.drill.log(
          `✗ ${this.name} exited on its own (${signal ?? `exit ${code}`}):\n${this.drill.tail(this.name)}`,
        );
      }
    });
    const started = Date.now();
    const ready = await waitFor(() => !this.alive() || readFrom(file, offset).includes('Worker ready'), 60_000, 50);
    if (!ready || !this.alive()) {
      throw new Error(`${this.name} did not become ready within 60 s:\n${this.drill.tail(this.name)}`);
    }
    return Date.now() - started;
  }

  /**
   * Sends `signal` (SIGKILL: no shutdown hooks run; SIGTERM: it lets running jobs finish) and waits until it is gone.
   * Returns how it ended and after how many ms.
   */
  async stop(signal = 'SIGKILL') {
    const child = this.child;
    child.expectedExit = true;
    const sent = Date.now();
    child.kill(signal);
    const exit = await child.exited;
    return { ...exit, ms: Date.now() - sent };
  }

  alive() {
    return this.child && this.child.exitCode === null && this.child.signalCode === null;
  }
}

function readFrom(file, offset) {
  if (!fs.existsSync(file)) return '';
  const fd = fs.openSync(file, 'r');
  try {
    const length = Math.max(0, fs.fstatSync(fd).size - offset);
    const buffer = Buffer.alloc(length);
    fs.readSync(fd, buffer, 0, length, offset);
    return buffer.toString('utf8');
  } finally {
    fs.closeSync(fd);
  }
}

function redisAnswers(port) {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(500, () => done(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (data) => done(data.toString().startsWith('+PONG')));
    socket.once('error', () => done(false));
  });
}

/**
 * A Redis of the drill's own (no persistence), so that stopping it disturbs nobody. Started again after `kill()`,
 * it is empty, as a Redis restarted without persistence is.
 */
class OwnRedis {
  constructor(drill, port) {
    Object.assign(this, { drill, port, url: `redis://127.0.0.1:${port}` });
  }

  static available() {
    return spawnSync('redis-server', ['--version']).status === 0;
  }

  async start() {
    this.child = this.drill.spawn('redis', 'redis-server', [
      '--port',
      String(this.port),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--appendonly',
      'no',
    ]);
    if (!(await waitFor(() => redisAnswers(this.port), 10_000, 100))) throw new Error('Own Redis did not start');
  }

  async kill() {
    this.child.kill('SIGKILL');
    await this.child.exited;
  }
}

async function signIn(baseUrl, { username, password }) {
  const response = await http('POST', `${baseUrl}/api/v1/auth/login`, { body: { username, password } });
  if (response.status !== 200) throw new Error(`Sign-in failed: ${response.status ?? response.error}`);
  return `Bearer ${response.json.accessToken}`;
}

/**
 * `clients` loops, each creating cases one after another as fast as answers come, every case under its own
 * Idempotency-Key (also written into the subject, since cases have no key column). A connection error, timeout,
 * 5xx or 409 idempotency_key_in_flux is retried with the same key and body until a 2xx acknowledges it.
 */
class IntakeLoad {
  constructor({ baseUrl, authorization, clients = 20, runId }) {
    Object.assign(this, { baseUrl, authorization, clients, runId });
    /** key → {number, id, at, body} for every acknowledged creation. */
    this.acknowledged = new Map();
    this.attempts = 0;
    this.retries = 0;
    this.replayedAcks = 0;
    this.networkErrors = new Map();
    /** Every 5xx answer: {at, status, contentType, code, type, retryAfter}. */
    this.serverErrors = [];
    /** Any other answer that is neither 2xx nor retryable (a failure of the drill). */
    this.unexpected = [];
    this.stopping = false;
  }

  /** The load of a drill: `DRILL_CLIENTS` clients (20) creating cases as `user` through the api. */
  static async signedIn(api, user, runId) {
    return new IntakeLoad({
      baseUrl: api.baseUrl,
      authorization: await signIn(api.baseUrl, user),
      clients: Number(process.env.DRILL_CLIENTS || 20),
      runId,
    });
  }

  start() {
    this.startedAt = Date.now();
    this.done = Promise.all(Array.from({ length: this.clients }, (_, index) => this.client(index)));
  }

  /** Stops taking new cases; resolves when every started one is acknowledged. */
  async stop() {
    this.stopping = true;
    await this.done;
    this.stoppedAt = Date.now();
  }

  acknowledgedSince(time) {
    let count = 0;
    for (const ack of this.acknowledged.values()) if (ack.at >= time) count += 1;
    return count;
  }

  async client(index) {
    for (let sequence = 1; !this.stopping; sequence += 1) {
      const key = `${this.runId}-c${index}-${sequence}`;
      const body = {
        channel: 'phone',
        categoryCode: CATEGORY_CODE,
        subject: `Drill ${key}`,
        description: 'Crash drill: a pothole reported during a simulated failure.',
        resident: { name: 'Jan Testowy', phone: `+48 600 ${String(index).padStart(3, '0')} ${sequence % 1000}` },
      };
      await this.createUntilAcknowledged(key, body);
      if (this.acknowledged.has(key)) await this.afterCase(this.acknowledged.get(key), index);
    }
  }

  /** What a client does next with a case it was acknowledged (nothing; redis-outage schedules a follow-up). */
  async afterCase() {}

  async createUntilAcknowledged(key, body) {
    for (let attempt = 1; ; attempt += 1) {
      this.attempts += 1;
      if (attempt > 1) this.retries += 1;
      const response = await http('POST', `${this.baseUrl}/api/v1/cases`, {
        headers: { authorization: this.authorization, 'idempotency-key': key },
        body,
      });
      if (response.status >= 200 && response.status < 300) {
        const replayed = response.headers.get('idempotent-replayed') === 'true';
        if (replayed) this.replayedAcks += 1;
        this.acknowledged.set(key, { number: response.json.number, id: response.json.id, at: Date.now(), body });
        return;
      }
      if (response.error) {
        this.networkErrors.set(response.error, (this.networkErrors.get(response.error) ?? 0) + 1);
      } else if (response.status >= 500) {
        this.serverErrors.push({
          at: Date.now(),
          status: response.status,
          contentType: response.headers.get('content-type'),
          code: response.json && response.json.code,
          type: response.json && response.json.type,
          retryAfter: response.headers.get('retry-after'),
        });
      } else if (!(response.status === 409 && response.json && response.json.code === 'idempotency_key_in_flux')) {
        this.unexpected.push({ key, status: response.status, body: response.json });
        return;
      }
      await sleep(150 + Math.random() * 200);
    }
  }

  summary() {
    const seconds = ((this.stoppedAt ?? Date.now()) - this.startedAt) / 1000;
    const network = [...this.networkErrors].map(([error, count]) => `${count} ${error}`).join(', ') || 'none';
    const byStatus = {};
    for (const error of this.serverErrors) byStatus[error.status] = (byStatus[error.status] ?? 0) + 1;
    return (
      `${this.acknowledged.size} cases acknowledged in ${seconds.toFixed(1)} s ` +
      `(${(this.acknowledged.size / seconds).toFixed(0)}/s) by ${this.clients} clients; ` +
      `${this.attempts} requests, ${this.retries} retries (network errors: ${network}; 5xx: ${JSON.stringify(byStatus)}); ` +
      `${this.replayedAcks} acknowledged by an idempotent replay`
    );
  }
}

/**
 * What the clients were told was stored is stored exactly once, nothing else is, and each case's history is
 * complete: checked in the database itself. `otherEvents`: event types a drill adds to the cases' histories
 * (follow-ups) and checks itself; they are left out of the history check here.
 */
async function verifyIntake(drill, { databaseUrl, userId, load, otherEvents = [] }) {
  const { cases, keys, events, orphanEvents, loads } = await withClient(databaseUrl, async (client) => ({
    cases: (await client.query('SELECT id, number, subject FROM cases')).rows,
    keys: (await client.query('SELECT key FROM idempotency_keys WHERE scope = $1', [userId])).rows,
    events: (await client.query('SELECT case_id, type, count(*)::int AS n FROM case_events GROUP BY 1, 2')).rows,
    orphanEvents: (
      await client.query(
        'SELECT count(*)::int AS n FROM case_events e WHERE NOT EXISTS (SELECT 1 FROM cases c WHERE c.id = e.case_id)',
      )
    ).rows[0].n,
    // Each member's load against their open cases plus the reservations a killed intake left for the sweep.
    loads: (
      await client.query(
        `SELECT u.username, u.open_cases AS kept,
                (SELECT count(*)::int FROM cases c WHERE c.assignee_id = u.id
                    AND c.status IN ('new', 'assigned', 'in_progress', 'waiting')) AS counted,
                (SELECT count(*)::int FROM assignment_reservations r WHERE r.user_id = u.id
                    AND NOT EXISTS (SELECT 1 FROM cases c WHERE c.id = r.case_id)) AS pending,
                (SELECT count(*)::int FROM assignment_reservations r WHERE r.user_id = u.id
                    AND EXISTS (SELECT 1 FROM cases c WHERE c.id = r.case_id)) AS unsettled
           FROM users u WHERE u.role = 'unit_staff'`,
      )
    ).rows,
  }));
  const acknowledged = load.acknowledged;
  const casesById = new Map(cases.map((row) => [row.id, row]));
  const casesByKey = new Map();
  for (const row of cases) {
    const key = row.subject.replace(/^Drill /, '');
    casesByKey.set(key, [...(casesByKey.get(key) ?? []), row]);
  }
  const keyRecords = new Set(keys.map((row) => row.key));

  drill.check(
    'the clients met no unexpected answer (only 2xx, or retryable errors)',
    load.unexpected.length === 0,
    load.unexpected.length ? JSON.stringify(load.unexpected.slice(0, 3)) : undefined,
  );
  const missing = [...acknowledged.values()].filter((ack) => {
    const row = casesById.get(ack.id);
    return !row || row.number !== ack.number;
  });
  drill.check(
    `every acknowledged case is stored, under the number and id it was acknowledged with (${acknowledged.size})`,
    acknowledged.size > 0 && missing.length === 0,
    missing.length ? `${missing.length} missing, e.g. ${missing[0].number}` : undefined,
  );
  const notOnce = [...acknowledged.keys()].filter((key) => (casesByKey.get(key) ?? []).length !== 1);
  drill.check(
    'every acknowledged key has exactly one case',
    notOnce.length === 0,
    notOnce.length ? `${notOnce.length} keys, e.g. ${notOnce[0]}: ${(casesByKey.get(notOnce[0]) ?? []).length}` : '',
  );
  // The records keep their response sealed; that each replays its own case is checked through the api (replays).
  const badKeyRows = [...casesByKey].filter(([key, rows]) => rows.length !== 1 || !keyRecords.has(key));
  drill.check(
    `no key produced two cases: ${cases.length} cases, ${casesByKey.size} keys in subjects, ${keys.length} idempotency records`,
    cases.length === casesByKey.size && cases.length === keys.length && badKeyRows.length === 0,
    badKeyRows.length ? `${badKeyRows.length} keys without one case and one record` : undefined,
  );
  const unacknowledged = [...casesByKey.keys()].filter((key) => !acknowledged.has(key));
  drill.check(
    'no case was stored that no client had acknowledged',
    unacknowledged.length === 0,
    unacknowledged.length ? `${unacknowledged.length}, e.g. ${unacknowledged[0]}` : undefined,
  );
  const history = new Map();
  for (const row of events) history.set(row.case_id, { ...(history.get(row.case_id) ?? {}), [row.type]: row.n });
  // The drill's category routes to a unit: a case's history is its creation and its routing.
  const incomplete = cases.filter((row) => {
    const types = history.get(row.id) ?? {};
    const own = Object.keys(types).filter((type) => !otherEvents.includes(type));
    return types.case_created !== 1 || types.routed !== 1 || own.length !== 2;
  });
  const besides = otherEvents.length ? ` (besides ${otherEvents.join(', ')})` : '';
  drill.check(
    `every case has a complete history: one case_created and one routed event, nothing else${besides}, and no event without its case`,
    incomplete.length === 0 && orphanEvents === 0,
    incomplete.length || orphanEvents
      ? `${incomplete.length} cases, e.g. ${incomplete[0] && JSON.stringify(history.get(incomplete[0].id))}; ${orphanEvents} orphan events`
      : undefined,
  );
  const wrongLoads = loads.filter((row) => row.kept !== row.counted + row.pending || row.unsettled !== 0);
  const pending = loads.reduce((sum, row) => sum + row.pending, 0);
  drill.check(
    `every member's load is their open cases plus the reservations left for the sweep (${pending} left)`,
    wrongLoads.length === 0,
    wrongLoads.length ? JSON.stringify(wrongLoads.slice(0, 3)) : undefined,
  );
}

/**
 * Every acknowledged request, sent again with its key and body, is answered from its idempotency record with the
 * case it was acknowledged with (the records keep their responses sealed, so this is the way to read them).
 */
async function verifyReplays(drill, { load, concurrency = 10 }) {
  const { baseUrl, authorization } = load;
  const entries = [...load.acknowledged];
  const wrong = [];
  let next = 0;
  const replayer = async () => {
    while (next < entries.length) {
      const [key, ack] = entries[next++];
      const response = await http('POST', `${baseUrl}/api/v1/cases`, {
        headers: { authorization, 'idempotency-key': key },
        body: ack.body,
      });
      const same =
        response.status === 201 &&
        response.headers.get('idempotent-replayed') === 'true' &&
        response.json.number === ack.number &&
        response.json.id === ack.id;
      if (!same) wrong.push({ key, number: ack.number, status: response.status ?? response.error });
    }
  };
  await Promise.all(Array.from({ length: concurrency }, replayer));
  drill.check(
    `every acknowledged request sent again replays its own case (201, Idempotent-Replayed, same id and number): ${entries.length}`,
    entries.length > 0 && wrong.length === 0,
    wrong.length ? `${wrong.length} did not, e.g. ${JSON.stringify(wrong[0])}` : undefined,
  );
}

/**
 * Every follow-up as the database knows it: status, instants, how many `follow_up_due` events its case's history
 * holds for it, and its outbox row(s) (how many, when relayed first, whether one is still pending).
 * Returns a Map id → {status, dueAt, becameDueAt, dueEvents, outboxRows, relayedAt, pending}.
 */
async function readFollowUps(databaseUrl) {
  const rows = await withClient(databaseUrl, (client) =>
    client
      .query(
        `WITH due_events AS (
           SELECT data ->> 'followUpId' AS id, count(*)::int AS n FROM case_events
            WHERE type = 'follow_up_due' GROUP BY 1),
         relays AS (
           SELECT payload ->> 'followUpId' AS id, count(*)::int AS n, min(relayed_at) AS relayed_at,
                  bool_or(relayed_at IS NULL) AS pending
             FROM outbox WHERE name = 'follow-up-due' GROUP BY 1)
         SELECT f.id, f.status, f.due_at, f.became_due_at, coalesce(d.n, 0) AS due_events,
                coalesce(r.n, 0) AS outbox_rows, r.relayed_at, coalesce(r.pending, false) AS pending
           FROM follow_ups f
           LEFT JOIN due_events d ON d.id = f.id::text
           LEFT JOIN relays r ON r.id = f.id::text`,
      )
      .then((result) => result.rows),
  );
  return new Map(
    rows.map((row) => [
      row.id,
      {
        status: row.status,
        dueAt: row.due_at.getTime(),
        becameDueAt: row.became_due_at ? row.became_due_at.getTime() : null,
        dueEvents: row.due_events,
        outboxRows: row.outbox_rows,
        relayedAt: row.relayed_at ? row.relayed_at.getTime() : null,
        pending: row.pending,
      },
    ]),
  );
}

/** Of `ids`, those not due with exactly one `follow_up_due` event, sorted into what is wrong with them. */
function notDueOnce(ids, facts) {
  const wrong = { missing: [], notDue: [], noEvent: [], twice: [] };
  for (const id of ids) {
    const fact = facts.get(id);
    if (!fact) wrong.missing.push(id);
    else if (fact.dueEvents > 1) wrong.twice.push(id);
    else if (fact.status !== 'due') wrong.notDue.push(id);
    else if (fact.dueEvents !== 1) wrong.noEvent.push(id);
  }
  wrong.count = wrong.missing.length + wrong.notDue.length + wrong.noEvent.length + wrong.twice.length;
  return wrong;
}

/** What `notDueOnce` found, in a few words. */
function describeNotDueOnce(wrong, facts) {
  const statuses = {};
  for (const id of wrong.notDue) statuses[facts.get(id).status] = (statuses[facts.get(id).status] ?? 0) + 1;
  return (
    `${wrong.missing.length} not stored, ${wrong.notDue.length} not due ${JSON.stringify(statuses)}, ` +
    `${wrong.noEvent.length} due without their event, ${wrong.twice.length} with two or more follow_up_due events`
  );
}

module.exports = {
  API_ARGS,
  ApiProcess,
  Drill,
  IntakeLoad,
  OwnRedis,
  WORKER_ARGS,
  WorkerProcess,
  describeNotDueOnce,
  dropDatabase,
  dropRedisKeys,
  dropRedisKeysSync,
  freePort,
  freshDatabase,
  http,
  notDueOnce,
  readFollowUps,
  signIn,
  sleep,
  runEnvironment,
  verifyIntake,
  verifyReplays,
  waitFor,
  withClient,
};
