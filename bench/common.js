'use strict';
/** What the HTTP benchmarks share: signing in, the bare read path as calibration, rounds combined. */
const autocannon = require('autocannon');
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { parseArgs } = require('node:util');

const BARE_PORT = 3100;

/**
 * The options every HTTP benchmark takes (`--connections 50 --rounds 3 --seconds 10`) and `extra` ones (name →
 * default, all strings), with .env loaded first (the api's JWT_SECRET and DATABASE_URL, for the bare path).
 */
function benchOptions(extra = {}) {
  const root = path.resolve(__dirname, '..');
  if (fs.existsSync(path.join(root, '.env'))) process.loadEnvFile(path.join(root, '.env'));
  const options = { connections: '50', rounds: '3', seconds: '10', ...extra };
  const { values } = parseArgs({
    options: Object.fromEntries(
      Object.entries(options).map(([name, value]) => [name, { type: 'string', default: value }]),
    ),
  });
  return {
    args: values,
    baseUrl: process.env.BASE_URL || 'http://127.0.0.1:3000',
    connections: Number(values.connections),
    rounds: Number(values.rounds),
    seconds: Number(values.seconds),
  };
}

/**
 * A product route (`requests` against the api) beside the bare read path (`reads`: case numbers' reads, started here
 * on its own port), in alternating rounds after a 5 s warm-up of the one and a round of the other, so that both JITs
 * are warm and a noisy shared machine cannot fake a change. Returns both, each combined over its rounds.
 */
async function besideBarePath(bench, { name, route, requests, reads, authorization }) {
  const run = (title, options, duration = bench.seconds) =>
    runAutocannon(title, { connections: bench.connections, duration, ...options });
  const productOf = (title, duration) => run(title, { url: bench.baseUrl, requests }, duration);
  const readsOf = (title) =>
    run(title, { url: `http://127.0.0.1:${BARE_PORT}`, headers: { authorization }, requests: reads });
  const stopBare = await startBareReadPath(BARE_PORT);
  const productRounds = [];
  const bareRounds = [];
  try {
    await productOf(`${route} (warm-up)`, 5);
    await readsOf('bare read path (warm-up)');
    for (let round = 0; round < bench.rounds; round++) {
      productRounds.push(await productOf(`${route}, round ${round + 1}`));
      bareRounds.push(await readsOf(`bare read path, round ${round + 1}`));
    }
  } finally {
    stopBare();
  }
  return {
    product: combineRounds(name, productRounds),
    bare: combineRounds('GET /cases/{number} (bare read path)', bareRounds),
  };
}

/** Who the benchmarks sign in as: the demo agent, or BENCH_USERNAME / BENCH_PASSWORD. */
function benchCredentials() {
  return {
    username: process.env.BENCH_USERNAME || 'demo.agent',
    password: process.env.BENCH_PASSWORD || 'demo-password',
  };
}

/** A bearer token of the benchmarks' user, or of the user named. */
async function signIn(baseUrl, username = benchCredentials().username) {
  const response = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: benchCredentials().password }),
  });
  if (!response.ok) throw new Error(`Sign-in failed: ${response.status} ${await response.text()}`);
  return `Bearer ${(await response.json()).accessToken}`;
}

/** Logs `count` cases of `category`, 20 at a time; returns their numbers and tracking codes (given only at intake). */
async function logCases(baseUrl, authorization, count, category = 'dziura-w-jezdni') {
  const cases = [];
  for (let start = 0; start < count; start += 20) {
    const batch = Array.from({ length: Math.min(20, count - start) }, async (_, offset) => {
      const response = await fetch(`${baseUrl}/api/v1/cases`, {
        method: 'POST',
        headers: { authorization, 'content-type': 'application/json' },
        body: JSON.stringify({
          channel: 'phone',
          categoryCode: category,
          subject: `Benchmark, zgłoszenie ${start + offset}`,
          description: 'Benchmark: dziura w jezdni przy przystanku.',
          resident: { name: 'Jan Testowy', phone: '+48 600 100 200' },
        }),
      });
      if (response.status !== 201) throw new Error(`Intake failed: ${response.status} ${await response.text()}`);
      const { number, trackingCode } = await response.json();
      return { number, trackingCode };
    });
    cases.push(...(await Promise.all(batch)));
  }
  return cases;
}

