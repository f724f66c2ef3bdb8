'use strict';
/**
 * Intake benchmark against a running api (`npm start`): authenticated POST /cases, then GET /cases/{number}.
 *   node bench/intake.js [--connections 50] [--duration 30]
 * Env: BASE_URL (http://127.0.0.1:3000), BENCH_USERNAME / BENCH_PASSWORD (the demo agent).
 * Floors (issue #2): ≥ 800 creations/s with p99 ≤ 100 ms; ≥ 3,000 reads/s with p99 ≤ 20 ms.
 */
const autocannon = require('autocannon');
const { parseArgs } = require('node:util');
const { describeMachine } = require('./machine');

const { values: args } = parseArgs({
  options: { connections: { type: 'string', default: '50' }, duration: { type: 'string', default: '30' } },
});
const BASE_URL = process.env.BASE_URL || 'http://127.0.0.1:3000';
const connections = Number(args.connections);
const duration = Number(args.duration);

async function signIn() {
  const response = await fetch(`${BASE_URL}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      username: process.env.BENCH_USERNAME || 'demo.agent',
      password: process.env.BENCH_PASSWORD || 'demo-password',
    }),
  });
  if (!response.ok) throw new Error(`Sign-in failed: ${response.status} ${await response.text()}`);
  return `Bearer ${(await response.json()).accessToken}`;
}

async function someCaseNumbers(authorization) {
  const response = await fetch(`${BASE_URL}/api/v1/cases?limit=500`, { headers: { authorization } });
  const numbers = (await response.json()).items.map((item) => item.number);
  if (!numbers.length) throw new Error('No cases to read.');
  return numbers;
}

function run(title, options) {
  return new Promise((resolve, reject) => {
    const instance = autocannon({ url: BASE_URL, connections, duration, ...options }, (error, result) =>
      error ? reject(error) : resolve(result),
    );
    autocannon.track(instance, { renderProgressBar: false, renderResultsTable: false, renderLatencyTable: false });
    process.stderr.write(`${title}: ${connections} connections for ${duration} s…\n`);
  });
}

function summarise(name, result, floor) {
  const ok = result['2xx'];
  const perSecond = ok / (result.duration || duration);
  const summary = {
    name,
    requestsPerSecond: Math.round(perSecond),
    latencyMs: { p50: result.latency.p50, p90: result.latency.p90, p99: result.latency.p99, max: result.latency.max },
    ok,
    failed: result.non2xx + result.errors + result.timeouts,
    floor,
    meetsFloor: perSecond >= floor.requestsPerSecond && result.latency.p99 <= floor.p99Ms && result.non2xx === 0,
  };
  return summary;
}

async function main() {
  const authorization = await signIn();
  const headers = { authorization, 'content-type': 'application/json' };
  // Fixed request lists (cycled by autocannon) keep the load generator cheap: it shares the machine with the api.
  const creations = await run('POST /cases', {
    method: 'POST',
    headers,
    requests: Array.from({ length: 100 }, (_, index) => ({
      path: '/api/v1/cases',
      body: JSON.stringify({
        channel: 'phone',
        categoryCode: 'dziura-w-jezdni',
        subject: `Dziura w jezdni, zgłoszenie testowe ${index}`,
        description: 'Benchmark: głęboka dziura przy przystanku, zagraża rowerzystom.',
        resident: { name: 'Jan Testowy', phone: `+48 600 100 ${String(index).padStart(3, '0')}` },
        location: { address: 'Grunwaldzka 100', district: 'Wrzeszcz' },
      }),
    })),
  });
  const numbers = await someCaseNumbers(authorization);
  const reads = await run('GET /cases/{number}', {
    headers: { authorization },
    requests: numbers.map((number) => ({ path: `/api/v1/cases/${number}` })),
  });
  const report = {
    at: new Date().toISOString(),
    machine: describeMachine(),
    connections,
    durationSeconds: duration,
    results: [
      summarise('POST /cases (create)', creations, { requestsPerSecond: 800, p99Ms: 100 }),
      summarise('GET /cases/{number} (read)', reads, { requestsPerSecond: 3000, p99Ms: 20 }),
    ],
  };
  console.log(JSON.stringify(report, null, 2));
  if (!report.results.every((result) => result.meetsFloor)) process.exitCode = 1;
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
