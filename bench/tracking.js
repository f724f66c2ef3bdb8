'use strict';
/**
 * Residents' tracking benchmark (issue #9) against a running api (`npm start`): GET /track/{number}?code=… (public:
 * the keyed hash of the code, one read of the client's count of wrong look-ups in Redis beside one prepared
 * statement) beside the bare read path (bench/bare-read.js: Fastify + JWT check + one prepared SELECT, no product) as
 * calibration, in alternating rounds of 10 s, so that a noisy shared machine cannot fake a change.
 *   node bench/tracking.js [--connections 50] [--rounds 3] [--seconds 10] [--cases 500] [--category dziura-w-jezdni]
 * It first logs `--cases` cases as the demo agent (keeping their tracking codes), then cycles through them.
 * Env: BASE_URL (http://127.0.0.1:3000), BENCH_USERNAME / BENCH_PASSWORD (the demo agent); JWT_SECRET and
 * DATABASE_URL as the api's, for the bare path (from .env).
 *
 * The rate limit needs no raising: it counts wrong look-ups only, and every look-up here finds its case.
 * Any answer other than 200 (a 429 included) is counted as failed and fails the run.
 * Targets (issue #9): ≥ 3,000 look-ups/s; ≥ 0.7 × the bare path's reads/s; p99 ≤ 2 × the bare path's p99.
 */
const fs = require('node:fs');
const path = require('node:path');
const { parseArgs } = require('node:util');
const { describeMachine } = require('./machine');
const { combineRounds, logCases, ratio, runAutocannon, signIn, startBareReadPath, verdict } = require('./common');

const ROOT = path.resolve(__dirname, '..');
if (fs.existsSync(path.join(ROOT, '.env'))) process.loadEnvFile(path.join(ROOT, '.env'));
const { values: args } = parseArgs({
  options: {
    connections: { type: 'string', default: '50' },
    rounds: { type: 'string', default: '3' },
    seconds: { type: 'string', default: '10' },
    cases: { type: 'string', default: '500' },
    category: { type: 'string', default: 'dziura-w-jezdni' },
  },
});
const BASE_URL = process.env.BASE_URL || 'http://127.0.0.1:3000';
const BARE_PORT = 3100;
const BARE_URL = `http://127.0.0.1:${BARE_PORT}`;
const connections = Number(args.connections);
const rounds = Number(args.rounds);
const seconds = Number(args.seconds);
const caseCount = Number(args.cases);

function run(title, options) {
  return runAutocannon(title, { connections, duration: seconds, ...options });
}

async function main() {
  const authorization = await signIn(BASE_URL);
  process.stderr.write(`Logging ${caseCount} cases to track…\n`);
  const cases = await logCases(BASE_URL, authorization, caseCount, args.category);
  // Fixed request lists (cycled by autocannon) keep the load generator cheap: it shares the machine with the api.
  const lookUps = cases.map(({ number, trackingCode }) => ({
    path: `/api/v1/track/${number}?code=${trackingCode}`,
  }));
  const reads = cases.map(({ number }) => ({ path: `/api/v1/cases/${number}` }));
  const lookUpsOf = (title, duration = seconds) => run(title, { url: BASE_URL, requests: lookUps, duration });
  const readsOf = (title) => run(title, { url: BARE_URL, headers: { authorization }, requests: reads });

  const stopBare = await startBareReadPath(BARE_PORT);
  const trackingRounds = [];
  const bareRounds = [];
  try {
    // Both JITs warm before anything counts (the api may just have started).
    await lookUpsOf('GET /track/{number} (warm-up)', 5);
    await readsOf('bare read path (warm-up)');
    for (let round = 0; round < rounds; round++) {
      trackingRounds.push(await lookUpsOf(`GET /track/{number}, round ${round + 1}`));
      bareRounds.push(await readsOf(`bare read path, round ${round + 1}`));
    }
  } finally {
    stopBare();
  }
  const tracking = combineRounds('GET /track/{number}?code= (resident look-up)', trackingRounds);
  const bare = combineRounds('GET /cases/{number} (bare read path)', bareRounds);
  const ratios = {
    lookUpsToBare: ratio(tracking.requestsPerSecond, bare.requestsPerSecond),
    p99ToBare: ratio(tracking.latencyMs.p99, bare.latencyMs.p99),
  };
  const targets = {
    lookUpsPerSecond: `${verdict(tracking.requestsPerSecond >= 3000)} (${tracking.requestsPerSecond}/s ≥ 3,000/s)`,
    lookUpsToBare: `${verdict(ratios.lookUpsToBare >= 0.7)} (${ratios.lookUpsToBare} ≥ 0.7)`,
    p99ToBare: `${verdict(ratios.p99ToBare <= 2)} (${ratios.p99ToBare} ≤ 2)`,
    noFailures: `${verdict(tracking.failed === 0 && bare.failed === 0)} (${tracking.failed} + ${bare.failed} failed)`,
  };
  console.log(
    JSON.stringify(
      {
        at: new Date().toISOString(),
        machine: describeMachine(),
        connections,
        roundSeconds: seconds,
        cases: cases.length,
        results: [tracking, bare],
        ratios,
        targets,
      },
      null,
      2,
    ),
  );
  if (!Object.values(targets).every((line) => line.startsWith('PASS'))) process.exitCode = 1;
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