/** One autocannon run (`options`: its url, connections, duration, requests…), quiet but for one line on stderr. */
function runAutocannon(title, options) {
  return new Promise((resolve, reject) => {
    const instance = autocannon(options, (error, result) => (error ? reject(error) : resolve(result)));
    autocannon.track(instance, { renderProgressBar: false, renderResultsTable: false, renderLatencyTable: false });
    process.stderr.write(`${title}: ${options.connections} connections for ${options.duration} s…\n`);
  });
}

/** A ratio to two decimals, as the targets are written. */
const ratio = (value, base) => Math.round((value / base) * 100) / 100;
const verdict = (passed) => (passed ? 'PASS' : 'FAIL');

/**
 * The targets every read benchmark holds a route to beside the bare read path: at least `perSecond`, at least
 * `ratio` × the bare path's rate, a p99 of at most `p99` × its p99, and no failed answer. Keys are named after
 * `name` (`lookUps` → `lookUpsPerSecond`, `lookUpsToBare`).
 */
function againstBarePath(product, bare, { name, perSecond, ratio: leastRatio, p99 }) {
  const ratios = {
    [`${name}ToBare`]: ratio(product.requestsPerSecond, bare.requestsPerSecond),
    p99ToBare: ratio(product.latencyMs.p99, bare.latencyMs.p99),
  };
  const targets = {
    [`${name}PerSecond`]: `${verdict(product.requestsPerSecond >= perSecond)} (${product.requestsPerSecond}/s ≥ ${perSecond.toLocaleString('en')}/s)`,
    [`${name}ToBare`]: `${verdict(ratios[`${name}ToBare`] >= leastRatio)} (${ratios[`${name}ToBare`]} ≥ ${leastRatio})`,
    p99ToBare: `${verdict(ratios.p99ToBare <= p99)} (${ratios.p99ToBare} ≤ ${p99})`,
    noFailures: `${verdict(product.failed === 0 && bare.failed === 0)} (${product.failed} + ${bare.failed} failed)`,
  };
  return { ratios, targets };
}

/** Prints a run's result as JSON (when, on what machine, with what load), failing the run if a target failed. */
function printResult(bench, result) {
  const { describeMachine } = require('./machine');
  const header = { at: new Date().toISOString(), machine: describeMachine() };
  const load = { connections: bench.connections, roundSeconds: bench.seconds };
  console.log(JSON.stringify({ ...header, ...load, ...result }, null, 2));
  if (!Object.values(result.targets).every((line) => line.startsWith('PASS'))) process.exitCode = 1;
}

/** Starts the bare read path (bench/bare-read.js) on `port`; resolves once it listens, with a function that stops it. */
async function startBareReadPath(port) {
  const child = spawn(process.execPath, [path.join(__dirname, 'bare-read.js')], {
    env: { ...process.env, BARE_PORT: String(port) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise((resolve, reject) => {
    child.stdout.on('data', (data) => data.toString().includes('listening') && resolve());
    child.once('exit', (code) => reject(new Error(`bare-read.js exited (${code})`)));
  });
  return () => child.kill('SIGTERM');
}

/**
 * Rounds of one autocannon measurement as one: throughput over all of them, latency percentiles averaged, answers
 * counted by status (what failed says why).
 */
function combineRounds(name, rounds) {
  const mean = (pick) => Math.round(rounds.reduce((sum, round) => sum + pick(round), 0) / rounds.length);
  const ok = rounds.reduce((sum, round) => sum + round['2xx'], 0);
  const seconds = rounds.reduce((sum, round) => sum + round.duration, 0);
  return {
    name,
    requestsPerSecond: Math.round(ok / seconds),
    latencyMs: {
      p50: mean((round) => round.latency.p50),
      p90: mean((round) => round.latency.p90),
      p99: mean((round) => round.latency.p99),
      max: Math.max(...rounds.map((round) => round.latency.max)),
    },
    ok,
    failed: rounds.reduce((sum, round) => sum + round.non2xx + round.errors + round.timeouts, 0),
    statuses: rounds.reduce((counts, round) => {
      for (const [code, count] of Object.entries(round.statusCodeStats ?? {})) {
        counts[code] = (counts[code] ?? 0) + count.count;
      }
      return counts;
    }, {}),
    rounds: rounds.length,
  };
}

/** The `p`-th percentile (0–100) of sorted numbers: the smallest value at or above that share of them. */
function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

module.exports = {
  againstBarePath,
  benchCredentials,
  benchOptions,
  besideBarePath,
  combineRounds,
  logCases,
  percentile,
  printResult,
  ratio,
  runAutocannon,
  signIn,
  startBareReadPath,
  verdict,
};
