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
const { againstBarePath, benchOptions, besideBarePath, logCases, printResult, signIn } = require('./common');

const bench = benchOptions({ cases: '500', category: 'dziura-w-jezdni' });

async function main() {
  const authorization = await signIn(bench.baseUrl);
  process.stderr.write(`Logging ${bench.args.cases} cases to track…\n`);
  const cases = await logCases(bench.baseUrl, authorization, Number(bench.args.cases), bench.args.category);
  // Fixed request lists (cycled by autocannon) keep the load generator cheap: it shares the machine with the api.
  const lookUps = cases.map(({ number, trackingCode }) => ({
    path: `/api/v1/track/${number}?code=${trackingCode}`,
  }));
  const { product: tracking, bare } = await besideBarePath(bench, {
    name: 'GET /track/{number}?code= (resident look-up)',
    route: 'GET /track/{number}',
    requests: lookUps,
    reads: cases.map(({ number }) => ({ path: `/api/v1/cases/${number}` })),
    authorization,
  });
  const { ratios, targets } = againstBarePath(tracking, bare, { name: 'lookUps', perSecond: 3000, ratio: 0.7, p99: 2 });
  printResult(bench, { cases: cases.length, results: [tracking, bare], ratios, targets });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
